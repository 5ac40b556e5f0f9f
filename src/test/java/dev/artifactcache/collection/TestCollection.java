package dev.artifactcache.collection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A collection folder under a test's temporary directory, with one-line file writers. */
final class TestCollection {

    final Path folder;

    TestCollection(Path parent, String name) {
        this.folder = parent.resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestCollection(Path parent) {
        this(parent, "default");
    }

    /**
     * Writes collection.toml. A manifest needs a {@code [collection]} table (formats.md): unless {@code toml} has
     * one, it is added at the end, where it moves no line number a test asserts.
     */
    TestCollection manifest(String toml) {
        String table = "[collection]\nname = \"" + folder.getFileName() + "\"\n";
        return write(ManifestReader.MANIFEST_FILE, toml.contains("[collection]") ? toml : toml + "\n" + table);
    }

    TestCollection lock(String toml) {
        return write(LockFile.FILE_NAME, toml);
    }

    TestCollection write(String relative, String content) {
        return write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    TestCollection write(String relative, byte[] content) {
        try {
            Path file = folder.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Manifest read() {
        try {
            return ManifestReader.read(folder);
        } catch (ManifestException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Reads the manifest and the one artifact {@code id}. */
    ArtifactMetadata artifact(String id) {
        Manifest manifest = read();
        ManifestEntry entry = manifest.find(ArtifactId.parse(id)).orElseThrow(() -> new AssertionError("no entry " + id + "; problems: " + manifest.problems()));
        return ArtifactReader.read(manifest, entry);
    }

    /** A manifest table for one artifact with the required keys and {@code extra} TOML lines. */
    static String artifact(String type, String name, String path, String extra) {
        return """
                [[artifacts]]
                name = "%s"
                type = "%s"
                path = "%s"
                origin = "local"
                added = "2026-01-15T10:30:00.123456"
                %s
                """.formatted(name, type, path, extra);
    }
}
