package dev.artifactcache.index;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.IOUtils;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One generation folder opened for writing and near-real-time search: a directory, its single
 * writer and the searcher manager refreshed from that writer.
 */
final class IndexGeneration implements Closeable {

    static final String APPLIED_SEQ = "applied_seq";
    static final String SCHEMA = "schema_version";
    /** Live writes are small: every apply flushes a tiny segment at its refresh anyway. */
    static final double LIVE_RAM_MB = 32;
    /**
     * A rebuild writes everything at once. A moderate buffer lets each indexing thread flush its own
     * segments while the others keep indexing, instead of one long serial flush at the commit.
     */
    static final double BULK_RAM_MB = 64;
    /** Segments up to this size stay in RAM until committed: a single sync's, not a population's. */
    static final double RAM_SEGMENT_MB = 0.5;
    static final double RAM_CACHE_MB = 16;
    /** Room a file without a size estimate needs in the RAM cache to be written there. */
    private static final long TEMP_FILE_ROOM = 1 << 20;

    final Path path;
    final IndexWriter writer;
    final SearcherManager searchers;
    private final Directory directory;
    private final long committedSeq;

    private IndexGeneration(Path path, Directory directory, IndexWriter writer, long committedSeq) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.committedSeq = committedSeq;
        this.searchers = new SearcherManager(writer, true, false, ArtifactSearcher.factory(new SegmentCache()));
    }

    /** A new, empty generation, committed at once (seq 0) so that its folder is always a valid index. */
    static IndexGeneration create(Path path, double ramBufferMb) throws IOException {
        Files.createDirectories(path);
        Directory directory = directory(path);
        IndexWriter writer = null;
        try {
            writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE, ramBufferMb));
            writer.setLiveCommitData(userData(0).entrySet());
            writer.commit();
            return new IndexGeneration(path, directory, writer, 0);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw e;
        }
    }

    /**
     * Opens an existing generation.
     *
     * @throws SchemaMismatchException when its last commit was written with another schema version
     * @throws IOException             when it is missing or unreadable
     */
    static IndexGeneration open(Path path) throws IOException {
        Directory directory = directory(path);
        IndexWriter writer = null;
        try {
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            String schema = data.get(SCHEMA);
            if (!String.valueOf(ArtifactIndex.SCHEMA_VERSION).equals(schema)) {
                throw new SchemaMismatchException("index at " + path + " has schema version " + schema + ", this build uses "
                        + ArtifactIndex.SCHEMA_VERSION);
            }
            long seq = Long.parseLong(data.getOrDefault(APPLIED_SEQ, "0"));
            writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.APPEND, LIVE_RAM_MB));
            return new IndexGeneration(path, directory, writer, seq);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw e;
        }
    }

    /** The applied sequence recorded in the commit this generation was opened from. */
    long committedSeq() {
        return committedSeq;
    }

    /** Makes every change so far durable, recording {@code seq} as applied. */
    void commit(long seq) throws IOException {
        writer.setLiveCommitData(userData(seq).entrySet());
        writer.commit();
    }

    /** After a bulk load: back to the small buffer of live writes. */
    void useLiveRamBuffer() {
        writer.getConfig().setRAMBufferSizeMB(LIVE_RAM_MB);
    }

    /** Makes every change so far visible to searchers acquired from now on. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Closes without committing: uncommitted changes are dropped (the rows replay them). */
    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }

    private static Directory directory(Path path) throws IOException {
        // The tiny segment of a single sync stays in RAM until committed, temporary files included
        // (a refresh creates no file); everything larger is memory-mapped (but for the few files
        // written without a size estimate, see RamTempFiles). A reader keeps the inputs a segment was opened
        // with, and a RAM input costs a buffer slice per postings list opened: with the old 8 MB
        // bound, the population's segments were searched that way for their whole life, which made a
        // text search over 10,000 documents a third slower.
        return new RamTempFiles(FSDirectory.open(path));
    }

    /**
     * The RAM cache of small segments, which also keeps the files written without a size estimate
     * in RAM. With an index sort, every flush writes the new documents' stored fields to temporary
     * files and reads them back in sorted order, and the field infos carry no estimate either: the
     * plain cache sent six files of each single-document refresh to disk, and creating, mapping and
     * deleting files costs this service's write path more than the flush itself. The others written
     * so are a commit's live-documents files and its {@code pending_segments_N}; a commit syncs
     * every file it names, which copies a cached one to disk first, so commits stay as durable.
     * <p>
     * The room is checked when a file is created, not as it grows. That is safe because this
     * schema stores no field and indexes its one point field in one dimension
     * ({@link ArtifactDocument}): the temporary files are a few bytes per document, and no merge
     * spills points to temporary files.
     */
    static final class RamTempFiles extends NRTCachingDirectory {
        RamTempFiles(Directory files) {
            super(files, RAM_SEGMENT_MB, RAM_CACHE_MB);
        }

        @Override
        protected boolean doCacheWrite(String name, IOContext context) {
            if (context.flushInfo() == null && context.mergeInfo() == null) {
                return ramBytesUsed() + TEMP_FILE_ROOM <= (long) (RAM_CACHE_MB * 1024 * 1024);
            }
            return super.doCacheWrite(name, context);
        }
    }

    static IndexWriterConfig config(IndexWriterConfig.OpenMode mode, double ramBufferMb) {
        IndexWriterConfig config = new IndexWriterConfig(TextAnalysis.INDEX);
        config.setOpenMode(mode);
        config.setRAMBufferSizeMB(ramBufferMb);
        config.setCommitOnClose(false);
        config.setIndexSort(SortFields.INDEX);
        // Segments flushed on every refresh are tiny: skip packing each into a compound file.
        config.setUseCompoundFile(false);
        // A refresh (and a commit) must not wait for the merge of the small segments it just
        // flushed ("merge on refresh", up to half a second by default): a single sync's reopen
        // would wait behind it. Merges run on the merge threads, after the reopen.
        config.setMaxFullFlushMergeWaitMillis(0);
        return config;
    }

    private static Map<String, String> userData(long seq) {
        return Map.of(APPLIED_SEQ, Long.toString(seq), SCHEMA, Integer.toString(ArtifactIndex.SCHEMA_VERSION));
    }

    /** The index exists but was written for another schema: it must be rebuilt, not read. */
    static final class SchemaMismatchException extends IOException {
        SchemaMismatchException(String message) {
            super(message);
        }
    }
}
