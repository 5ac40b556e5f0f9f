package dev.artifactcache.sync;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one burst of file events asks for, gathered during the watcher's debounce window: whole
 * collections to sync, manifests to compare with their last parse, and changed paths inside
 * collections to map to their artifacts. Paths outside {@code collections/} (config.toml, the
 * home's other files) ask for nothing.
 */
final class PathChanges {

    static final String COLLECTIONS = "collections";
    static final String MANIFEST = "collection.toml";
    static final String LOCK = "collection.lock";

    private boolean allCollections;
    private final Set<String> whole = new TreeSet<>();
    private final Set<String> manifests = new TreeSet<>();
    private final Map<String, Set<String>> paths = new TreeMap<>();

    /** Records a change of {@code changed}, a path under the SkillMeat home {@code root}. */
    void add(Path root, Path changed) {
        String[] names = names(root, changed);
        if (names.length == 0 || !names[0].equals(COLLECTIONS)) {
            return;
        }
        if (names.length == 1) {
            allCollections = true; // collections/ itself appeared or went away
            return;
        }
        String collection = names[1];
        if (collection.startsWith(".")) {
            return; // never a collection name: editors' and tools' temporary files
        }
        if (names.length == 2) {
            whole.add(collection);
        } else if (names.length == 3 && (names[2].equals(MANIFEST) || names[2].equals(LOCK))) {
            manifests.add(collection);
        } else {
            String relative = String.join("/", java.util.Arrays.copyOfRange(names, 2, names.length));
            paths.computeIfAbsent(collection, c -> new TreeSet<>()).add(relative);
        }
    }

    /**
     * Records a change of {@code changed} made while its folder was not yet watched: as {@link #add},
     * except that a manifest or lock file asks for its whole collection, because the baseline it
     * would be compared with was read after the change.
     */
    void addUnwatched(Path root, Path changed) {
        add(root, changed);
        String[] names = names(root, changed);
        if (names.length == 3 && manifests.remove(names[1])) {
            whole.add(names[1]);
        }
    }

    /** Records that events of {@code folder} were lost: its collection (or every one) is synced in full. */
    void overflow(Path root, Path folder) {
        String[] names = names(root, folder);
        if (names.length < 2) {
            allCollections = true;
        } else if (names[0].equals(COLLECTIONS)) {
            whole.add(names[1]);
        }
    }

    boolean isEmpty() {
        return !allCollections && whole.isEmpty() && manifests.isEmpty() && paths.isEmpty();
    }

    /** Whether every collection must be synced in full (collections/ changed, or events were lost). */
    boolean allCollections() {
        return allCollections;
    }

    /** Collections whose folder appeared, went away or lost events. */
    Set<String> whole() {
        return whole;
    }

    /** Collections whose collection.toml or collection.lock changed. */
    Set<String> manifests() {
        return manifests;
    }

    /** Changed paths per collection, relative to the collection folder, {@code /}-separated. */
    Map<String, Set<String>> paths() {
        return paths;
    }

    private static String[] names(Path root, Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            return new String[0];
        }
        Path relative = root.relativize(path);
        String[] names = new String[relative.getNameCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = relative.getName(i).toString();
        }
        return names;
    }
}
