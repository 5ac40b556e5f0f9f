package dev.artifactcache.bench;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.collection.ArtifactReader;
import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestEntry;
import dev.artifactcache.collection.ManifestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HomeGeneratorTest {

    private static final HomeGenerator.Spec SPEC = new HomeGenerator.Spec(1_500, 7, 3);

    @TempDir
    Path tmp;

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        HomeGenerator.generate(tmp.resolve("a"), SPEC);
        HomeGenerator.generate(tmp.resolve("b"), SPEC);
        HomeGenerator.generate(tmp.resolve("c"), new HomeGenerator.Spec(1_500, 8, 3));

        assertEquals(treeHash(tmp.resolve("a")), treeHash(tmp.resolve("b")));
        assertNotEquals(treeHash(tmp.resolve("a")), treeHash(tmp.resolve("c")));
    }

    @Test
    void theProjectsOwnReaderParsesEveryArtifact() throws Exception {
        HomeGenerator.GeneratedHome home = HomeGenerator.generate(tmp.resolve("home"), SPEC);

        assertEquals(Map.of("default", 500, "work", 500, "team", 500), home.perCollection());
        assertEquals(SPEC.artifacts(), home.perType().values().stream().mapToInt(Integer::intValue).sum());
        Map<ArtifactType, Integer> types = new HashMap<>();
        int warnings = 0;
        int withMcpTools = 0;
        List<ArtifactMetadata> all = new ArrayList<>();
        for (String collection : home.perCollection().keySet()) {
            Manifest manifest = ManifestReader.read(home.root().resolve("collections").resolve(collection));
            assertEquals(List.of(), manifest.problems());
            assertEquals(home.perCollection().get(collection), manifest.entries().size());
            for (ManifestEntry entry : manifest.entries()) {
                ArtifactMetadata metadata = ArtifactReader.read(manifest, entry);
                all.add(metadata);
                assertFalse(metadata.failed(), () -> entry.id() + ": " + metadata.syncError());
                if (entry.upstream() != null) {
                    assertNotNull(metadata.resolvedSha(), entry.id() + ": resolved_sha from the manifest or the lock");
                }
                types.merge(metadata.type(), 1, Integer::sum);
                warnings += metadata.syncWarnings().isEmpty() ? 0 : 1;
                withMcpTools += metadata.tools().stream().anyMatch(t -> t.startsWith("mcp__")) ? 1 : 0;
            }
        }
        assertEquals(home.perType(), types);
        assertEquals(home.lenientFrontmatter(), warnings, "only the lenient frontmatter gives warnings");
        assertTrue(home.lenientFrontmatter() > 0 && home.withoutFrontmatter() > 0);
        assertTrue(withMcpTools > 0);
        for (ArtifactMetadata metadata : all) {
            String id = metadata.id().toString();
            assertTrue(metadata.tags().size() >= 1 && metadata.tags().size() <= 5, id + " tags " + metadata.tags());
            assertTrue(metadata.tools().size() <= 8, id + " tools " + metadata.tools());
            metadata.tools().forEach(tool -> assertTrue(Vocabulary.TOOLS.contains(tool) || tool.startsWith("mcp__"),
                    id + " has a tool that was not normalised: " + tool));
            assertNotNull(metadata.description(), id + " has no description");
            assertNotNull(metadata.contentHash(), id);
        }
        int skills = home.perType().get(ArtifactType.SKILL);
        assertTrue(skills > 0.5 * SPEC.artifacts() && skills < 0.62 * SPEC.artifacts(), "skills " + skills);
    }

    @Test
    void theEditableFilesHaveAPlainDescriptionLine() throws IOException {
        HomeGenerator.GeneratedHome home = HomeGenerator.generate(tmp.resolve("home"), new HomeGenerator.Spec(300, 1, 1));

        assertFalse(home.editable().isEmpty());
        for (HomeGenerator.EditableFile file : home.editable()) {
            String text = Files.readString(home.root().resolve("collections").resolve(file.collection()).resolve(file.file()));
            assertTrue(text.contains("\ndescription: ") && !text.contains("\ndescription: \"") && !text.contains("\ndescription: '"),
                    file.file());
        }
    }

    @Test
    void aFolderThatIsNotEmptyIsNeverWrittenTo() throws IOException {
        Files.writeString(tmp.resolve("mine.txt"), "keep me");

        assertThrows(IOException.class, () -> HomeGenerator.generate(tmp, SPEC));
        assertEquals("keep me", Files.readString(tmp.resolve("mine.txt")));
    }

    /** SHA-256 over every file's relative path and bytes, in path order. */
    static String treeHash(Path root) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(root.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
        }
        return files.size() + ":" + HexFormat.of().formatHex(digest.digest());
    }
}
