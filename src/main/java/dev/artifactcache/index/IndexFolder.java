package dev.artifactcache.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The index folder's layout: generation folders {@code gen-000001, gen-000002, …}, each a complete
 * Lucene index, and a pointer file {@code CURRENT} naming the active one. Swapping generations is
 * one atomic rename of the pointer, so a crash leaves either the old or the new index active,
 * never a mix; leftover generations are deleted at the next open.
 */
final class IndexFolder {

    static final String POINTER = "CURRENT";
    private static final Pattern GENERATION = Pattern.compile("gen-(\\d{1,18})");

    private final Path root;

    IndexFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The active generation's folder, if the pointer names one that exists. */
    Optional<Path> active() throws IOException {
        String name;
        try {
            name = Files.readString(root.resolve(POINTER), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty(); // garbage in the pointer: treat as no index
        }
        if (!GENERATION.matcher(name).matches() || !Files.isDirectory(root.resolve(name))) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(name));
    }

    /** A folder name for a new generation, numbered after every existing one. */
    Path next() throws IOException {
        long highest = 0;
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                Matcher m = GENERATION.matcher(child.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Long.parseLong(m.group(1)));
                }
            }
        }
        return root.resolve(String.format("gen-%06d", highest + 1));
    }

    /** Makes {@code generation} the active one: write a temporary pointer, fsync it, rename it over the old. */
    void activate(Path generation) throws IOException {
        Path temporary = root.resolve(POINTER + ".tmp");
        Files.writeString(temporary, generation.getFileName().toString() + "\n", StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + root + " cannot rename atomically; put the index on a local disk", e);
        }
    }

    /** Deletes every generation folder except {@code keep}. */
    void deleteAllBut(Path keep) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                if (GENERATION.matcher(child.getFileName().toString()).matches() && !child.equals(keep)) {
                    delete(child);
                }
            }
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
