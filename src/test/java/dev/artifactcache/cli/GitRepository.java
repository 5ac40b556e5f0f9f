package dev.artifactcache.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A git repository for tests, run with an environment that ignores the machine's and the user's
 * git configuration, so an odd {@code core.hooksPath} or template elsewhere cannot change them.
 */
final class GitRepository {

    private final Path folder;

    private GitRepository(Path folder) {
        this.folder = folder;
    }

    /** {@code git init} on branch main, and a first commit of everything in {@code folder}. */
    static GitRepository initWithEverything(Path folder) {
        GitRepository repository = new GitRepository(folder);
        repository.git("init", "-q", "-b", "main").assertStatus(0);
        repository.commitAll("first");
        return repository;
    }

    Path folder() {
        return folder;
    }

    Path hooks() {
        return folder.resolve(".git/hooks");
    }

    void commitAll(String message) {
        git("add", "-A").assertStatus(0);
        git("commit", "-q", "-m", message).assertStatus(0);
    }

    /** Runs git with the launcher's test environment too, as a hook it runs needs that. */
    CommandResult git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return LauncherRepo.Processes.run(folder, environment(), command);
    }

    static Map<String, String> environment() {
        Map<String, String> env = LauncherRepo.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.com");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.com");
        return env;
    }
}
