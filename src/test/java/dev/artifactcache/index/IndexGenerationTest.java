package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.NRTCachingDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexGenerationTest {

    @TempDir
    Path temp;

    /** The files created on disk, temporary ones by their prefix and suffix. */
    private static final class CreatedFiles extends FilterDirectory {
        final List<String> names = new ArrayList<>();

        CreatedFiles(Directory in) {
            super(in);
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            names.add(name);
            return super.createOutput(name, context);
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            names.add(prefix + "*" + suffix);
            return super.createTempOutput(prefix, suffix, context);
        }
    }

    @Test
    void aSingleDocumentRefreshWritesNoFileToDisk() throws IOException {
        assertEquals(List.of(), filesOfOneRefresh(IndexGeneration.RamTempFiles::new, temp.resolve("ram")));
    }

    @Test
    void aCommitCopiesWhatTheRamCacheHoldsToDisk() throws IOException {
        Path folder = temp.resolve("committed");
        try (IndexGeneration.RamTempFiles directory = new IndexGeneration.RamTempFiles(FSDirectory.open(folder));
             IndexWriter writer = new IndexWriter(directory, IndexGeneration.config(IndexWriterConfig.OpenMode.CREATE,
                     IndexGeneration.LIVE_RAM_MB))) {
            writer.addDocument(document(1));
            DirectoryReader.open(writer).close();
            assertTrue(directory.listCachedFiles().length > 0, "the refresh's segment is in RAM");
            writer.commit();
            assertEquals(List.of(), List.of(directory.listCachedFiles()));
        }
        try (Directory disk = FSDirectory.open(folder); DirectoryReader reader = DirectoryReader.open(disk)) {
            assertEquals(1, reader.numDocs());
        }
    }

    @Test
    void theDocumentsStoreNoFieldAndIndexPointsInOneDimension() {
        // RamTempFiles' bound holds only so: stored fields or points in several dimensions make a
        // bulk flush's or a merge's temporary files large.
        Document document = document(1);
        assertEquals(List.of(), document.getFields().stream().filter(field -> field.fieldType().stored()).map(field -> field.name()).toList());
        assertEquals(List.of(ArtifactFields.UPDATED_AT + " in 1 dimension"), document.getFields().stream()
                .filter(field -> field.fieldType().pointDimensionCount() > 0)
                .map(field -> field.name() + " in " + field.fieldType().pointDimensionCount() + " dimension").toList());
    }

    @Test
    void thePlainRamCacheWritesSixFilesToDiskForTheSameRefresh() throws IOException {
        // What RamTempFiles exists for: the index sort's temporary stored fields and the field infos,
        // written without a size estimate.
        assertEquals(List.of("_1.fdm*", "_1.fdt*", "_1*Lucene90FieldsIndex-doc_ids", "_1*Lucene90FieldsIndexfile_pointers", "_1.fdx*",
                "_1.fnm"), filesOfOneRefresh(files -> new NRTCachingDirectory(files, IndexGeneration.RAM_SEGMENT_MB,
                IndexGeneration.RAM_CACHE_MB), temp.resolve("plain")));
    }

    private static final ArtifactRow ROW = Rows.simple("default", "skill:pdf-tools", 1);

    /** The document of {@link #ROW} as written at {@code seq}. */
    private static Document document(long seq) {
        return ArtifactDocument.of(Rows.simple(ROW.collection(), ROW.id(), seq), MembershipLookup.NONE);
    }

    /** The files a refresh of one updated document creates on disk, after a committed first document. */
    private static List<String> filesOfOneRefresh(Function<Directory, Directory> ramCache, Path folder) throws IOException {
        CreatedFiles disk = new CreatedFiles(FSDirectory.open(folder));
        try (Directory directory = ramCache.apply(disk);
             IndexWriter writer = new IndexWriter(directory, IndexGeneration.config(IndexWriterConfig.OpenMode.CREATE,
                     IndexGeneration.LIVE_RAM_MB))) {
            writer.addDocument(document(1));
            writer.commit();
            disk.names.clear();
            writer.updateDocument(ArtifactDocument.keyTerm(ROW.key()), document(2));
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertEquals(1, reader.numDocs());
            }
            return List.copyOf(disk.names);
        }
    }
}
