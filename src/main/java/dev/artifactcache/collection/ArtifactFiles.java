package dev.artifactcache.collection;

import java.nio.file.Path;

/**
 * What a writer of the files needs from the reading side, so that both follow the same rules:
 * where an artifact's metadata file is (never outside the collection), its content hash, and the
 * frontmatter values as a sync would read them.
 */
public final class ArtifactFiles {

    /**
     * @param file  the real path of the file, inside the collection folder
     * @param label the file relative to the collection folder, for messages
     */
    public record Located(Path file, String label) {
    }

    /**
     * The frontmatter of a text as a sync reads it.
     *
     * @param values  the values the cache uses
     * @param problem why the block is not valid YAML (then read line by line), or null
     */
    public record FrontmatterValues(MetadataValues values, String problem) {
    }

    private ArtifactFiles() {
    }

    /** Whether artifacts of this type keep their metadata in a file of their own (skill, command, agent). */
    public static boolean hasMetadataFile(ArtifactType type) {
        return MetadataFileLocator.hasFile(type);
    }

    /**
     * The metadata file of an artifact of a type with one (formats.md, "Artifact types").
     *
     * @throws MetadataFileException when it is missing or outside the collection (a {@code ..}, an
     *                               absolute path, a symbolic link leading out)
     */
    public static Located metadataFile(Path collectionFolder, ManifestEntry entry) throws MetadataFileException {
        MetadataFileLocator.Located located = MetadataFileLocator.locate(collectionFolder, entry);
        return new Located(located.file(), located.label());
    }

    /** The file's bytes, bounded as a sync reads them. */
    public static byte[] read(Located located) throws MetadataFileException {
        return MetadataFile.read(new MetadataFileLocator.Located(located.file(), located.label()));
    }

    /** The {@code content_hash} of a metadata file's bytes. */
    public static String contentHash(byte[] bytes) {
        return ContentHash.of(bytes);
    }

    /** The {@code content_hash} of a file-less artifact: of its manifest entry. */
    public static String contentHash(ManifestEntry entry) {
        return ContentHash.of(entry);
    }

    /** The text's frontmatter values as a sync reads them, and whether the block is valid YAML. */
    public static FrontmatterValues frontmatter(String text, String label) throws MetadataFileException {
        Frontmatter frontmatter = Frontmatter.parse(text, label);
        return new FrontmatterValues(frontmatter.metadata(), frontmatter.warnings().isEmpty() ? null : String.join("; ", frontmatter.warnings()));
    }
}
