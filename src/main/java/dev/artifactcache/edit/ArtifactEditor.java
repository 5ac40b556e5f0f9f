package dev.artifactcache.edit;

import dev.artifactcache.collection.ArtifactFiles;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestEntry;
import dev.artifactcache.collection.ManifestException;
import dev.artifactcache.collection.MetadataFileException;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.sync.ArtifactResult;
import dev.artifactcache.sync.OwnWrites;
import dev.artifactcache.sync.Outcome;
import dev.artifactcache.sync.Selection;
import dev.artifactcache.sync.SyncReport;
import dev.artifactcache.sync.SyncLog;
import dev.artifactcache.sync.Synchronizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The web edit flow of the design (Web → files → cache refresh → response): under the write
 * path's lock, reads the artifact's files, checks the client's {@code If-Match} against the file
 * on disk, rewrites the frontmatter and/or the manifest entry atomically, and syncs the artifact
 * so the answer is what the next read shows. A refused edit writes nothing.
 */
public final class ArtifactEditor {

    private static final Logger LOG = Logger.getLogger(ArtifactEditor.class.getName());

    /**
     * @param row   the artifact as the cache now holds it (null only if the sync failed to index it)
     * @param files the files written, relative to the collection folder (empty when nothing changed)
     */
    public record Result(ArtifactRow row, List<String> files) {
    }

    /** What the files say now, read under the lock. */
    private record Current(Manifest manifest, ManifestEntry entry, ArtifactFiles.Located metadataFile, String metadataText,
                           String hash) {
    }

    private final Synchronizer synchronizer;
    private final OwnWrites ownWrites;
    private final EditMeter meter = new EditMeter();

    public ArtifactEditor(Synchronizer synchronizer, OwnWrites ownWrites) {
        this.synchronizer = synchronizer;
        this.ownWrites = ownWrites;
    }

    /**
     * @param ifMatch the request's If-Match (an ETag from this service), or null
     * @throws RefusedException when the edit is refused; the files are then untouched. For
     *                              a 412 (the file changed) the artifact was synced first, so the
     *                              cache holds the current item
     */
    public Result edit(String collection, ArtifactId id, MetadataEdit edit, String ifMatch) throws RefusedException {
        long started = System.nanoTime();
        try {
            Result result = synchronizer.underWriteLock(() -> editLocked(collection, id, edit, ifMatch));
            String outcome = result.files().isEmpty() ? "unchanged" : "updated";
            meter.count(outcome);
            log(collection, id, outcome, String.join(",", result.files()), null, started);
            return result;
        } catch (RefusedException e) {
            meter.count("refused_" + e.status());
            log(collection, id, "refused_" + e.status(), "", e.getMessage(), started);
            throw e;
        }
    }

    /** The ETag of a content hash. */
    public static String etag(String contentHash) {
        return contentHash == null ? null : "\"" + contentHash + "\"";
    }

