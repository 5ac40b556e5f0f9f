package dev.artifactcache.collection;

/**
 * An {@code [[artifacts]]} table that cannot become a cache row: its name or type is missing or
 * invalid, or an earlier table already has the same {@code type:name} (the first one wins).
 *
 * @param label  {@code "type:name"} as written when both are strings, else {@code "artifacts[<index>]"} (0-based)
 * @param detail what is wrong, naming the file, line and field, e.g.
 *               {@code collection.toml line 42: artifact name "a/b" contains a path separator}
 */
public record EntryProblem(String label, String detail) {
}
