package dev.artifactcache.cli;

/**
 * Why a command stops: the one line a person reads on stderr, and the exit status a script reads.
 * Thrown anywhere in a command; {@link ArtifactCacheCommand} prints it.
 */
final class CommandFailure extends RuntimeException {

    private final int exitStatus;

    private CommandFailure(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    static CommandFailure failed(String message) {
        return new CommandFailure(ExitStatus.FAILED, message);
    }

    static CommandFailure usage(String message) {
        return new CommandFailure(ExitStatus.USAGE, message);
    }

    static CommandFailure unreachable(String message) {
        return new CommandFailure(ExitStatus.UNREACHABLE, message);
    }

    int exitStatus() {
        return exitStatus;
    }
}
