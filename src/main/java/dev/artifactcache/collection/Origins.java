package dev.artifactcache.collection;

import java.util.List;
import java.util.Set;

/**
 * Checks {@code origin} and {@code origin_source}. A bad value does not cost the artifact its
 * row (its identity is fine and its file may be perfectly readable): the value becomes null and
 * the row carries a warning naming the manifest line, so the listing shows what to fix.
 */
final class Origins {

    private static final Set<String> ORIGINS = Set.of("local", "github", "marketplace");
    private static final Set<String> SOURCES = Set.of("github", "gitlab", "bitbucket");

    /** The values to keep, and the warnings about the rest. */
    record Checked(String origin, String originSource, List<String> warnings) {
    }

    private Origins() {
    }

    static Checked check(ManifestEntry entry) {
        String where = ManifestReader.MANIFEST_FILE + " line " + entry.line() + ": ";
        String origin = entry.origin();
        if (origin == null) {
            return new Checked(null, null, List.of(where + entry.id() + " has no origin; expected local, github or marketplace"));
        }
        if (!ORIGINS.contains(origin)) {
            return new Checked(null, null, List.of(where + "origin \"" + origin + "\" is not one of local, github, marketplace"));
        }
        String source = entry.originSource();
        if (source == null) {
            return new Checked(origin, null, List.of());
        }
        if (!origin.equals("marketplace")) {
            return new Checked(origin, null, List.of(where + "origin_source is only used with origin marketplace, not " + origin + "; ignored"));
        }
        if (!SOURCES.contains(source)) {
            return new Checked(origin, null, List.of(where + "origin_source \"" + source + "\" is not one of github, gitlab, bitbucket"));
        }
        return new Checked(origin, source, List.of());
    }
}
