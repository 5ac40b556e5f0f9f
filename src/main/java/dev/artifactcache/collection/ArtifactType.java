package dev.artifactcache.collection;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The artifact types SkillMeat knows, with their spelling in manifests, ids and the API. */
public enum ArtifactType {
    SKILL, COMMAND, AGENT, HOOK, MCP, WORKFLOW, COMPOSITE;

    private static final String KNOWN = Arrays.stream(values()).map(ArtifactType::wire).collect(Collectors.joining(", "));

    /** The lower-case name used on disk and on the wire. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the known types when {@code text} is none of them
     */
    public static ArtifactType fromWire(String text) {
        for (ArtifactType type : values()) {
            if (type.wire().equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown artifact type \"" + text + "\"; expected one of " + KNOWN);
    }
}
