package dev.artifactcache.collection;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Finds the file an artifact's metadata is read from (formats.md, "Artifact types"), refusing
 * anything outside the collection folder: a {@code ..} segment, an absolute path, or a symbolic
 * link that resolves outside. Nothing outside is ever opened.
 */
final class MetadataFileLocator {

    /**
     * @param file  the file to read, a real path (no symbolic links) inside the collection folder
     * @param label the file relative to the collection folder, {@code /}-separated, for messages
     */
    record Located(Path file, String label) {
    }

    private static final List<String> SKILL_FILES = List.of("SKILL.md", "skill.md");
    private static final List<String> COMMAND_FILES = List.of("command.md");
    private static final List<String> AGENT_FILES = List.of("AGENT.md", "agent.md");

    private MetadataFileLocator() {
    }

    /** Whether artifacts of this type have a metadata file at all. */
    static boolean hasFile(ArtifactType type) {
        return type == ArtifactType.SKILL || type == ArtifactType.COMMAND || type == ArtifactType.AGENT;
    }

    static Located locate(Path collectionFolder, ManifestEntry entry) throws MetadataFileException {
        String where = " (" + ManifestReader.MANIFEST_FILE + " line " + entry.line() + ")";
        if (entry.path() == null) {
            throw new MetadataFileException(ManifestReader.MANIFEST_FILE + " line " + entry.line() + ": " + entry.id() + " has no path");
        }
        // Windows-written manifests use backslashes; on Linux a backslash in a name is never meant.
        String relative = entry.path().replace('\\', '/');
        checkInside(entry.path(), relative, where);
        Path folder = collectionFolder.toAbsolutePath().normalize();
        Path root = realPath(folder, "the collection folder " + folder, "");
        Path target;
        try {
            target = folder.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new MetadataFileException(entry.path() + ": not a valid path (" + e.getReason() + ")" + where);
        }
        String label = target.equals(folder) ? "." : folder.relativize(target).toString().replace('\\', '/');
        Found found = below(root, root, folder.relativize(target), label, where);
        if (!found.attributes().isDirectory()) {
            requireRegularFile(found, label);
            return new Located(found.path(), label);
        }
        String file = fileInFolder(found.path(), entry.id().type(), label);
        String fileLabel = label + "/" + file;
        Found metadata = below(root, found.path(), Path.of(file), fileLabel, where);
        requireRegularFile(metadata, fileLabel);
        return new Located(metadata.path(), fileLabel);
    }

    /** A real path (no symbolic links) and its attributes. */
    private record Found(Path path, BasicFileAttributes attributes) {
    }

    /**
     * The real path of {@code relative} below {@code base}, a real path inside the real {@code root}.
     * Each name is looked at without following links (one {@code lstat}), so the usual path of no
     * link costs one system call per name; asking the system for the real path instead costs a
     * {@code readlink} per name of the whole path, for the folder and again for its file: most of a
     * population's system time. At the first link met, or when a name cannot be looked at, the
     * system resolves the whole path: the link must lead inside, and a failure says why.
     */
    private static Found below(Path root, Path base, Path relative, String label, String where) throws MetadataFileException {
        Path path = base;
        BasicFileAttributes attributes = null;
        for (Path name : relative) {
            if (name.toString().isEmpty()) {
                continue; // the collection folder itself: relativize gives the empty path
            }
            path = path.resolve(name);
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                attributes = null;
            }
            if (attributes == null || attributes.isSymbolicLink()) {
                Path real = realPath(base.resolve(relative), label, where);
                requireInside(root, real, label);
                return new Found(real, attributes(real, label, where));
            }
        }
        // No name looked at: the path is the collection folder itself (an entry whose path is ".").
        return new Found(path, attributes != null ? attributes : attributes(base, label, where));
    }

    private static void checkInside(String written, String relative, String where) throws MetadataFileException {
        if (relative.startsWith("/") || (relative.length() > 1 && relative.charAt(1) == ':' && Character.isLetter(relative.charAt(0)))) {
            throw new MetadataFileException(written + ": the path is absolute; only files inside the collection folder are read" + where);
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..")) {
                throw new MetadataFileException(written + ": the path contains \"..\"; only files inside the collection folder are read" + where);
            }
        }
        if (relative.indexOf('\0') >= 0) {
            throw new MetadataFileException(written.replace("\0", "\\0") + ": the path contains a NUL character" + where);
        }
    }

    private static Path realPath(Path path, String label, String where) throws MetadataFileException {
        return asked(path::toRealPath, label, where);
    }

    private static BasicFileAttributes attributes(Path path, String label, String where) throws MetadataFileException {
        return asked(() -> Files.readAttributes(path, BasicFileAttributes.class), label, where);
    }

    /** A question to the file system. */
    private interface FileQuestion<T> {
        T ask() throws IOException;
    }

    /** The answer, or an error naming the file: "not found" with where it is listed, else the system's reason. */
    private static <T> T asked(FileQuestion<T> question, String label, String where) throws MetadataFileException {
        try {
            return question.ask();
        } catch (NoSuchFileException e) {
            throw new MetadataFileException(label + ": not found" + where);
        } catch (IOException e) {
            throw new MetadataFileException(label + ": cannot be read (" + IoReasons.of(e) + ")");
        }
    }

    /** A FIFO or device would block or never end: only plain files are read. */
    private static void requireRegularFile(Found found, String label) throws MetadataFileException {
        if (!found.attributes().isRegularFile()) {
            throw new MetadataFileException(label + ": not a regular file; not read");
        }
    }

    private static void requireInside(Path root, Path real, String label) throws MetadataFileException {
        if (!real.startsWith(root)) {
            throw new MetadataFileException(label + ": a symbolic link leads outside the collection folder; not read");
        }
    }

    /** The metadata file inside an artifact folder: the type's usual names, else (command, agent) the first *.md. */
    private static String fileInFolder(Path folder, ArtifactType type, String label) throws MetadataFileException {
        List<String> names = switch (type) {
            case SKILL -> SKILL_FILES;
            case COMMAND -> COMMAND_FILES;
            default -> AGENT_FILES;
        };
        for (String name : names) {
            if (Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return name; // the caller refuses it when it is no regular file (a FIFO would block a read)
            }
        }
        String first = type == ArtifactType.SKILL ? null : firstMarkdown(folder, label);
        if (first == null) {
            throw new MetadataFileException(label + ": the folder has no " + String.join(" or ", names)
                    + (type == ArtifactType.SKILL ? "" : " or other .md file"));
        }
        return first;
    }

    private static String firstMarkdown(Path folder, String label) throws MetadataFileException {
        String first = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.md")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (first == null || name.compareTo(first) < 0)) {
                    first = name;
                }
            }
        } catch (IOException e) {
            throw new MetadataFileException(label + ": the folder cannot be listed (" + IoReasons.of(e) + ")");
        }
        return first;
    }
}
