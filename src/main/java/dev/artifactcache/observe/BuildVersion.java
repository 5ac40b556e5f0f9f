package dev.artifactcache.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven packaged into the jar, for {@code --version} and the build-info meter. */
public final class BuildVersion {

    /** What classes built without packaging (an IDE, {@code mvn compile}) report. */
    public static final String UNPACKAGED = "(not packaged: built classes)";
    private static final String POM = "/META-INF/maven/dev.artifactcache/artifact-cache/pom.properties";

    private BuildVersion() {
    }

    public static String version() {
        Properties pom = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(POM)) {
            if (in != null) {
                pom.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM + " from the jar", e);
        }
        return pom.getProperty("version", UNPACKAGED);
    }
}
