package dev.artifactcache.cli;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactType;
import picocli.CommandLine;

/**
 * Arguments checked with the service's own parsers before anything is sent, so a typo is a usage
 * error with the parser's message even when the service is not running.
 */
final class ArtifactConverters {

    private ArtifactConverters() {
    }

    /** {@code skill:pdf-tools}, kept as the text the service expects. */
    static final class Id implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return ArtifactId.parse(text).toString();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code skill}, {@code agent}, ...: kept as the wire name. */
    static final class Type implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return ArtifactType.fromWire(text.strip()).wire();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
