package dev.artifactcache.collection;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One collection's manifest merged with its lock file.
 *
 * @param collection the collection's folder name
 * @param folder     the collection folder
 * @param stamp      the manifest and lock files' size and time, taken before parsing
 * @param entries    the usable entries, in manifest order, unique by id
 * @param problems   the {@code [[artifacts]]} tables that could not become entries, in manifest order
 * @param header     the collection's own tables: times, groups, tag definitions
 */
public record Manifest(String collection, Path folder, ManifestStamp stamp, List<ManifestEntry> entries, List<EntryProblem> problems,
                       CollectionHeader header) {

    public Manifest {
        // An indexed list keeps find() O(1) on 100,000 entries; a record cannot hold a private map.
        entries = EntryIndex.of(entries);
        problems = List.copyOf(problems);
    }

    /** A manifest with artifacts only, as tests build one. */
    public Manifest(String collection, Path folder, ManifestStamp stamp, List<ManifestEntry> entries, List<EntryProblem> problems) {
        this(collection, folder, stamp, entries, problems, CollectionHeader.EMPTY);
    }

    /** The entry with this id; with duplicate ids (only possible when built by hand) the first. */
    public Optional<ManifestEntry> find(ArtifactId id) {
        return ((EntryIndex) entries).find(id);
    }
}
