package dev.artifactcache.collection;

/**
 * The identity of an artifact inside a collection: {@code "<type>:<name>"}, e.g. {@code skill:pdf-tools}.
 *
 * @param type the artifact type as written in the manifest (see {@link ArtifactType})
 * @param name the artifact name, already validated by {@link ArtifactNames}
 */
public record ArtifactId(ArtifactType type, String name) {

    /**
     * Parses {@code "<type>:<name>"}, split at the first {@code :}.
     *
     * @throws IllegalArgumentException with a message a person can act on
     */
    public static ArtifactId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("artifact id is empty; expected \"<type>:<name>\", e.g. \"skill:pdf-tools\"");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("artifact id \"" + text + "\" has no type; expected \"<type>:<name>\", e.g. \"skill:pdf-tools\"");
        }
        ArtifactType type = ArtifactType.fromWire(text.substring(0, colon));
        String name = text.substring(colon + 1);
        ArtifactNames.validate(name);
        return new ArtifactId(type, name);
    }

    @Override
    public String toString() {
        return type.wire() + ":" + name;
    }
}
