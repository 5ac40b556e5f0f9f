package dev.artifactcache.sync;

/**
 * One artifact that did not sync cleanly.
 *
 * @param artifactId {@code "<type>:<name>"}, or the manifest position when the entry has no valid id
 * @param detail     what is wrong, naming the file and line or field
 */
public record ArtifactError(String artifactId, String detail) {
}
