package dev.artifactcache.index;

import java.util.List;

/** The user collections an artifact is a member of, by its key {@code collection/id}. */
@FunctionalInterface
public interface MembershipLookup {

    MembershipLookup NONE = key -> List.of();

    /** The user collections' ids; empty when it is in none. */
    List<String> userCollectionsOf(String key);
}
