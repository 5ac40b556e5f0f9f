package dev.artifactcache.sync;

import dev.artifactcache.collection.SkillmeatHome;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the SkillMeat home with the JDK's {@link WatchService} (inotify on Linux) and turns
 * edits into syncs of just the artifacts they touch, so an edit is searchable within a fraction of
 * a second without any hook. Every folder under {@code collections/} is registered, including
 * folders created later. Events are debounced: a burst (an editor's save, a {@code git pull}) is
 * synced once, {@link #QUIET_NANOS} after its last event, and never later than
 * {@link #MAX_DELAY_NANOS} after its first. Lost events (overflow) sync the collection in full.
 * Any failure is logged and the watching goes on.
 */
public final class CollectionWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CollectionWatcher.class.getName());
    /** Long enough to merge an editor's write-rename-chmod, short enough to stay well under half a second. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(75);
    /** A steady stream of writes still shows up this soon. */
    static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /**
     * File systems with coarse timestamps (whole or even two seconds) date an edit at most this much
     * before it: a file dated this close to a population's start is synced again once watched.
     */
    public static final Duration TIMESTAMP_GRANULARITY = Duration.ofSeconds(2);

    private final Path root;
    private final LongAdder events = new LongAdder();
    private final FileChangeSync changes;
    private final OwnWrites ownWrites;
    private WatchService service;
    private Thread thread;
    private volatile boolean running;
    private boolean warnedAboutLimit;

    public CollectionWatcher(SkillmeatHome home, Synchronizer synchronizer) {
        this(home, synchronizer, new OwnWrites());
    }

    /** @param ownWrites the service's own writes (web edits), already synced: their events are skipped */
    public CollectionWatcher(SkillmeatHome home, Synchronizer synchronizer, OwnWrites ownWrites) {
        this.root = home.root();
        this.changes = new FileChangeSync(synchronizer);
        this.ownWrites = ownWrites;
    }

    /**
     * Registers the watches, reads each collection's manifest as the baseline for later edits,
     * and starts the watching thread. Changes made after this returns are picked up; start it
     * before the population so that none fall in between.
     */
    public void start() throws IOException {
        start(null);
    }

    /**
     * As {@link #start()}, beside a population that began reading the files at {@code since}
     * (the system clock, which dates the files): a file changed from then on may have been read
     * before its folder was watched, so it is synced once the watching begins (a changed manifest
     * or lock file syncs its collection in full, since its baseline is read after the change).
     */
    public synchronized void start(Instant since) throws IOException {
        if (thread != null) {
            return;
        }
        if (!Files.isDirectory(root)) {
            LOG.warning("event=watch_skipped reason=\"" + root + " is not a folder\"");
            return;
        }
        service = root.getFileSystem().newWatchService();
        register(root);
        PathChanges changedMeanwhile = new PathChanges();
        Path collections = root.resolve(PathChanges.COLLECTIONS);
        if (Files.isDirectory(collections)) {
            FileTime from = since == null ? null : FileTime.from(since.minus(TIMESTAMP_GRANULARITY));
            registerTree(collections, from, changedMeanwhile);
        }
        changes.takeBaselines();
        running = true;
        thread = Thread.ofPlatform().daemon().name("collection-watcher").start(() -> watch(changedMeanwhile));
        LOG.info("event=watch_started home=" + root);
    }

    /** Watches until closed; {@code pending} holds the changes found before the watching began. */
    private void watch(PathChanges pending) {
        long first = System.nanoTime();
        long last = first;
        Instant seen = null; // the changes found before the watching began: when they happened is not known
        while (running) {
            try {
                WatchKey key = pending.isEmpty() ? service.take() : poll(Math.min(last + QUIET_NANOS, first + MAX_DELAY_NANOS));
                if (key != null) {
                    boolean wasEmpty = pending.isEmpty();
                    collect(key, pending);
                    long now = System.nanoTime();
                    first = wasEmpty ? now : first;
                    seen = wasEmpty ? changes.now() : seen;
                    last = now;
                    continue;
                }
                PathChanges batch = pending;
                pending = new PathChanges();
                changes.apply(batch, seen);
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return; // closed
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event=watch_failed reason=\"" + e.getMessage() + "\"", e);
                pending = new PathChanges();
            }
        }
    }

    /** The next key, or null once {@code deadline} (System.nanoTime) has passed. */
    private WatchKey poll(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        return wait > 0 ? service.poll(wait, TimeUnit.NANOSECONDS) : null;
    }

    /** Events received since start, for the metrics. */
    public long eventsSeen() {
        return events.sum();
    }

    private void collect(WatchKey key, PathChanges pending) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            events.increment();
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                registerTree(folder); // folders created meanwhile were missed too
                pending.overflow(root, folder);
                continue;
            }
            Path changed = folder.resolve((Path) event.context());
            if (ownWrites.claims(changed)) {
                continue; // the edit that wrote it synced it already, under the write lock
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
                registerTree(changed); // before its own first events, as far as possible
            }
            pending.add(root, changed);
        }
        key.reset();
    }

    /** Registers {@code top} and every folder below it, except hidden ones (.git and the like) and links. */
    private void registerTree(Path top) {
        registerTree(top, null, null);
    }

    /** As {@link #registerTree(Path)}, adding to {@code changed} each file modified at or after {@code since}, when given. */
    private void registerTree(Path top, FileTime since, PathChanges changed) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(top) && dir.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    register(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (since != null && attrs.lastModifiedTime().compareTo(since) >= 0) {
                        changed.addUnwatched(root, file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile: its deletion event follows
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=watch_register_failed folder=" + top + " reason=\"" + e.getMessage() + "\"", e);
        }
    }

    private void register(Path dir) {
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            // Typically the inotify watch limit: edits there are then found by the refresher instead.
            if (!warnedAboutLimit) {
                warnedAboutLimit = true;
                LOG.warning("event=watch_register_failed folder=" + dir + " reason=\"" + e.getMessage()
                        + "\" hint=\"raise fs.inotify.max_user_watches; the refresher still catches these edits\"");
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the watch service failed", e);
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Startable again: a node that loses the ingester lease stops watching, and starts again when it takes it back.
        thread = null;
        service = null;
    }
}
