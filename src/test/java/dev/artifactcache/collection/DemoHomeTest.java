package dev.artifactcache.collection;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo home in etc/demo, read through the public API. Other packages' pipeline tests rely
 * on these numbers: every manifest artifact syncs (no failed rows), so rows = documents = 32.
 */
class DemoHomeTest {

    private static final SkillmeatHome HOME = new SkillmeatHome(Path.of("etc/demo"));
    private static final Map<String, List<ArtifactMetadata>> READ = new LinkedHashMap<>();

    @BeforeAll
    static void readEverything() throws Exception {
        for (String collection : HOME.collectionNames()) {
            Manifest manifest = ManifestReader.read(HOME.collectionFolder(collection));
            assertEquals(List.of(), manifest.problems(), collection);
            READ.put(collection, manifest.entries().stream().map(entry -> ArtifactReader.read(manifest, entry)).toList());
        }
    }

    private static ArtifactMetadata artifact(String collection, String id) {
        return READ.get(collection).stream().filter(m -> m.id().toString().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void thereAreTwoCollectionsAndDefaultIsActive() throws Exception {
        assertEquals(List.of("default", "work"), HOME.collectionNames());
        assertEquals("default", HOME.activeCollection());
    }

    @Test
    void countsPerCollectionAndType() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        READ.forEach((collection, artifacts) -> counts.put(collection,
                artifacts.stream().collect(Collectors.groupingBy(m -> m.type().wire(), TreeMap::new, Collectors.counting()))));

        assertEquals(Map.of(
                "default", Map.of("agent", 4L, "command", 5L, "composite", 1L, "hook", 2L, "mcp", 2L, "skill", 7L, "workflow", 1L),
                "work", Map.of("agent", 1L, "command", 2L, "composite", 1L, "hook", 1L, "mcp", 1L, "skill", 3L, "workflow", 1L)), counts);
        assertEquals(22, READ.get("default").size());
        assertEquals(10, READ.get("work").size());
    }

    @Test
    void everyArtifactSyncsAndOnlyTheInvalidYamlOneCarriesAWarning() {
        Map<String, String> warnings = new TreeMap<>();
        READ.forEach((collection, artifacts) -> artifacts.forEach(m -> {
            assertEquals(false, m.failed(), m.id() + ": " + m.syncError());
            assertEquals(null, m.syncError(), m.id().toString());
            if (!m.syncWarnings().isEmpty()) {
                warnings.put(collection + "/" + m.id(), String.join("; ", m.syncWarnings()));
            }
        }));

        assertEquals(Map.of("default/skill:api-docs-generator",
                "skills/api-docs-generator/SKILL.md: frontmatter is not valid YAML (line 3, column 70); read line by line"), warnings);
    }

    @Test
    void tagsAndToolsOfEveryArtifact() {
        Map<String, String> actual = new LinkedHashMap<>();
        READ.forEach((collection, artifacts) -> artifacts.forEach(m -> actual.put(collection + "/" + m.id(), m.tags() + " " + m.tools())));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("default/skill:pdf-tools", "[pdf, documents, extraction, forms] [Read, Grep, Bash]");
        expected.put("default/skill:docx-writer", "[documents, word] [Read, Write, Bash]");
        expected.put("default/skill:frontend-design", "[frontend, design] []");
        expected.put("default/skill:api-docs-generator", "[api, docs, openapi] [Read, Write, Glob]");
        expected.put("default/skill:data-analysis", "[data, pandas, csv, charts] [Read, Bash]");
        expected.put("default/skill:webapp-testing", "[testing, browser] [Read, Write, Bash, WebFetch]");
        expected.put("default/skill:changelog-writer", "[git, release] [Bash, Read, Write]");
        expected.put("default/command:git-commit", "[git] [Bash]");
        expected.put("default/command:review-pr", "[git, review, pull-request] [Read, Grep, Glob, Bash]");
        expected.put("default/command:file-issue", "[github] [mcp__github__create_issue, Read]");
        expected.put("default/command:explain-code", "[learning] []");
        expected.put("default/command:deploy-preview", "[deploy] [Bash, Read]");
        expected.put("default/agent:code-reviewer", "[review, quality] [Read, Grep, Glob, Bash]");
        expected.put("default/agent:kubernetes-architect", "[kubernetes, cloud, gitops, helm] [Read, Write, Edit, Bash, WebSearch]");
        expected.put("default/agent:security-auditor", "[security] [Read, Grep, Glob, WebFetch]");
        expected.put("default/agent:test-engineer", "[testing] [Read, Write, Edit, Bash]");
        expected.put("default/hook:pre-commit-lint", "[git, lint] [Bash]");
        expected.put("default/hook:session-logger", "[logging] []");
        expected.put("default/mcp:github", "[github, mcp] [mcp__github__create_issue, mcp__github__search_code]");
        expected.put("default/mcp:postgres", "[database, mcp] []");
        expected.put("default/workflow:release-train", "[release] []");
        expected.put("default/composite:fullstack-starter", "[starter] []");
        expected.put("work/skill:incident-runbook", "[incident, sre] [Read, Grep, Bash, WebFetch]");
        expected.put("work/skill:terraform-planner", "[terraform, cloud] [Read, Bash]");
        expected.put("work/skill:sql-optimizer", "[database] [Read]");
        expected.put("work/command:standup-notes", "[team] [Bash, Read]");
        expected.put("work/command:oncall-handoff", "[sre, team] [Read, mcp__pagerduty__list_incidents]");
        expected.put("work/agent:sre-oncall", "[sre] [Read, Grep, Bash, WebSearch]");
        expected.put("work/hook:audit-log", "[compliance] []");
        expected.put("work/mcp:jira", "[tickets, mcp] []");
        expected.put("work/workflow:incident-response", "[incident] []");
        expected.put("work/composite:platform-kit", "[starter, cloud] []");
        assertEquals(expected, actual);
    }

    @Test
    void pdfToolsTakesItsResolvedVersionFromTheLock() {
        String sha = "85848c94a4433ad212f2607dedcca357a32151cf";
        assertEquals(new ArtifactMetadata("default", ArtifactId.parse("skill:pdf-tools"), null,
                "https://github.com/skillmeat-demo/document-skills/tree/" + sha + "/pdf-tools", "github", null, "latest", sha, "v2.1.0", null,
                "Extract text, tables and form fields from PDF files, merge and split documents, and fill PDF forms.", null, "Apache-2.0",
                List.of("pdf", "documents", "extraction", "forms"), List.of("Read", "Grep", "Bash"),
                "83177e7f3349314f41a1cac46716c90e5bcaf853cccbdfc125b086062c3266aa", null, false,
                Instant.parse("2026-01-15T10:30:00.123456Z")), artifact("default", "skill:pdf-tools"));
    }

    @Test
    void apiDocsGeneratorIsReadLineByLine() {
        String sha = "a54ab74ddcb7a9c3da6d78d57919fff5a5ad12d2";
        assertEquals(new ArtifactMetadata("default", ArtifactId.parse("skill:api-docs-generator"), null,
                "https://github.com/skillmeat-demo/dev-skills/tree/" + sha + "/skills/api-docs-generator", "github", null, "latest", sha, "v0.4.2", null,
                "Generate API reference docs from OpenAPI specs. Use when: the user asks for endpoint documentation", null, null,
                List.of("api", "docs", "openapi"), List.of("Read", "Write", "Glob"),
                "5e2efb3b43d8113f8914544e133f84fddbaa352d582a056836ff8c91ee655b6e", null, false,
                Instant.parse("2026-01-22T09:00:00.000001Z"),
                List.of("skills/api-docs-generator/SKILL.md: frontmatter is not valid YAML (line 3, column 70); read line by line")),
                artifact("default", "skill:api-docs-generator"));
    }

    @Test
    void dataAnalysisFrontmatterOverridesTheManifestMetadata() {
        assertEquals(new ArtifactMetadata("default", ArtifactId.parse("skill:data-analysis"), "Data analysis",
                null, "local", null, null, null, null, "1.0.0",
                "Explore CSV and Parquet data with pandas, summarise it and chart the findings.", "Data Team", "MIT",
                List.of("data", "pandas", "csv", "charts"), List.of("Read", "Bash"),
                "813f10ee257fd40e58c14a6c34a25d4fa0326d63cee84c3038b7c31930727f5a", null, false,
                Instant.parse("2026-02-01T11:11:11.111111Z")), artifact("default", "skill:data-analysis"));
    }

    @Test
    void theGithubMcpServerComesFromTheManifestOnly() {
        String sha = "64b2b6d12bfe4baae7dad3d018f8cbf6b0e7a044";
        ArtifactMetadata github = artifact("default", "mcp:github");
        assertEquals(new ArtifactMetadata("default", ArtifactId.parse("mcp:github"), "GitHub MCP server",
                "https://github.com/skillmeat-demo/mcp-servers/tree/" + sha + "/github", "marketplace", "github", "latest", sha, "v0.6.0", null,
                "Issues, pull requests and code search on GitHub through MCP", "SkillMeat Demo", "MIT",
                List.of("github", "mcp"), List.of("mcp__github__create_issue", "mcp__github__search_code"),
                github.contentHash(), null, false, Instant.parse("2026-01-17T09:45:00Z")), github);
        assertEquals(64, github.contentHash().length());
    }

    @Test
    void sqlOptimizerHasNoFrontmatterSoItsDescriptionComesFromTheBody() {
        assertEquals(new ArtifactMetadata("work", ArtifactId.parse("skill:sql-optimizer"), null, null, "local", null, null, null, null, null,
                "Reads EXPLAIN plans and suggests indexes and query rewrites for PostgreSQL.", null, null,
                List.of("database"), List.of("Read"),
                "e7ab157d0134a44850f7f02685c495aaca062924fd2d9097687d1c506b425c05", null, false,
                Instant.parse("2026-02-22T10:00:00Z")), artifact("work", "skill:sql-optimizer"));
    }

    @Test
    void reviewPrKeepsTheManifestVersionOverTheLock() {
        ArtifactMetadata reviewPr = artifact("default", "command:review-pr");
        assertEquals(List.of("v2.0.0", "64b79b2e2f8c9733a997dd46a9f03d3df288033b"), List.of(reviewPr.resolvedVersion(), reviewPr.resolvedSha()));
    }
}
