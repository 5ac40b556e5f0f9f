package dev.artifactcache.collection;

import java.nio.charset.StandardCharsets;
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
     * Never throws. A metadata file that is missing, unreadable, too large, outside the
     * collection or unsafe gives {@code failed=true}, {@code syncError} = what is wrong with which
     * file (relative to the collection folder), and the manifest's values. Warnings (frontmatter
     * read line by line, a bad origin) leave {@code failed=false} and go to {@code syncError},
     * joined with "; ".
     */
    public static ArtifactMetadata read(Manifest manifest, ManifestEntry entry) {
        FileReads.record();
        Origins.Checked origin = Origins.check(entry);
        List<String> messages = new ArrayList<>(origin.warnings());
        if (!MetadataFileLocator.hasFile(entry.type())) {
            return merge(manifest, entry, origin, MetadataValues.EMPTY, null, ContentHash.of(entry), messages, false);
        }
        try {
            MetadataFileLocator.Located located = MetadataFileLocator.locate(manifest.folder(), entry);
            byte[] bytes = MetadataFile.read(located);
            String text = new String(bytes, StandardCharsets.UTF_8);
            Frontmatter frontmatter = Frontmatter.parse(text, located.label());
            if (frontmatter.warning() != null) {
                messages.addFirst(frontmatter.warning());
            }
            MetadataValues file = frontmatter.metadata();
            String body = file.description() == null && entry.metadata().description() == null
                    ? BodyDescription.firstLine(text, frontmatter.bodyStart())
                    : null;
            return merge(manifest, entry, origin, file, body, ContentHash.of(bytes), messages, false);
        } catch (MetadataFileException e) {
            messages.addFirst(e.getMessage());
        } catch (RuntimeException e) {
            // A bug in a parser must cost one artifact, not the whole population.
            messages.addFirst(entry.id() + ": unexpected error while reading " + entry.path() + " (" + e + ")");
        }
        return merge(manifest, entry, origin, MetadataValues.EMPTY, null, null, messages, true);
    }

    private static ArtifactMetadata merge(Manifest manifest, ManifestEntry entry, Origins.Checked origin, MetadataValues file,
                                          String bodyDescription, String contentHash, List<String> messages, boolean failed) {
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
                messages.isEmpty() ? null : String.join("; ", messages),
                failed,
                entry.added());
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
