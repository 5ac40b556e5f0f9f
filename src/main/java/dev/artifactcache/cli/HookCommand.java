package dev.artifactcache.cli;

import dev.artifactcache.collection.SkillmeatHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Git hooks in a collection folder that is a git repository, so that a {@code git pull} of the
 * collection refreshes it in the cache (the file watcher would too, when the service runs with it:
 * the hook is the safety net that also works with the watcher off).
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Install or remove git hooks that refresh a collection after git pull.", "",
                "The hooks (post-merge, post-checkout, post-rewrite) run \"refresh --collection NAME --hook\" after "
                        + "git pull, merge, checkout or rebase changed the files. Existing hooks keep their own lines."},
        subcommands = {HookCommand.Install.class, HookCommand.Uninstall.class})
final class HookCommand {

    /** Which collection folder: the options both subcommands share. */
    static final class Target {

        @Option(names = "--collection", paramLabel = "NAME",
                description = "the collection (default: the active one of config.toml in the home)")
        String collection;

        @Option(names = "--home", paramLabel = "DIR", description = "the SkillMeat home (default: ${DEFAULT-VALUE})")
        Path home;

        @Option(names = "--git-dir", paramLabel = "DIR", description = "the git repository whose hooks to use, when the "
                + "collection folder is not itself one (e.g. it lies inside a larger repository)")
        Path gitDir;

        /** The hooks folder of the collection's repository. */
        Path hooks(CommandSpec spec) {
            return GitHooks.hooksFolder(folder(spec), gitDir);
        }

        String collection() {
            return collection != null ? collection : new SkillmeatHome(home).activeCollection();
        }

        /** The collection's folder, which must exist. */
        Path folder(CommandSpec spec) {
            Path folder;
            try {
                folder = new SkillmeatHome(home).collectionFolder(collection());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (!Files.isDirectory(folder)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "there is no collection folder " + folder
                        + "; name the collection with --collection and the home with --home");
            }
            return folder;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the hooks in the collection's git repository; installing again updates them.")
    static final class Install implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--server", paramLabel = "URL", converter = ServerOptions.ServerUrl.class,
                description = "the service the hook calls (default: the configured one, read each time the hook runs)")
        URI server;

        @Option(names = "--launcher", paramLabel = "PATH",
                description = "the script the hook runs (default: the launcher running this command)")
        Path launcher;

        @Override
        public Integer call() throws IOException {
            Path folder = target.folder(spec);
            Path hooks = target.hooks(spec);
            Path script = launcher().toAbsolutePath().normalize();
            // The configured service is looked up when the hook runs; only an explicit one is written down.
            URI pinned = spec.commandLine().getParseResult().hasMatchedOption("--server") ? server : null;
            Map<String, GitHooks.Change> changes = GitHooks.install(hooks, new HookBlock(target.collection(), script, pinned));
            PrintWriter out = spec.commandLine().getOut();
            print(out, hooks, changes);
            out.println("git pull, merge, checkout and rebase in " + folder + " now refresh collection \""
                    + target.collection() + "\".");
            return ExitStatus.OK;
        }

        private Path launcher() {
            Path script = launcher != null ? launcher : Launcher.path().orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "cannot tell which script the hook should run: install it through "
                    + "etc/artifact-cache, or name the launcher with --launcher"));
            if (!Files.isExecutable(script)) {
                throw new CommandLine.ParameterException(spec.commandLine(), script + " is not an executable script");
            }
            return script;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove the collection's block from the hooks, keeping their own lines.")
    static final class Uninstall implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            Path hooks = target.hooks(spec);
            print(spec.commandLine().getOut(), hooks, GitHooks.uninstall(hooks, target.collection()));
            return ExitStatus.OK;
        }
    }

    private static void print(PrintWriter out, Path hooks, Map<String, GitHooks.Change> changes) {
        out.println("Hooks in " + hooks + ":");
        changes.forEach((name, change) -> out.printf("  %-14s %s%n", name, change.text()));
    }
}
