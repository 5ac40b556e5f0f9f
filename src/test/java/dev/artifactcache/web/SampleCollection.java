package dev.artifactcache.web;

import dev.artifactcache.TestHome;
import dev.artifactcache.TestHome.Artifact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic SkillMeat home for the browser tests: a main collection of a few hundred
 * artifacts (every common type and origin, overlapping tags and tools, one artifact whose file
 * cannot be read, one whose frontmatter needs the lenient reader and so carries a sync warning)
 * and a small second one.
 * Names are topic-role pairs ({@code kubernetes-deployer}), so searches have predictable answers.
 */
final class SampleCollection {

    static final String MAIN = "default";
    static final String SECOND = "work";
    /** The artifact whose sync error the page shows. */
    static final String WITH_SYNC_ERROR = "legacy-notes";
    /** An artifact read with a warning only: its frontmatter is read line by line. */
    static final String WITH_SYNC_WARNING = "wiki-notes";
    /** An artifact whose description is made of HTML that must show as text. */
    static final String WITH_MARKUP = "html-sanitizer";
    static final String MARKUP_DESCRIPTION = "Keeps <b>bold</b> & <img src=x onerror=alert(1)> as text";

    private static final String[] TOPICS = {"pdf", "docker", "kubernetes", "postgres", "react", "python", "rust",
            "terraform", "aws", "git", "testing", "security", "markdown", "csv", "slack", "jira", "figma", "openapi",
            "graphql", "redis"};
    private static final String[] TOPIC_NAMES = {"PDF", "Docker", "Kubernetes", "PostgreSQL", "React", "Python", "Rust",
            "Terraform", "AWS", "Git", "test suite", "security", "Markdown", "CSV", "Slack", "Jira", "Figma", "OpenAPI",
            "GraphQL", "Redis"};
    private static final String[] AREAS = {"docs", "devops", "devops", "data", "frontend", "backend", "backend",
            "devops", "devops", "collaboration", "testing", "security", "docs", "data", "collaboration", "collaboration",
            "frontend", "backend", "backend", "data"};
    private static final String[] ROLES = {"tools", "helper", "reviewer", "generator", "linter", "migrator", "explorer",
            "formatter", "analyzer", "deployer", "auditor", "writer", "planner", "runner", "inspector"};
    private static final String[] ROLE_PHRASES = {"Everyday %s tasks in one place", "Answers questions about %s and suggests next steps",
            "Reviews %s changes for mistakes and risky patterns", "Generates %s boilerplate from a short description",
            "Checks %s files against house style", "Moves %s setups to newer versions step by step",
            "Explores an unfamiliar %s codebase and maps it", "Formats %s consistently", "Analyzes %s usage and reports hot spots",
            "Deploys %s changes safely with rollbacks", "Audits %s configuration for compliance", "Writes %s documentation from code",
            "Plans %s work into small reviewable steps", "Runs %s jobs and summarizes the output", "Inspects %s state when something breaks"};
    private static final String[] TYPE_CYCLE = {"skill", "skill", "command", "skill", "agent", "skill", "mcp", "command",
            "skill", "agent", "skill", "hook"};
    private static final String[] ORIGIN_CYCLE = {"github", "github", "local", "github", "marketplace"};
    private static final String[] TOOLS = {"Read", "Grep", "Bash", "Edit", "Write", "Glob", "WebFetch", "WebSearch", "Task"};

    private SampleCollection() {
    }

    /** Writes the home under {@code root}. */
    static TestHome write(Path root) {
        TestHome home = new TestHome(root);
        home.artifacts(MAIN, artifacts("", TOPICS.length, ROLES.length));
        home.artifacts(SECOND, artifacts("acme-", 6, 3));
        home.skill(MAIN, WITH_SYNC_ERROR, "description: Notes kept from the old wiki\ntags: [docs]\n", "\0"); // binary: fails
        // "Notes: kept ..." is not valid YAML; the reader falls back to line by line and records why.
        home.skill(MAIN, WITH_SYNC_WARNING, "description: Notes: kept from the old wiki\ntags: [docs]\n", "");
        home.skill(MAIN, WITH_MARKUP, "description: \"" + MARKUP_DESCRIPTION + "\"\ntags: [security]\n", "");
        return home;
    }

    private static List<Artifact> artifacts(String prefix, int topics, int roles) {
        List<Artifact> artifacts = new ArrayList<>();
        int i = 0;
        for (int role = 0; role < roles; role++) {
            for (int topic = 0; topic < topics; topic++, i++) {
                Set<String> tags = new LinkedHashSet<>(List.of(TOPICS[topic], AREAS[topic]));
                if (i % 4 == 0) {
                    tags.add("productivity");
                }
                if (role == 2 || role == 10) {
                    tags.add("review");
                }
                Set<String> tools = new LinkedHashSet<>(List.of(TOOLS[i % TOOLS.length], TOOLS[(i * 7 + 3) % TOOLS.length]));
                if (role == 9 || role == 13) {
                    tools.add("Bash");
                }
                artifacts.add(new Artifact(TYPE_CYCLE[i % TYPE_CYCLE.length], prefix + TOPICS[topic] + "-" + ROLES[role],
                        ORIGIN_CYCLE[i % ORIGIN_CYCLE.length], ROLE_PHRASES[role].formatted(TOPIC_NAMES[topic]),
                        List.copyOf(tags), List.copyOf(tools), "1." + (i % 7) + "." + (i % 3)));
            }
        }
        return artifacts;
    }
}
