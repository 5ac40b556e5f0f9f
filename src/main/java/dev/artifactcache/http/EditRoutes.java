package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.edit.ArtifactEditor;
import dev.artifactcache.edit.EditRequest;
import dev.artifactcache.edit.MetadataEdit;
import dev.artifactcache.edit.RefusedException;
import dev.artifactcache.store.ArtifactRow;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObjectBuilder;

import java.util.Optional;

/**
 * Editing an artifact through its files (api.md, "Editing"): SkillMeat's
 * {@code PUT /artifacts/{artifact_id}?collection=} and the same as
 * {@code PATCH /user-collections/{collection_id}/artifacts/{artifact_id}}. The answer is the
 * updated item with its {@code ETag}; {@code If-Match} guards against a file changed meanwhile.
 */
public final class EditRoutes implements HttpService {

    private final ArtifactCache cache;
    private final WriteGuard guard;
    private final ArtifactEditor editor;
    private final UserCollectionJson userCollections;

    public EditRoutes(ArtifactCache cache, WriteGuard guard) {
        this.cache = cache;
        this.guard = guard;
        this.editor = new ArtifactEditor(cache.synchronizer(), cache.ownWrites());
        this.userCollections = new UserCollectionJson(cache);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/artifacts/{artifact_id}", guard.write(this::put))
                .patch("/user-collections/{collection_id}/artifacts/{artifact_id}", guard.write(this::patch));
    }

    private void put(ServerRequest req, ServerResponse res) {
        String collection = req.query().first("collection").asOptional().filter(c -> !c.isBlank())
                .orElseGet(cache.synchronizer()::activeCollection);
        edit(req, res, collection);
    }

    private void patch(ServerRequest req, ServerResponse res) {
        // under a user collection's id, the member's own folder is edited
        String collection = req.path().pathParameters().get("collection_id");
        edit(req, res, userCollections.fileCollectionOf(collection, req.path().pathParameters().get("artifact_id")));
    }

    private void edit(ServerRequest req, ServerResponse res, String collection) {
        ArtifactId id = artifactId(req.path().pathParameters().get("artifact_id"));
        SyncRoutes.requireCollection(cache, collection, "collection");
        String ifMatch = req.headers().first(HeaderNames.IF_MATCH).orElse(null);
        try {
            MetadataEdit edit = EditRequest.parse(JsonBody.read(req));
            ArtifactRow row = editor.edit(collection, id, edit, ifMatch).row();
            if (row == null) {
                throw new ApiException(Status.CONFLICT_409, "file_not_editable", "The files of " + id
                        + " were written but no longer read as a valid artifact; see its sync_error", null);
            }
            send(res, Status.OK_200, ArtifactJson.item(row, cache.staleBefore()), row);
        } catch (RefusedException e) {
            refuse(res, collection, id, e);
        }
    }

    /** The envelope of api.md; a 412 carries the current item and its ETag, so the client can show and retry. */
    private void refuse(ServerResponse res, String collection, ArtifactId id, RefusedException e) {
        Status status = Status.create(e.status());
        JsonObjectBuilder body = Json.object().add("error", e.code()).add("detail", e.getMessage());
        if (e.field() != null) {
            body.add("field", e.field());
        }
        Optional<ArtifactRow> current = e.status() == Status.PRECONDITION_FAILED_412.code()
                ? cache.index().get(collection, id.toString()) : Optional.empty();
        current.ifPresent(row -> body.add("artifact", ArtifactJson.item(row, cache.staleBefore())));
        send(res, status, body.build(), current.orElse(null));
    }

    private static void send(ServerResponse res, Status status, jakarta.json.JsonObject body, ArtifactRow row) {
        String etag = row == null ? null : ArtifactEditor.etag(row.metadata().contentHash());
        if (etag != null) {
            res.header(HeaderNames.ETAG, etag);
        }
        res.status(status).send(body);
    }

    private static ArtifactId artifactId(String text) {
        try {
            return ArtifactId.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("artifact_id", e.getMessage());
        }
    }
}
