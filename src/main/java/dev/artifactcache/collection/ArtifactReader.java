package dev.artifactcache.collection;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one artifact's metadata file and applies formats.md's "which value wins": the file's
 * frontmatter over the manifest's {@code [artifacts.metadata]}, the manifest (lock as fallback)
 * for identity and versioning.
 */
public final class ArtifactReader {

    private ArtifactReader() {
    }

    /**
     * Never throws. A metadata file that is missing, unreadable, too large, not UTF-8 text, outside
     * the collection or unsafe gives {@code failed=true}, {@code syncError} = what is wrong with which
     * file (relative to the collection folder), and the manifest's values. Warnings (frontmatter
     * read line by line, a value of the wrong type, a bad origin, a missing {@code added}) leave
     * {@code failed=false} and go to {@code syncWarnings}: the artifact was read, something was ignored.
     */
    public static ArtifactMetadata read(Manifest manifest, ManifestEntry entry) {
        FileReads.record();
        Origins.Checked origin = Origins.check(entry);
        List<String> warnings = new ArrayList<>(origin.warnings());
        warnings.addAll(entry.warnings());
        if (!MetadataFileLocator.hasFile(entry.type())) {
            return merge(manifest, entry, origin, MetadataValues.EMPTY, null, ContentHash.of(entry), null, warnings);
        }
        String error;
        try {
            MetadataFileLocator.Located located = MetadataFileLocator.locate(manifest.folder(), entry);
            byte[] bytes = MetadataFile.read(located);
            String text = text(bytes, located.label());
            Frontmatter frontmatter = Frontmatter.parse(text, located.label());
            warnings.addAll(0, frontmatter.warnings());
            MetadataValues file = frontmatter.metadata();
            String body = file.description() == null && entry.metadata().description() == null
                    ? BodyDescription.firstLine(text, frontmatter.bodyStart())
                    : null;
            return merge(manifest, entry, origin, file, body, ContentHash.of(bytes), null, warnings);
        } catch (MetadataFileException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            // A bug in a parser must cost one artifact, not the whole population.
            error = entry.id() + ": unexpected error while reading " + entry.path() + " (" + e + ")";
        }
        return merge(manifest, entry, origin, MetadataValues.EMPTY, null, null, error, warnings);
    }

    /** The file as UTF-8 text without its byte order mark (a file of only a BOM is empty). */
    private static String text(byte[] bytes, String label) throws MetadataFileException {
        Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
        if (decoded.problem() != null) {
            throw new MetadataFileException(label + ": " + decoded.problem());
        }
        return ManifestReader.withoutBom(decoded.text());
    }

    /** @param error why the file could not be read, or null when it was (then {@code failed} is false) */
    private static ArtifactMetadata merge(Manifest manifest, ManifestEntry entry, Origins.Checked origin, MetadataValues file,
                                          String bodyDescription, String contentHash, String error, List<String> warnings) {
        MetadataValues listed = entry.metadata();
        return new ArtifactMetadata(
                manifest.collection(),
                entry.id(),
                first(file.title(), listed.title()),
                entry.upstream(),
                origin.origin(),
                origin.originSource(),
                entry.versionSpec(),
                entry.resolvedSha(),
                entry.resolvedVersion(),
                first(file.version(), listed.version()),
                first(first(file.description(), listed.description()), bodyDescription),
                first(file.author(), listed.author()),
                first(file.license(), listed.license()),
                TagLists.union(entry.tags(), listed.tags(), file.tags()),
                file.tools().isEmpty() ? listed.tools() : file.tools(),
                contentHash,
                error,
                error != null,
                entry.added(),
                warnings);
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
