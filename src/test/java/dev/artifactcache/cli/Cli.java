package dev.artifactcache.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Arrays;

/** Runs the command line in this JVM as {@code Main} does, with its output captured. */
final class Cli {

    private Cli() {
    }

    /** @param args the arguments; paths, URIs and numbers are turned into their text */
    static CommandResult run(Object... args) {
        return execute(ArtifactCacheCommand.commandLine(), args);
    }

    /** As {@link #run}, with {@code stats} measuring ages to {@code clock} (the service's, so they are exact). */
    static CommandResult runAt(Clock clock, Object... args) {
        CommandLine commandLine = ArtifactCacheCommand.commandLine();
        ((StatsCommand) commandLine.getSubcommands().get("stats").getCommand()).clock = clock;
        return execute(commandLine, args);
    }

    private static CommandResult execute(CommandLine commandLine, Object[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return new CommandResult(status, out.toString(), err.toString());
    }
}