    private Result editLocked(String collection, ArtifactId id, MetadataEdit edit, String ifMatch) throws RefusedException {
        Current current = current(collection, id);
        if (ifMatch != null && !matches(ifMatch, current.hash())) {
            sync(collection, id); // the answer carries the current item, so the cache must hold it
            throw EditRefusals.changed(id + " changed since it was read (its file now has "
                    + "content hash " + current.hash() + "); reload it and make the edit again");
        }
        Path folder = current.manifest().folder();
        List<String> written = new ArrayList<>();
        String newMetadata = null;
        if (current.metadataFile() != null) {
            newMetadata = FrontmatterRewriter.rewrite(current.metadataText(), edit, current.metadataFile().label());
        }
        Path manifestFile = manifestFile(folder);
        String manifestText = readUtf8(manifestFile, ManifestRewriter.FILE);
        String newManifest = ManifestRewriter.rewrite(manifestText, id, edit, current.metadataFile() == null);
        try {
            if (newMetadata != null && !newMetadata.equals(current.metadataText())) {
                AtomicFile.write(current.metadataFile().file(), newMetadata.getBytes(StandardCharsets.UTF_8), ownWrites);
                written.add(current.metadataFile().label());
            }
            if (!newManifest.equals(manifestText)) {
                AtomicFile.write(manifestFile, newManifest.getBytes(StandardCharsets.UTF_8), ownWrites);
                written.add(ManifestRewriter.FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the files of " + id + " in collection \"" + collection + "\" failed", e);
        }
        ArtifactResult result = sync(collection, id);
        return new Result(result == null ? null : result.row(), written);
    }

    private Current current(String collection, ArtifactId id) throws RefusedException {
        Manifest manifest;
        try {
            manifest = synchronizer.manifest(collection);
        } catch (IllegalArgumentException | IOException e) {
            throw EditRefusals.notFound("collection", "No collection \"" + collection + "\" on disk");
        } catch (ManifestException e) {
            throw EditRefusals.unsafeFile(e.getMessage()
                    + "; the cache does not rewrite a manifest it cannot parse");
        }
        ManifestEntry entry = manifest.find(id).orElseThrow(() -> EditRefusals.notFound("artifact_id",
                "No artifact \"" + id + "\" in collection \"" + collection + "\""));
        if (!ArtifactFiles.hasMetadataFile(id.type())) {
            return new Current(manifest, entry, null, null, ArtifactFiles.contentHash(entry));
        }
        try {
            ArtifactFiles.Located located = ArtifactFiles.metadataFile(manifest.folder(), entry);
            byte[] bytes = ArtifactFiles.read(located);
            return new Current(manifest, entry, located, decode(bytes, located.label()), ArtifactFiles.contentHash(bytes));
        } catch (MetadataFileException e) {
            throw EditRefusals.unsafeFile(e.getMessage() + "; the file is not rewritten");
        }
    }

    /** collection.toml as a real path inside the collection: a link leading out is refused. */
    private static Path manifestFile(Path folder) throws RefusedException {
        try {
            Path root = folder.toRealPath();
            Path real = folder.resolve(ManifestRewriter.FILE).toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                throw EditRefusals.unsafeFile(ManifestRewriter.FILE
                        + " is a link to a file outside the collection; the cache never writes outside it");
            }
            return real;
        } catch (IOException e) {
            throw EditRefusals.unsafeFile(ManifestRewriter.FILE + " cannot be read (" + e + ")");
        }
    }

    private static String readUtf8(Path file, String label) throws RefusedException {
        try {
            return decode(Files.readAllBytes(file), label);
        } catch (IOException e) {
            throw EditRefusals.unsafeFile(label + " cannot be read (" + e + ")");
        }
    }

    /** Strict UTF-8: a file with bytes that are not would be changed by decoding and encoding it again. */
    private static String decode(byte[] bytes, String label) throws RefusedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw EditRefusals.unsafeFile(label + " is not valid UTF-8; it is not rewritten");
        }
    }

    private ArtifactResult sync(String collection, ArtifactId id) {
        SyncReport report = synchronizer.sync(collection, Selection.of(List.of(id)));
        return report.results().stream().filter(r -> r.artifactId().equals(id.toString()) && r.outcome() != Outcome.FAILED)
                .findFirst().orElse(null);
    }

    /** If-Match: {@code *}, or any of the listed ETags (weak or strong) naming this hash. */
    static boolean matches(String ifMatch, String hash) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(hash)) {
                return true;
            }
        }
        return false;
    }

    private static void log(String collection, ArtifactId id, String outcome, String files, String reason, long started) {
        StringBuilder line = new StringBuilder("event=artifact_edit collection=").append(SyncLog.quoted(collection))
                .append(" artifact_id=").append(SyncLog.quoted(id.toString())).append(" outcome=").append(outcome);
        if (!files.isEmpty()) {
            line.append(" files=").append(SyncLog.quoted(files));
        }
        if (reason != null) {
            line.append(" reason=").append(SyncLog.quoted(reason));
        }
        LOG.info(line.append(" ms=").append((System.nanoTime() - started) / 1_000_000).toString());
    }
}
