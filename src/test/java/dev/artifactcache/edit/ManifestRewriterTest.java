package dev.artifactcache.edit;

import dev.artifactcache.collection.ArtifactId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The exact collection.toml after each kind of edit: only the edited values change. */
class ManifestRewriterTest {

    private static final String MANIFEST = """
            # written by skillmeat
            [collection]
            name = "default"
            version = "1.0.0"

            [[artifacts]]
            name = "pdf-tools"
            type = "skill"
            path = "skills/pdf-tools"
            origin = "local"
            tags = [ # the CLI's own
              "pdf",
              'docs',
            ]
            added = "2026-01-15T10:30:00"

            [[artifacts]]
            name = "github"
            type = "mcp"
            path = 'mcps/github'
            origin = "local"
            added = "2026-02-01T08:00:00"
            [artifacts.metadata]
            description = "GitHub issues" # short
            tools = ["mcp__github__query"]
            [artifacts.metadata.extra]
            x = 1

            [[mcp_servers]]
            name = "github"
            """;

    private static final ArtifactId SKILL = ArtifactId.parse("skill:pdf-tools");
    private static final ArtifactId MCP = ArtifactId.parse("mcp:github");

    private static MetadataEdit tags(String... tags) {
        return new MetadataEdit(null, null, null, null, List.of(tags));
    }

    @Test
    void tagsOfAnEntryWithTagsAreReplacedInPlace() throws Exception {
        assertEquals(MANIFEST.replace("""
                tags = [ # the CLI's own
                  "pdf",
                  'docs',
                ]
                """, "tags = [\"pdf\", \"a \\\"quoted\\\" tag\"]\n"),
                ManifestRewriter.rewrite(MANIFEST, SKILL, tags("pdf", "a \"quoted\" tag"), false));
    }

    @Test
    void tagsAreAddedAfterTheEntrysOwnKeys() throws Exception {
        assertEquals(MANIFEST.replace("added = \"2026-02-01T08:00:00\"\n", "added = \"2026-02-01T08:00:00\"\ntags = [\"vcs\"]\n"),
                ManifestRewriter.rewrite(MANIFEST, MCP, tags("vcs"), true));
    }

    @Test
    void scalarsOfAFileLessTypeGoToItsMetadataTableKeepingTheComment() throws Exception {
        assertEquals(MANIFEST.replace("description = \"GitHub issues\" # short\ntools = [\"mcp__github__query\"]\n",
                        "description = \"Issues, PRs\" # short\ntools = [\"mcp__github__query\"]\ntitle = \"GitHub\"\nlicense = \"MIT\"\n"),
                ManifestRewriter.rewrite(MANIFEST, MCP, new MetadataEdit("GitHub", "Issues, PRs", null, "MIT", null), true));
    }

    @Test
    void aMissingMetadataTableIsAddedAfterTheEntry() throws Exception {
        assertEquals(MANIFEST.replace("added = \"2026-01-15T10:30:00\"\n",
                        "added = \"2026-01-15T10:30:00\"\n[artifacts.metadata]\nauthor = \"Ann\"\n"),
                ManifestRewriter.rewrite(MANIFEST, SKILL, new MetadataEdit(null, null, "Ann", null, null), true));
    }

    @Test
    void scalarsOfATypeWithAFileLeaveTheManifestAlone() throws Exception {
        assertEquals(MANIFEST, ManifestRewriter.rewrite(MANIFEST, SKILL, new MetadataEdit("T", "D", "A", "L", null), false));
    }

    @Test
    void metadataTagsAreRewrittenTooSoTheUnionIsTheNewList() throws Exception {
        String text = "\uFEFF[collection]\r\nname = \"c\"\r\n[[artifacts]]\r\nname = \"h\"\r\ntype = \"hook\"\r\npath = \"hooks/h\"\r\n"
                + "[artifacts.metadata]\r\ntags = [\"old\"]\r\n";
        assertEquals("\uFEFF[collection]\r\nname = \"c\"\r\n[[artifacts]]\r\nname = \"h\"\r\ntype = \"hook\"\r\npath = \"hooks/h\"\r\n"
                        + "tags = [\"new\"]\r\n[artifacts.metadata]\r\ntags = [\"new\"]\r\n",
                ManifestRewriter.rewrite(text, ArtifactId.parse("hook:h"), tags("new"), true));
    }

    @Test
    void inlineMetadataIsRefused() {
        String text = "[collection]\nname = \"c\"\n[[artifacts]]\nname = \"h\"\ntype = \"hook\"\nmetadata = { title = \"x\" }\n";
        RefusedException e = assertThrows(RefusedException.class,
                () -> ManifestRewriter.rewrite(text, ArtifactId.parse("hook:h"), new MetadataEdit("T", null, null, null, null), true));
        assertEquals("collection.toml: the metadata of hook:h is written inline (metadata = {...} or metadata.key = ...), "
                + "which the cache does not rewrite; write it as an [artifacts.metadata] table", e.getMessage());
    }

    @Test
    void aManifestThatDoesNotParseIsRefused() {
        RefusedException e = assertThrows(RefusedException.class,
                () -> ManifestRewriter.rewrite(MANIFEST + "oops = \n", SKILL, tags("a"), false));
        assertEquals("file_not_editable", e.code());
    }

    @Test
    void anUnknownEntryIsNotFound() {
        RefusedException e = assertThrows(RefusedException.class,
                () -> ManifestRewriter.rewrite(MANIFEST, ArtifactId.parse("agent:nobody"), tags("a"), false));
        assertEquals("artifact_not_found", e.code());
    }
}
