package dev.artifactcache.cli;

import dev.artifactcache.Main;
import dev.artifactcache.observe.BuildVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code artifact-cache} command: {@code serve} (also when no command is given) and the
 * client commands. Failures become one line on stderr and an {@link ExitStatus}.
 */
@Command(name = "artifact-cache", mixinStandardHelpOptions = true, versionProvider = ArtifactCacheCommand.Version.class,
        description = "A fast, always-available metadata cache of a SkillMeat collection. Without a command: serve.",
        subcommands = {ServeCommand.class, SyncCommand.class, RefreshCommand.class, StatsCommand.class,
                SearchCommand.class, ShowCommand.class, HookCommand.class},
        footer = {"", "Exit status: 0 ok, 1 some artifacts failed (or the service could not do it), 2 usage error, "
                + "3 service unreachable.", "Each command has --help."})
public final class ArtifactCacheCommand implements Callable<Integer> {

    static final String NAME = "artifact-cache";

    @Spec
    CommandSpec spec;

    /** The command line with its defaults read from the service's configuration. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ArtifactCacheCommand());
        commandLine.setDefaultValueProvider(new ConfiguredDefaults(() -> Main.config(Map.of()), System.getenv()));
        commandLine.setExecutionExceptionHandler(ArtifactCacheCommand::failed);
        commandLine.setParameterExceptionHandler(ArtifactCacheCommand::misused);
        return commandLine;
    }

    /** Runs the command {@code args} name and returns its exit status, with everything printed flushed. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine();
        int status = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return status;
    }

    /** No command: the service, as {@code java -jar} and {@code mvn exec:exec} always ran it. */
    @Override
    public Integer call() {
        return spec.subcommands().get("serve").execute();
    }

    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        if (e instanceof CommandFailure failure) {
            commandLine.getErr().println(NAME + ": " + failure.getMessage());
            return failure.exitStatus();
        }
        commandLine.getErr().println(NAME + ": unexpected error, please report it: " + e);
        e.printStackTrace(commandLine.getErr());
        return ExitStatus.FAILED;
    }

    /** One line instead of picocli's full usage: the problem and where the help is. */
    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandFailure failure) { // from the defaults: the configuration is wrong
                commandLine.getErr().println(NAME + ": " + failure.getMessage());
                return failure.exitStatus();
            }
        }
        commandLine.getErr().println(NAME + ": " + message(e) + " (see: "
                + commandLine.getCommandSpec().qualifiedName() + " --help)");
        return ExitStatus.USAGE;
    }

    /**
     * A value a converter refused: its own message, after the option's name (picocli's words are for programmers);
     * a mistyped command or option: the nearest ones picocli knows.
     */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            String what = first.startsWith("-") ? e.getMessage() : "Unknown command: '" + first + "'";
            return what + "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException refused && e.getArgSpec() != null) {
            return (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option ? option.longestName() + ": " : "")
                    + refused.getMessage();
        }
        return e.getMessage();
    }

    /** The version Maven packaged, and the Java running it (the launcher picks one itself). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {NAME + " " + BuildVersion.version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
