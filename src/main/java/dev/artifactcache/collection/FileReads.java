package dev.artifactcache.collection;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts the file reads made while serving a read route, which must stay zero: reads are answered
 * from the index alone. Every public entry point of this package that touches the disk records
 * itself here; a read route runs its handler inside {@link #duringReadRoute}.
 */
public final class FileReads {

    private static final ThreadLocal<Boolean> READ_ROUTE = ThreadLocal.withInitial(() -> false);
    private static final LongAdder ON_READ_ROUTES = new LongAdder();

    private FileReads() {
    }

    /** Runs {@code work} as part of a read route: any file read it makes is counted. */
    public static <T> T duringReadRoute(Supplier<T> work) {
        boolean outer = READ_ROUTE.get();
        READ_ROUTE.set(true);
        try {
            return work.get();
        } finally {
            READ_ROUTE.set(outer);
        }
    }

    /** File reads made on read routes since the process started. */
    public static long onReadRoutes() {
        return ON_READ_ROUTES.sum();
    }

    static void record() {
        if (READ_ROUTE.get()) {
            ON_READ_ROUTES.increment();
        }
    }
}
