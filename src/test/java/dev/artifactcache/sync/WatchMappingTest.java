package dev.artifactcache.sync;

import dev.artifactcache.TestHome;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestException;
import dev.artifactcache.collection.ManifestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the watcher maps changed paths to collections and artifacts, and what a manifest edit changed. */
class WatchMappingTest {

    @TempDir
    Path tmp;

    private static Set<ArtifactId> ids(String... ids) {
        return Set.of(ids).stream().map(ArtifactId::parse).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void changedPathsAreSortedIntoCollectionsManifestsAndArtifactPaths() {
        Path root = tmp.resolve("home");
        PathChanges changes = new PathChanges();

        changes.add(root, root.resolve("config.toml"));
        assertTrue(changes.isEmpty());

        changes.add(root, root.resolve("collections/default/skills/pdf-tools/SKILL.md"));
        changes.add(root, root.resolve("collections/default/agents/reviewer.md"));
        changes.add(root, root.resolve("collections/work/collection.lock"));
        changes.add(root, root.resolve("collections/fresh"));
        changes.add(root, root.resolve("collections/.DS_Store"));

        assertFalse(changes.allCollections());
        assertEquals(Set.of("fresh"), changes.whole());
        assertEquals(Set.of("work"), changes.manifests());
        assertEquals(Map.of("default", Set.of("skills/pdf-tools/SKILL.md", "agents/reviewer.md")), changes.paths());

        changes.add(root, root.resolve("collections"));
        assertTrue(changes.allCollections());
    }

    @Test
    void overflowSyncsTheFolderCollectionOrAll() {
        Path root = tmp.resolve("home");
        PathChanges changes = new PathChanges();

        changes.overflow(root, root.resolve("collections/default/skills"));
        assertEquals(Set.of("default"), changes.whole());
        assertFalse(changes.allCollections());

        changes.overflow(root, root.resolve("collections"));
        assertTrue(changes.allCollections());
    }

    @Test
    void aChangedPathBelongsToTheEntryOfItsFileOrFolder() throws ManifestException {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: PDFs\n", "")
                .skill("default", "pdf-tools-extra", "description: More PDFs\n", "")
                .mcp("default", "github", "GitHub");
        EntryPaths paths = EntryPaths.of(ManifestReader.read(home.collection("default")));

        assertEquals(ids("skill:pdf-tools"), paths.affectedBy("skills/pdf-tools/SKILL.md"));
        assertEquals(ids("skill:pdf-tools"), paths.affectedBy("skills/pdf-tools/references/deep/guide.md"));
        assertEquals(ids("skill:pdf-tools"), paths.affectedBy("skills/pdf-tools"));
        assertEquals(ids("skill:pdf-tools", "skill:pdf-tools-extra"), paths.affectedBy("skills"));
        assertEquals(ids("mcp:github"), paths.affectedBy("mcps/github"));
        assertEquals(Set.of(), paths.affectedBy("skills/other/SKILL.md"));
        assertEquals(Set.of(), paths.affectedBy("notes.txt"));
    }

    @Test
    void manifestPathsAreNormalizedAsTheFileReaderMeansThem() {
        assertEquals("skills/pdf-tools", EntryPaths.normalized("./skills//pdf-tools/"));
        assertEquals("skills/pdf-tools", EntryPaths.normalized("skills\\pdf-tools"));
        assertNull(EntryPaths.normalized("../elsewhere"));
        assertNull(EntryPaths.normalized("."));
        assertNull(EntryPaths.normalized(null));
    }

    @Test
    void manifestDiffNamesAddedChangedAndRemovedEntriesOnly() throws ManifestException {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: PDFs\n", "")
                .skill("default", "kubernetes-architect", "description: Clusters\n", "")
                .mcp("default", "github", "GitHub");
        Manifest before = ManifestReader.read(home.collection("default"));

        home.remove("default", "skill:kubernetes-architect")
                .mcp("default", "github", "GitHub issues")
                .mcp("default", "postgres", "Postgres");
        Manifest after = ManifestReader.read(home.collection("default"));

        assertEquals(List.of("mcp:github", "mcp:postgres", "skill:kubernetes-architect"),
                ManifestDiff.changedIds(before, after).stream().map(ArtifactId::toString).sorted().toList());
        assertEquals(Set.of(), ManifestDiff.changedIds(after, ManifestReader.read(home.collection("default"))));
    }
}
