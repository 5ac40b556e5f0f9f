package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.edit.RefusedException;
import dev.artifactcache.membership.UserCollection;
import dev.artifactcache.membership.UserCollections;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.store.RowKey;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SkillMeat's user-collection write routes (database only): create, rename or describe, delete,
 * add and remove members. A folder of SkillMeat files is a file collection: it is changed with
 * SkillMeat's CLI, never here (409).
 */
public final class UserCollectionRoutes implements HttpService {

    private final ArtifactCache cache;
    private final WriteGuard guard;
    private final UserCollectionJson json;

    public UserCollectionRoutes(ArtifactCache cache, WriteGuard guard) {
        this.cache = cache;
        this.guard = guard;
        this.json = new UserCollectionJson(cache);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/user-collections", write(this::create))
                .put("/user-collections/{collection_id}", write(this::update))
                .delete("/user-collections/{collection_id}", write(this::delete))
                .post("/user-collections/{collection_id}/artifacts", write(this::addArtifacts))
                .delete("/user-collections/{collection_id}/artifacts/{artifact_id}", write(this::removeArtifact));
    }

    /** The token check, then the handler; a refusal becomes api.md's envelope naming the field. */
    private Handler write(Handler handler) {
        return guard.write((req, res) -> {
            try {
                handler.handle(req, res);
            } catch (RefusedException e) {
                throw new ApiException(Status.create(e.status()), e.code(), e.getMessage(), e.field());
            }
        });
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonBody.read(req);
        UserCollection created = collections().create(requiredText(body, "name"), JsonBody.text(body, "description"));
        res.status(Status.CREATED_201).send(json.summary(created).json().build());
    }

    private void update(ServerRequest req, ServerResponse res) {
        String id = userCollectionId(req);
        JsonObject body = JsonBody.read(req);
        res.send(json.summary(collections().update(id, JsonBody.text(body, "name"), JsonBody.text(body, "description"))).json().build());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        collections().delete(userCollectionId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void addArtifacts(ServerRequest req, ServerResponse res) {
        String id = userCollectionId(req);
        JsonObject body = JsonBody.read(req);
        List<String> ids = JsonBody.texts(body, "artifact_ids");
        if (ids.isEmpty()) {
            throw ApiException.badParameter("artifact_ids", "artifact_ids must list at least one artifact, "
                    + "e.g. {\"artifact_ids\":[\"skill:pdf-tools\"]} or [\"default/skill:pdf-tools\"]");
        }
        List<RowKey> artifacts = new ArrayList<>();
        for (String text : ids) {
            artifacts.add(resolve(text));
        }
        UserCollections.Added added = collections().add(id, artifacts);
        res.status(Status.CREATED_201).send(Json.object()
                .add("collection_id", added.collectionId())
                .add("added_count", added.addedCount())
                .add("already_present_count", added.alreadyPresentCount())
                .add("total_artifacts", added.totalArtifacts()).build());
    }

    private void removeArtifact(ServerRequest req, ServerResponse res) {
        String id = userCollectionId(req);
        String artifactId = req.path().pathParameters().get("artifact_id");
        String collection = req.query().first("collection").asOptional()
                .orElseGet(() -> json.fileCollectionOf(id, artifactId));
        collections().remove(id, new RowKey(collection, artifactId));
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * An artifact to add: {@code <collection>/<type>:<name>}, or {@code <type>:<name>} when exactly
     * one file collection has it. It must be in the cache now (a member may go missing later).
     */
    private RowKey resolve(String text) {
        int slash = text.indexOf('/');
        String idText = slash < 0 ? text : text.substring(slash + 1);
        String id;
        try {
            id = ArtifactId.parse(idText).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("artifact_ids", e.getMessage());
        }
        List<String> holders = slash >= 0 ? List.of(text.substring(0, slash))
                : cache.catalog().all().stream().map(CollectionState::name).toList();
        List<String> found = holders.stream().filter(c -> cache.index().get(c, id).isPresent()).toList();
        if (found.isEmpty()) {
            throw new ApiException(Status.NOT_FOUND_404, "artifact_not_found", "No artifact \"" + text
                    + "\" in the cache; list the artifacts to see their ids", "artifact_ids");
        }
        if (found.size() > 1) {
            throw ApiException.badParameter("artifact_ids", "\"" + id + "\" is in several collections ("
                    + String.join(", ", found) + "); name one as <collection>/" + id);
        }
        return new RowKey(found.getFirst(), id);
    }

    /** The route's user collection id: a folder's name is refused (409), an unknown id is 404. */
    private String userCollectionId(ServerRequest req) {
        String id = req.path().pathParameters().get("collection_id");
        if (cache.catalog().contains(id)) {
            throw new ApiException(Status.CONFLICT_409, "file_collection", "\"" + id + "\" is a file collection (a folder "
                    + "of SkillMeat files); the cache does not change it: use the SkillMeat CLI, or make a user collection",
                    "collection_id");
        }
        if (!json.isUserCollection(id)) {
            String known = json.all().stream().map(UserCollection::id).collect(Collectors.joining(", "));
            throw new ApiException(Status.NOT_FOUND_404, "collection_not_found", "No user collection \"" + id + "\""
                    + (known.isEmpty() ? "; there are none yet" : "; there are: " + known), "collection_id");
        }
        return id;
    }

    private UserCollections collections() {
        return cache.userCollections();
    }

    private static String requiredText(JsonObject body, String field) {
        String text = JsonBody.text(body, field);
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter(field, field + " is required, e.g. {\"" + field + "\":\"My favourites\"}");
        }
        return text;
    }
}
