package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactId;

import java.util.List;

/**
 * Which artifacts of a collection a sync looks at: every entry of the manifest (and deletes the
 * cached ones gone from it), or just these ids.
 *
 * @param ids the artifacts to sync; ignored when {@code all}
 * @param all the whole collection
 */
public record Selection(List<ArtifactId> ids, boolean all) {

    public static final Selection ALL = new Selection(List.of(), true);

    public Selection {
        ids = List.copyOf(ids);
    }

    public static Selection of(List<ArtifactId> ids) {
        return new Selection(ids, false);
    }
}
