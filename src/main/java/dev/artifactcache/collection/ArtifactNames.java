package dev.artifactcache.collection;

/** The rules an artifact name must follow (formats.md "Names"), as one check with a clear message. */
public final class ArtifactNames {

    public static final int MAX_LENGTH = 100;
    private static final String FORBIDDEN = "<>:\"|?*";

    private ArtifactNames() {
    }

    /**
     * @throws IllegalArgumentException saying which rule {@code name} breaks
     */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("artifact name is empty");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("artifact name is blank (only spaces)");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("artifact name is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("artifact name \"" + name + "\" contains a path separator");
        }
        if (name.contains("..")) {
            throw new IllegalArgumentException("artifact name \"" + name + "\" contains \"..\"");
        }
        if (name.startsWith(".")) {
            throw new IllegalArgumentException("artifact name \"" + name + "\" starts with \".\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("artifact name contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException("artifact name \"" + name + "\" contains the character '" + c + "'; none of < > : \" | ? * are allowed");
            }
        }
    }
}
