package dev.artifactcache.bench;

import dev.artifactcache.collection.ArtifactType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a synthetic SkillMeat home: {@code config.toml}, and per collection its
 * {@code collection.toml}, {@code collection.lock} and artifact files, exactly in the format of
 * formats.md. Deterministic: the same spec writes the same bytes (file times aside).
 */
public final class HomeGenerator {

    /** Edits in the benchmark need artifacts whose description line can take one more word. */
    static final int EDITABLE_KEPT = 500;
    private static final List<String> COLLECTION_NAMES = List.of("default", "work", "team", "archive");

    /**
     * @param artifacts   artifacts in the whole home, split evenly over the collections (the first takes the remainder)
     * @param seed        the random seed: same seed, same bytes
     * @param collections how many collections ({@code default}, {@code work}, {@code team}, {@code archive}, {@code collection-5}, ...)
     */
    public record Spec(int artifacts, long seed, int collections) {
        public Spec {
            if (artifacts < 0 || collections < 1) {
                throw new IllegalArgumentException("need at least one collection and no negative artifact count");
            }
        }

        int artifactsIn(int collection) {
            int each = artifacts / collections;
            return collection == 0 ? artifacts - each * (collections - 1) : each;
        }
    }

    /** An artifact whose metadata file has a plain {@code description:} line. */
    public record EditableFile(String collection, String artifactId, String file) {
    }

    /**
     * What was written.
     *
     * @param perCollection        artifacts per collection, in collection order
     * @param perType              artifacts per type
     * @param withoutFrontmatter   metadata files without a frontmatter block
     * @param lenientFrontmatter   metadata files whose frontmatter is not valid YAML (read line by line)
     * @param bytes                bytes written
     * @param editable             up to {@value #EDITABLE_KEPT} artifacts the benchmark may edit, in manifest order
     */
    public record GeneratedHome(Path root, Spec spec, Map<String, Integer> perCollection, Map<ArtifactType, Integer> perType,
                                int withoutFrontmatter, int lenientFrontmatter, long bytes, List<EditableFile> editable) {
    }

    private final Path root;
    private final Spec spec;
    private final ArtifactFactory factory;
    private final MessageDigest sha256;
    private final Set<Path> folders = new HashSet<>();
    private final Map<String, Integer> perCollection = new LinkedHashMap<>();
    private final Map<ArtifactType, Integer> perType = new EnumMap<>(ArtifactType.class);
    private final List<EditableFile> editable = new ArrayList<>();
    private FileWrites writes;
    private int withoutFrontmatter;
    private int lenientFrontmatter;
    private long bytes;

    private HomeGenerator(Path root, Spec spec) {
        this.root = root;
        this.spec = spec;
        this.factory = new ArtifactFactory(new Random(spec.seed()));
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * @throws IOException when {@code root} exists and is not an empty folder (a real home is never overwritten),
     *                     or on a write failure
     */
    public static GeneratedHome generate(Path root, Spec spec) throws IOException {
        requireEmpty(root);
        return new HomeGenerator(root, spec).write();
    }

    public static String collectionName(int index) {
        return index < COLLECTION_NAMES.size() ? COLLECTION_NAMES.get(index) : "collection-" + (index + 1);
    }

    private GeneratedHome write() throws IOException {
        try (FileWrites files = new FileWrites()) {
            writes = files;
            writeFile(root.resolve("config.toml"), "[settings]\ndefault-collection = \"default\"\n".getBytes(StandardCharsets.UTF_8));
            for (int c = 0; c < spec.collections(); c++) {
                writeCollection(collectionName(c), spec.artifactsIn(c));
            }
        }
        return new GeneratedHome(root, spec, Collections.unmodifiableMap(perCollection),
                Collections.unmodifiableMap(perType), withoutFrontmatter,
                lenientFrontmatter, bytes, List.copyOf(editable));
    }

    private void writeCollection(String collection, int count) throws IOException {
        Path folder = root.resolve("collections").resolve(collection);
        Files.createDirectories(folder);
        try (Writer manifest = Files.newBufferedWriter(folder.resolve("collection.toml"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
             Writer lock = Files.newBufferedWriter(folder.resolve("collection.lock"), StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            manifest.write(ManifestText.header(collection, "2024-01-01T00:00:00", "2026-09-27T12:00:00.000000"));
            lock.write(ManifestText.lockHeader());
            for (int i = 0; i < count; i++) {
                ArtifactDraft artifact = factory.next();
                byte[] file = MarkdownText.render(artifact);
                writeFile(folder.resolve(artifact.file), file);
                String table = ManifestText.artifact(artifact);
                manifest.write(table);
                byte[] hashed = artifact.hasMetadataFile() ? file : table.getBytes(StandardCharsets.UTF_8);
                lock.write(ManifestText.lockEntry(artifact, HexFormat.of().formatHex(sha256.digest(hashed))));
                count(collection, artifact);
            }
            manifest.write(ManifestText.tagDefinitions());
        }
        bytes += Files.size(folder.resolve("collection.toml"));
        bytes += Files.size(folder.resolve("collection.lock"));
    }

    private void count(String collection, ArtifactDraft artifact) {
        perCollection.merge(collection, 1, Integer::sum);
        perType.merge(artifact.type, 1, Integer::sum);
        if (artifact.hasMetadataFile() && artifact.frontmatter == ArtifactDraft.Frontmatter.NONE) {
            withoutFrontmatter++;
        }
        if (artifact.hasMetadataFile() && artifact.frontmatter == ArtifactDraft.Frontmatter.LENIENT) {
            lenientFrontmatter++;
        }
        if (artifact.editableDescription() && editable.size() < EDITABLE_KEPT) {
            editable.add(new EditableFile(collection, artifact.type.wire() + ":" + artifact.name, artifact.file));
        }
    }

    /** Creating files is I/O bound: a few writers overlap it while this thread renders the next ones. */
    private void writeFile(Path file, byte[] content) throws IOException {
        Path parent = file.getParent();
        if (folders.add(parent)) {
            Files.createDirectories(parent);
        }
        bytes += content.length;
        writes.submit(() -> Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    private static void requireEmpty(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " exists and is not a folder; choose an empty or new folder");
        }
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(root + " is not empty; the generator only writes into an empty or new folder");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
