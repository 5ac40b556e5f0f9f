package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestEntry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which manifest entries a changed path belongs to, for the file watcher: the entry whose
 * {@code path} is the changed path, or a folder holding it (a file inside a skill's folder), or
 * lies inside it (a folder created or deleted as a whole). A lookup walks the changed path's
 * ancestors and one sorted range, so it costs the same for 10 entries or 100,000.
 */
final class EntryPaths {

    private final NavigableMap<String, List<ArtifactId>> byPath = new TreeMap<>();

    private EntryPaths() {
    }

    static EntryPaths of(Manifest manifest) {
        EntryPaths paths = new EntryPaths();
        for (ManifestEntry entry : manifest.entries()) {
            String path = normalized(entry.path());
            if (path != null) {
                paths.byPath.computeIfAbsent(path, p -> new ArrayList<>(1)).add(entry.id());
            }
        }
        return paths;
    }

    /** @param relativePath a path relative to the collection folder, {@code /}-separated */
    Set<ArtifactId> affectedBy(String relativePath) {
        Set<ArtifactId> ids = new LinkedHashSet<>();
        String path = normalized(relativePath);
        if (path == null) {
            return ids;
        }
        for (String at = path; at != null; at = parent(at)) {
            ids.addAll(byPath.getOrDefault(at, List.of()));
        }
        // '0' follows '/': the range holds exactly the paths under "path/".
        byPath.subMap(path + "/", true, path + "0", false).values().forEach(ids::addAll);
        return ids;
    }

    /**
     * The path as the manifest means it: {@code /}-separated, no {@code .} or empty segments. Null
     * for a path that can never be read (empty, or leaving the folder with {@code ..}).
     */
    static String normalized(String path) {
        if (path == null) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? null : String.join("/", segments);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }
}
