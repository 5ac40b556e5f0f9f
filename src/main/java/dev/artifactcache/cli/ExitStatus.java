package dev.artifactcache.cli;

/** What a command's exit status tells a script; the README lists the same. */
public final class ExitStatus {

    public static final int OK = 0;
    /** Some artifacts failed, or the service could not do what was asked (its error, a timeout). */
    public static final int FAILED = 1;
    /** A wrong option or argument, found by the command line or by the service (400, 401, 404). */
    public static final int USAGE = 2;
    /** No service answers at the {@code --server} address. */
    public static final int UNREACHABLE = 3;

    private ExitStatus() {
    }
}
