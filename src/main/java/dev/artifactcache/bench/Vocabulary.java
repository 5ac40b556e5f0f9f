package dev.artifactcache.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fixed word lists the generator draws from. They do not depend on the seed: the rank of a
 * tag or word is the same in every generated home, so the benchmark's query mix (which names tags
 * and words by rank) is the same for every seed and size.
 */
final class Vocabulary {

    /** Topics: the first tags, the first words of names. Most frequent first. */
    static final List<String> TOPICS = words("""
            python testing docs git docker kubernetes pdf api security review typescript react database sql
            frontend backend cli refactoring debugging performance aws terraform ci deployment monitoring logging
            java rust go javascript node css html design accessibility markdown json yaml csv excel spreadsheet
            slides presentation email calendar slack github gitlab jira linear notion figma analytics data
            machine-learning llm prompt agents planning research writing translation summarization search
            scraping browser playwright selenium jest pytest junit gradle maven npm pnpm webpack vite nextjs
            django flask fastapi spring postgres mysql redis kafka graphql grpc rest oauth auth encryption
            secrets compliance license audit changelog release versioning migration schema backup observability
            tracing metrics alerts incident oncall cost cloud azure gcp serverless lambda helm ansible nginx
            linux bash shell windows macos ios android mobile swift kotlin flutter unity game audio video image
            charts diagrams latex notebook jupyter pandas numpy statistics finance legal healthcare education
            """);

    /** Second parts of compound tags ({@code python-testing}) and of names. */
    static final List<String> QUALIFIERS = words("""
            tools helper review lint ops docs guide expert assistant generator checker formatter runner
            builder analyzer explorer architect writer manager scanner
            """);

    /** Description words: verbs, nouns and the small words that glue them, most frequent first. */
    static final List<String> WORDS = words("""
            the and for with to of a in files code use when from your project changes tests data
            create update generate review check run build write read find fix add remove convert extract
            summarize analyze validate format test deploy document explain refactor migrate search compare
            merge split parse render publish schedule monitor track report debug profile optimize secure
            scan audit clean organize rename sort filter import export upload download sync backup restore
            configure install upgrade release tag commit branch rebase diff patch issue ticket pull request
            repository workflow pipeline job task step stage service server client endpoint route handler
            function method class module package library dependency version config setting option flag
            environment variable secret token key certificate user team member role permission policy rule
            error warning failure exception crash bug regression incident alert metric log trace span event
            message notification email channel thread comment reply mention summary note page section table
            chart graph diagram image screenshot video audio transcript slide deck document spreadsheet form
            invoice receipt contract agreement clause policy report dashboard query index schema column row
            record field value type interface component layout style theme color font icon button modal
            input output stream buffer cache queue worker cluster node container image volume network port
            database storage bucket object file folder path archive bundle artifact asset resource template
            prompt context memory agent skill command hook plugin extension integration connector adapter
            quickly safely automatically consistently locally remotely incrementally carefully in-depth
            large small multiple single existing new legacy modern complex simple common typical specific
            structured unstructured readable accessible reusable testable secure fast reliable scalable
            python typescript javascript rust golang java kotlin swift sql bash markdown yaml json toml
            pdf docx xlsx pptx csv html css svg png latex github gitlab jira slack notion figma linear
            kubernetes docker terraform ansible helm aws azure gcp postgres redis kafka graphql grpc oauth
            before after during across between within without against into onto through over under
            every each all any some most many few other another same different similar related relevant
            """);

    /** A few hundred tags: the topics, then compounds, fixed by a constant seed. */
    static final List<String> TAGS = tags(300);

    /** The canonical tool names of formats.md, most used first. */
    static final List<String> TOOLS = List.of(
            "Read", "Bash", "Grep", "Glob", "Write", "Edit", "WebFetch", "Task", "TodoWrite", "WebSearch",
            "MultiEdit", "Skill", "AskUserQuestion", "NotebookEdit", "KillShell", "TaskOutput", "EnterPlanMode",
            "ExitPlanMode");

    /** Tools of MCP servers, unknown to the canonical list and kept verbatim. */
    static final List<String> MCP_TOOLS = List.of(
            "mcp__github__create_issue", "mcp__github__list_pull_requests", "mcp__slack__post_message",
            "mcp__linear__list_issues", "mcp__postgres__query", "mcp__sentry__get_issue",
            "mcp__notion__search", "mcp__filesystem__read_file", "mcp__jira__create_ticket",
            "mcp__playwright__navigate");

    /** Permission suffixes of Bash as agents write them ({@code Bash(git:*)}); one has a space inside. */
    static final List<String> BASH_PERMISSIONS = List.of("git:*", "npm run:*", "pytest:*", "docker:*", "make:*");

    static final List<String> AUTHORS = words("""
            anthropic acme-labs jdoe octocat devtools-inc mlopsguild kira-chen sam.okafor p.novak
            dataworks cloudsmith ana-lima tobias-k r.ito frontend-collective secops-team m.garcia
            oss-maintainers li-wei build-bots
            """);

    static final List<String> LICENSES = List.of("MIT", "Apache-2.0", "MIT", "BSD-3-Clause", "GPL-3.0", "MPL-2.0");

    static final List<String> OWNERS = words("""
            anthropics acme-labs agent-skills awesome-claude devtools-inc skill-market mlopsguild
            cloudsmith frontend-collective secops-team
            """);

    static final List<String> REPOS = words("skills agent-skills claude-commands agents toolkit plugins marketplace");

    static final List<String> MODELS = List.of("sonnet", "opus", "haiku", "inherit");

    private Vocabulary() {
    }

    private static List<String> words(String text) {
        return List.copyOf(new LinkedHashSet<>(List.of(text.strip().split("\\s+"))));
    }

    private static List<String> tags(int count) {
        Set<String> tags = new LinkedHashSet<>(TOPICS);
        Random fixed = new Random(0x7A65L);
        while (tags.size() < count) {
            tags.add(TOPICS.get(fixed.nextInt(TOPICS.size())) + "-" + QUALIFIERS.get(fixed.nextInt(QUALIFIERS.size())));
        }
        return List.copyOf(new ArrayList<>(tags).subList(0, count));
    }
}
