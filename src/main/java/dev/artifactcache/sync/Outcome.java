package dev.artifactcache.sync;

import java.util.Locale;

/** What one sync did to one artifact. */
public enum Outcome {
    CREATED, UPDATED, UNCHANGED, DELETED, FAILED;

    /** The lower-case spelling of the API and of metric labels. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
