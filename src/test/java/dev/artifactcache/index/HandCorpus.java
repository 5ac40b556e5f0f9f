package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;

import java.time.Instant;
import java.util.List;

/**
 * Thirty hand-written rows with known facets (see the golden values in {@link ArtifactSearchTest}).
 * Row {@code i} was updated {@code i} hours before {@link Rows#T0} (rows 5 and 6 at the same
 * instant, to exercise the key tie-break); every fifth row is stale relative to {@link #STALE_BEFORE}.
 */
final class HandCorpus {

    static final Instant STALE_BEFORE = Rows.T0;

    static final List<ArtifactRow> ROWS = List.of(
            row(1, "default", ArtifactType.SKILL, "pdf-tools", "PDF Tools", "Extract text and tables from PDFs", List.of("pdf", "documents"), List.of("Read", "Bash"), "github"),
            row(2, "default", ArtifactType.SKILL, "kubernetes-architect", "Kubernetes Architect", "Design Kubernetes clusters and Helm charts", List.of("kubernetes", "devops", "cloud"), List.of("Read", "Write", "Bash"), "github"),
            row(3, "default", ArtifactType.AGENT, "codeReviewer", null, "Reviews pull requests for bugs and style", List.of("code-review", "quality"), List.of("Read", "Grep", "Glob"), "local"),
            row(4, "default", ArtifactType.COMMAND, "deploy", null, "Deploy the current branch to staging", List.of("devops"), List.of("Bash"), "local"),
            row(5, "default", ArtifactType.SKILL, "docx-writer", null, "Create Word documents with tracked changes", List.of("documents", "office"), List.of("Write", "Read"), "marketplace"),
            row(6, "default", ArtifactType.SKILL, "xlsx-analyst", null, "Analyse spreadsheets and build pivot tables", List.of("office", "data"), List.of("Read", "Bash"), "marketplace"),
            row(7, "default", ArtifactType.AGENT, "security-auditor", null, "Finds vulnerabilities in dependencies", List.of("security", "quality"), List.of("Read", "Grep", "WebFetch"), "github"),
            row(8, "default", ArtifactType.HOOK, "pre-commit-lint", null, "Runs linters before each commit", List.of("quality", "git"), List.of(), "local"),
            row(9, "default", ArtifactType.MCP, "github-server", null, "GitHub API access for issues and pull requests", List.of("git", "github"), List.of("mcp__github__create_issue"), "marketplace"),
            row(10, "default", ArtifactType.SKILL, "terraform-helper", null, "Plan and apply Terraform infrastructure", List.of("devops", "cloud", "infrastructure"), List.of("Bash", "Read"), "github"),
            row(11, "default", ArtifactType.COMMAND, "test-runner", null, "Run the test suite and summarise failures", List.of("testing", "quality"), List.of("Bash"), "local"),
            row(12, "default", ArtifactType.AGENT, "data-scientist", null, "Explores datasets and trains models", List.of("data", "ml"), List.of("Read", "Write", "Bash"), "github"),
            row(13, "default", ArtifactType.SKILL, "pdf-signer", null, "Sign PDF documents digitally", List.of("pdf", "security"), List.of("Read"), "marketplace"),
            row(14, "default", ArtifactType.WORKFLOW, "release-train", null, "Coordinates a release across repositories", List.of("devops", "git"), List.of("Bash", "Task"), "local"),
            row(15, "default", ArtifactType.SKILL, "markdown-linter", null, "Checks Markdown style and broken links", List.of("documents", "quality"), List.of("Read", "Grep"), "github"),
            row(16, "default", ArtifactType.AGENT, "frontend-designer", null, "Builds accessible React components", List.of("frontend", "react"), List.of("Read", "Write", "Edit"), "github"),
            row(17, "default", ArtifactType.SKILL, "api-client-generator", null, "Generates typed API clients from OpenAPI specs", List.of("api", "codegen"), List.of("Write", "Bash"), "marketplace"),
            row(18, "default", ArtifactType.COMMAND, "changelog", null, "Writes the changelog from merged pull requests", List.of("git", "documents"), List.of("Bash", "Read"), "local"),
            row(19, "default", ArtifactType.COMPOSITE, "full-stack-kit", null, "Bundle of frontend and backend helpers", List.of("frontend", "backend"), List.of(), "github"),
            row(20, "default", ArtifactType.SKILL, "sql-optimizer", null, "Rewrites slow SQL queries", List.of("data", "database"), List.of("Read"), "github"),
            row(21, "default", ArtifactType.AGENT, "incident-responder", null, "Triages production incidents <script>alert(1)</script> & pages on-call", List.of("devops", "security"), List.of("Bash", "WebFetch", "Read"), "local"),
            row(22, "default", ArtifactType.HOOK, "format-on-save", null, "Formats files after every edit", List.of("quality"), List.of(), "local"),
            row(23, "default", ArtifactType.MCP, "postgres-server", null, "Query PostgreSQL databases", List.of("database", "data"), List.of(), "marketplace"),
            row(24, "default", ArtifactType.SKILL, "image-optimizer", null, "Compresses PNG and JPEG images", List.of("images"), List.of("Bash"), "github"),
            row(25, "default", ArtifactType.COMMAND, "kube-logs", null, "Tail logs from Kubernetes pods", List.of("kubernetes", "devops"), List.of("Bash"), "local"),
            row(26, "default", ArtifactType.AGENT, "translator", null, "Translates documentation between languages", List.of("documents", "i18n"), List.of("Read", "Write"), "marketplace"),
            row(27, "default", ArtifactType.SKILL, "csv-cleaner", null, "Cleans messy CSV exports", List.of("data"), List.of("Read", "Write"), "local"),
            row(28, "default", ArtifactType.WORKFLOW, "onboarding", null, "Sets up a new developer machine", List.of("devops"), List.of("Bash"), "github"),
            row(29, "team", ArtifactType.SKILL, "pdf-merger", null, "Merge several PDF files into one", List.of("pdf"), List.of("Bash"), "github"),
            row(30, "team", ArtifactType.AGENT, "docs-writer", null, "Writes API reference docs", List.of("documents", "api"), List.of("Read", "Write"), "github")
    );

    private HandCorpus() {
    }

    private static ArtifactRow row(int i, String collection, ArtifactType type, String name, String title, String description,
                                   List<String> tags, List<String> tools, String origin) {
        Instant synced = i % 5 == 0 ? Rows.T0.minusSeconds(3600) : Rows.T0.plusSeconds(60);
        Instant updated = Rows.T0.minusSeconds(3600L * (i == 6 ? 5 : i));
        return Rows.row(collection, type, name, title, description, tags, tools, origin, synced, updated, i);
    }

    static ArtifactRow named(String name) {
        return ROWS.stream().filter(r -> r.metadata().name().equals(name)).findFirst().orElseThrow();
    }
}
