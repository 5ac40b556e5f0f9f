package dev.artifactcache.collection;

import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** The SkillMeat home ({@code ~/.skillmeat}): {@code config.toml} and {@code collections/<name>/}. */
public final class SkillmeatHome {

    static final String DEFAULT_COLLECTION = "default";

    private static final System.Logger LOG = System.getLogger(SkillmeatHome.class.getName());
    private static final int MAX_NAME_LENGTH = 255;

    private final Path root;
    /** The active collection as last read, with the state of config.toml it was read at (null: not read yet). */
    private volatile ActiveCollection active;

    public SkillmeatHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Names of the folders under {@code collections/} that contain a {@code collection.toml},
     * sorted. A missing {@code collections/} gives an empty list. Folders whose name
     * {@link #collectionFolder} would refuse (e.g. hidden ones) are not collections.
     */
    public List<String> collectionNames() throws IOException {
        FileReads.record();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root.resolve("collections"))) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (problemWithName(name) == null && Files.isDirectory(folder)
                        && Files.isRegularFile(folder.resolve(ManifestReader.MANIFEST_FILE))) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /**
     * {@code config.toml}'s {@code [settings] default-collection}, else {@code "default"}. A
     * missing config is normal; an unreadable or invalid one, or an unusable name, is logged and
     * also gives {@code "default"}: the service must start either way. The file is parsed again
     * only when it changed ({@link SettledFile}); one that could not be read is read again next time.
     */
    public String activeCollection() {
        FileReads.record();
        Path config = root.resolve("config.toml");
        long readStarted = SettledFile.nowNanos();
        BasicFileAttributes file;
        try {
            file = Files.readAttributes(config, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            active = null;
            return DEFAULT_COLLECTION;
        } catch (IOException e) {
            warnUnreadable(config, e);
            return DEFAULT_COLLECTION;
        }
        ActiveCollection known = active;
        if (known != null && known.isCurrentFor(file)) {
            return known.name();
        }
        // Read after the look at the file: a change in between is read now and seen as a change next time.
        String text;
        try {
            text = ManifestReader.withoutBom(Files.readString(config, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return DEFAULT_COLLECTION;
        } catch (IOException e) {
            warnUnreadable(config, e);
            return DEFAULT_COLLECTION;
        }
        String name = activeCollectionIn(config, text);
        if (SettledFile.settled(file.lastModifiedTime().to(TimeUnit.NANOSECONDS), readStarted)) {
            active = new ActiveCollection(file.fileKey(), file.lastModifiedTime(), file.size(), name);
        }
        return name;
    }

    private static void warnUnreadable(Path config, IOException e) {
        LOG.log(System.Logger.Level.WARNING, "{0}: cannot be read ({1}); using collection \"default\"", config, e);
    }

    /** The active collection that the text of {@code config} names, else {@code "default"} (with a warning when it is unusable). */
    private static String activeCollectionIn(Path config, String text) {
        TomlParseResult parsed = Toml.parse(text);
        if (parsed.hasErrors()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: invalid TOML ({1}); using collection \"default\"", config, parsed.errors().getFirst());
            return DEFAULT_COLLECTION;
        }
        String name = TomlFields.scalarText(parsed.get(List.of("settings", "default-collection")));
        if (name == null) {
            return DEFAULT_COLLECTION;
        }
        String problem = problemWithName(name);
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, "{0}: default-collection {1}; using collection \"default\"", config, problem);
            return DEFAULT_COLLECTION;
        }
        return name;
    }

    /**
     * {@code root/collections/<name>}, which need not exist.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain folder name (empty, a path, hidden, ...)
     */
    public Path collectionFolder(String name) {
        String problem = problemWithName(name);
        if (problem != null) {
            throw new IllegalArgumentException("collection name " + problem);
        }
        return root.resolve("collections").resolve(name);
    }

    /** Why {@code name} is not a plain collection folder name, or null when it is one. */
    private static String problemWithName(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "\"" + name + "\" contains a path separator";
        }
        if (name.startsWith(".")) {
            return "\"" + name + "\" starts with \".\"";
        }
        if (!name.equals(name.strip())) {
            return "\"" + name + "\" starts or ends with whitespace";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "contains a control character (U+" + String.format("%04X", (int) name.charAt(i)) + ")";
            }
        }
        return null;
    }

    /**
     * The active collection read from config.toml when it had this identity, modification time
     * and size: every single-artifact sync without a collection asks, and parsing the file each
     * time cost more than the rest of the question.
     */
    private record ActiveCollection(Object fileKey, FileTime modified, long size, String name) {
        boolean isCurrentFor(BasicFileAttributes file) {
            return Objects.equals(fileKey, file.fileKey()) && modified.equals(file.lastModifiedTime()) && size == file.size();
        }
    }
}
