package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.index.CollectionCount;
import dev.artifactcache.membership.Member;
import dev.artifactcache.membership.UserCollection;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * User collections as the API shows them, from the index alone: SkillMeat's collection fields
 * with {@code collection_type} {@code "user"} (a folder's is {@code "file"}) and the members whose
 * artifact is gone from the files ({@code missing_count}, and in a listing {@code missing_artifacts}).
 */
final class UserCollectionJson {

    private final ArtifactCache cache;

    UserCollectionJson(ArtifactCache cache) {
        this.cache = cache;
    }

    List<UserCollection> all() {
        return cache.userCollections().all();
    }

    boolean isUserCollection(String id) {
        return cache.userCollections().contains(id);
    }

    /** The collection as {@code GET /user-collections} lists it, its counts from the index. */
    CollectionSummary summary(UserCollection collection) {
        return summaries(List.of(collection)).getFirst();
    }

    /** {@link #summary} of each collection, in order, all counted in one walk of the index. */
    List<CollectionSummary> summaries(List<UserCollection> collections) {
        Map<String, CollectionCount> counts = cache.index().userCollectionCounts(
                collections.stream().map(UserCollection::id).toList(), cache.staleBefore());
        return collections.stream().map(collection -> {
            CollectionCount count = counts.get(collection.id());
            return new CollectionSummary(collection.id(), collection.name(), CollectionSummary.USER, collection.createdAt(),
                    collection.updatedAt(), collection.description(), count.count(), count.staleCount(),
                    missing(collection).size(), List.of(), null);
        }).toList();
    }

    /** The members whose artifact the index does not hold: gone from the files, kept until they come back. */
    JsonArray missing(UserCollection collection) {
        JsonArrayBuilder missing = Json.array();
        for (Member member : collection.members()) {
            if (cache.index().get(member.artifact().collection(), member.artifact().id()).isEmpty()) {
                missing.add(Json.object().add("id", member.artifact().id()).add("collection", member.artifact().collection()));
            }
        }
        return missing.build();
    }

    /** A listing's members that are missing, for a user collection's id; empty for a folder's. */
    Optional<JsonArray> missing(String id) {
        return cache.userCollections().get(id).map(this::missing);
    }

    /**
     * The file collection of {@code artifactId} as named under a route's {@code collectionId}: a
     * user collection's member's folder, or the id itself for a folder.
     */
    String fileCollectionOf(String collectionId, String artifactId) {
        return cache.userCollections().get(collectionId)
                .flatMap(c -> c.members().stream().filter(m -> m.artifact().id().equals(artifactId)).findFirst())
                .map(m -> m.artifact().collection())
                .orElse(collectionId);
    }
}
