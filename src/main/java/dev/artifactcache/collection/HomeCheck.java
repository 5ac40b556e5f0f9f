package dev.artifactcache.collection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a folder can be a SkillMeat home. A wrong {@code --home} is the likeliest reason for an
 * empty cache, so the service says so (log, health, page) instead of serving nothing quietly.
 */
public final class HomeCheck {

    private HomeCheck() {
    }

    /** What is wrong with {@code home} as a SkillMeat home, or empty when it holds a {@code collections/} folder. */
    public static Optional<String> problem(Path folder) {
        Path home = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(home)) {
            return Optional.of("the SkillMeat home " + home + " does not exist; choose it with --home or SKILLMEAT_HOME");
        }
        if (!Files.isDirectory(home.resolve("collections"))) {
            return Optional.of("the SkillMeat home " + home + " holds no collections/ folder; choose another with --home "
                    + "or SKILLMEAT_HOME, or add a collection with the SkillMeat CLI");
        }
        return Optional.empty();
    }
}
