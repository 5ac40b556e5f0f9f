package dev.artifactcache;

import dev.artifactcache.collection.SkillmeatHome;
import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.membership.UserCollections;
import dev.artifactcache.observe.CacheMetrics;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.Database;
import dev.artifactcache.sync.BatchSync;
import dev.artifactcache.sync.CollectionCatalog;
import dev.artifactcache.sync.CollectionWatcher;
import dev.artifactcache.sync.IndexMirror;
import dev.artifactcache.sync.OwnWrites;
import dev.artifactcache.sync.Population;
import dev.artifactcache.sync.StaleRefresher;
import dev.artifactcache.sync.StaleRevalidator;
import dev.artifactcache.sync.Synchronizer;
import io.helidon.dbclient.DbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The assembled cache: database, index and the write path over one SkillMeat home. Opening it is
 * quick (schema migration, index open); the population runs in the background once started.
 */
public final class ArtifactCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArtifactCache.class.getName());
    /** The index is committed this often: H2 is the durable copy, a crash replays the rest. */
    private static final long COMMIT_EVERY_SECONDS = 2;

    private final Settings settings;
    private final Clock clock;
    private final DbClient db;
    private final ArtifactStore store;
    private final ArtifactIndex index;
    private final IndexMirror mirror;
    private final CollectionCatalog catalog;
    private final Synchronizer synchronizer;
    private final Population population;
    private final UserCollections userCollections;
    private final BatchSync batches;
    private final StaleRevalidator revalidator;
    private final StaleRefresher refresher;
    private final CollectionWatcher watcher;
    private final OwnWrites ownWrites = new OwnWrites();
    private final ScheduledExecutorService background;
    private final boolean startedInStep;
    private final CacheMetrics metrics;

    private ArtifactCache(Settings settings, Clock clock, DbClient db, ArtifactIndex index) {
        this.settings = settings;
        this.clock = clock;
        this.db = db;
        this.index = index;
        this.store = new ArtifactStore(db);
        this.mirror = new IndexMirror(store, index);
        this.catalog = new CollectionCatalog(store.collections());
        SkillmeatHome home = new SkillmeatHome(settings.home());
        this.synchronizer = new Synchronizer(home, store, mirror, catalog, clock);
        this.userCollections = UserCollections.open(db, store, mirror, synchronizer, settings.dataFolder(), clock);
        index.useMemberships(userCollections);
        this.population = new Population(synchronizer, mirror, clock);
        this.batches = new BatchSync(synchronizer, index);
        this.revalidator = new StaleRevalidator(batches,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("stale-revalidator").factory()));
        this.refresher = new StaleRefresher(batches, clock, settings.ttl(), settings.background().refreshBatch());
        this.watcher = new CollectionWatcher(home, synchronizer, ownWrites);
        this.background = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().name("cache-background").factory());
        this.startedInStep = !index.needsRebuild() && index.appliedSeq() == store.lastSeq() && index.documentCount() > 0;
        this.metrics = CacheMetrics.register(this);
    }

    public static ArtifactCache open(Settings settings, Clock clock) throws IOException {
        Files.createDirectories(settings.dataFolder());
        DbClient db = Database.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        ArtifactIndex index = ArtifactIndex.open(settings.dataFolder().resolve("lucene"));
        return new ArtifactCache(settings, clock, db, index);
    }

    /**
     * Starts the population in the background (the file watcher first, when configured, so no
     * edit falls between the two), the periodic index commit and the stale refresher.
     */
    public ArtifactCache start() {
        background.execute(() -> {
            if (settings.background().watchFiles()) {
                startWatcher();
            }
            population.run();
        });
        background.scheduleWithFixedDelay(this::commitQuietly, COMMIT_EVERY_SECONDS, COMMIT_EVERY_SECONDS, TimeUnit.SECONDS);
        refresher.start(settings.background().refreshInterval());
        return this;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public ArtifactStore store() {
        return store;
    }

    public ArtifactIndex index() {
        return index;
    }

    public CollectionCatalog catalog() {
        return catalog;
    }

    public Synchronizer synchronizer() {
        return synchronizer;
    }

    /** The user collections (database only, mirrored into the index). */
    public UserCollections userCollections() {
        return userCollections;
    }

    public Population population() {
        return population;
    }

    public IndexMirror mirror() {
        return mirror;
    }

    public BatchSync batches() {
        return batches;
    }

    /** Takes the stale documents a read returned, to re-sync them in the background. */
    public StaleRevalidator revalidator() {
        return revalidator;
    }

    public StaleRefresher refresher() {
        return refresher;
    }

    public CollectionWatcher watcher() {
        return watcher;
    }

    /** The files the service wrote itself (web edits), whose watcher events are skipped. */
    public OwnWrites ownWrites() {
        return ownWrites;
    }

    public CacheMetrics metrics() {
        return metrics;
    }

    /** True when the index was sound and in step with the database at start: it can serve at once. */
    public boolean startedInStep() {
        return startedInStep;
    }

    /** Documents whose files were last checked before this instant are stale. */
    public Instant staleBefore() {
        return clock.instant().minus(settings.ttl());
    }

    /** Without a watcher the cache still works: edits then show up through the refresher and the routes. */
    private void startWatcher() {
        try {
            watcher.start();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=watch_start_failed reason=\"" + e.getMessage() + "\"", e);
        }
    }

    private void commitQuietly() {
        try {
            mirror.commit();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=index_commit_failed reason=\"" + e.getMessage() + "\"", e);
        }
    }

    @Override
    public void close() throws IOException {
        metrics.close();
        watcher.close();
        refresher.close();
        revalidator.close();
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronizer.close();
        commitQuietly();
        index.close();
        db.close();
    }
}
