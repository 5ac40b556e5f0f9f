package dev.artifactcache.store;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded H2 database of a data folder: the JDBC URL the service opens it with, and the
 * files H2 keeps for it (the only ones a recovery moves aside).
 *
 * @param base the database's path without H2's suffixes ({@code <data>/artifact-cache})
 */
public record EmbeddedH2(Path base) {

    static final String NAME = "artifact-cache";
    /**
     * H2's settings for a file that must survive kill -9 (README, "Reliability", has the measurements).
     * {@code WRITE_DELAY=0}: a commit is written to the file before it returns. By default H2 keeps
     * commits in memory for up to 500 ms and a background thread writes them: a kill then lost the
     * last acknowledged writes on every try, and that same thread also moves and rewrites chunks
     * (background compaction) while the service writes; with no delay there is no such thread, the
     * file is compacted when the service stops. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook
     * would close the database under the service's, which closes the pool, then H2, itself.
     * {@code RETENTION_TIME} keeps H2's default: at 0, blocks of chunks a crash may fall back to are reused.
     */
    private static final String SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    private static final String FILE_PREFIX = "jdbc:h2:file:";
    /** H2's header block: the file starts with two copies of the header, one per block. */
    private static final int HEADER_BLOCK = 4096;
    private static final List<String> NOT_A_FILE = List.of("mem:", "tcp:", "ssl:", "zip:");

    /** The URL of the service's database in {@code dataFolder}, with the settings above. */
    public static String url(Path dataFolder) {
        return FILE_PREFIX + dataFolder.resolve(NAME) + SETTINGS;
    }

    /** The H2 file a URL names, or empty for an in-memory or server database (PostgreSQL, H2 over TCP). */
    public static Optional<EmbeddedH2> of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = lower.startsWith(FILE_PREFIX) ? jdbcUrl.substring(FILE_PREFIX.length()) : jdbcUrl.substring("jdbc:h2:".length());
        if (NOT_A_FILE.stream().anyMatch(rest.toLowerCase(Locale.ROOT)::startsWith)) {
            return Optional.empty();
        }
        int settings = rest.indexOf(';');
        String path = settings < 0 ? rest : rest.substring(0, settings);
        if (path.equals("~") || path.startsWith("~/")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(new EmbeddedH2(Path.of(path).toAbsolutePath().normalize()));
    }

    /**
     * Opens the store file once in H2's recovery mode and closes it, so that the database then opens
     * at its newest complete commit; does nothing when there is no file yet.
     *
     * <p>Why: after a kill, H2's ordinary open finds the newest commit through the file header and a
     * chain of predicted chunk positions. When a commit's chunk goes into a gap inside the file
     * where the previous chunk did not predict it, H2 2.5 rewrites the header, but still pointing
     * at the previous chunk ({@code FileStore.storeBuffer} sets {@code lastChunk} only after
     * {@code RandomAccessStore.writeChunk} wrote the header). That commit, and the ones chained after
     * it, are in the file but unreachable: the database reopens at an older commit, and when H2 had
     * since reused the older commit's freed blocks, at a broken one. Recovery mode reads every
     * chunk of the file instead and keeps the newest one whose chunks are all intact; closing writes a
     * header that points at it. The scan reads the file once (README, "Reliability", has the cost);
     * a file H2 closed itself (its header says {@code clean:1}) needs none, as H2 then trusts its header.
     *
     * A file that is open already (in this process or another) is left to its holder.
     */
    public void openAtNewestCommit() {
        Path store = base.resolveSibling(base.getFileName() + ".mv.db");
        if (!Files.isRegularFile(store) || closedCleanly(store)) {
            return;
        }
        try {
            new MVStore.Builder().fileName(store.toString()).recoveryMode().autoCommitDisabled().open().close();
        } catch (MVStoreException e) {
            // Open already, here or in another process, so its holder has it at its newest commit:
            // nothing to scan. The connection that follows shares it (this process) or is refused
            // as a data folder in use (another one).
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                throw e;
            }
        }
    }

    /**
     * Whether H2 closed the file itself: its header (the file's first line, {@code key:value} pairs
     * separated by commas, MVStore's documented file format) holds {@code clean:1}. A header that
     * cannot be read says no, and the file is scanned.
     */
    private static boolean closedCleanly(Path store) {
        byte[] block = new byte[HEADER_BLOCK];
        int length;
        try (InputStream in = Files.newInputStream(store)) {
            length = in.readNBytes(block, 0, block.length);
        } catch (IOException e) {
            return false;
        }
        String header = new String(block, 0, length, StandardCharsets.ISO_8859_1);
        int end = header.indexOf('\n');
        return end > 0 && Arrays.asList(header.substring(0, end).split(",")).contains("clean:1");
    }

    /** The folder holding the database's files. */
    public Path folder() {
        return base.getParent();
    }

    /**
     * The files H2 keeps for this database that exist now: the store ({@code .mv.db}) and its
     * companions ({@code .trace.db}, {@code .lock.db}, {@code .<n>.temp.db}); never any other file.
     */
    List<Path> files() throws IOException {
        String prefix = base.getFileName() + ".";
        try (Stream<Path> entries = Files.list(folder())) {
            return entries.filter(file -> isH2File(file.getFileName().toString(), prefix)).sorted().toList();
        }
    }

    private static boolean isH2File(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        String suffix = name.substring(prefix.length());
        return suffix.equals("mv.db") || suffix.equals("trace.db") || suffix.equals("lock.db")
                || suffix.matches("\\d+\\.temp\\.db");
    }
}
