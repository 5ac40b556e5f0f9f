package dev.artifactcache;

import dev.artifactcache.collection.SkillmeatHome;
import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.membership.UserCollections;
import dev.artifactcache.observe.CacheMetrics;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.Backend;
import dev.artifactcache.store.IngestLease;
import dev.artifactcache.store.Database;
import dev.artifactcache.store.Recovery;
import dev.artifactcache.sync.BatchSync;
import dev.artifactcache.sync.ChangeTailer;
import dev.artifactcache.sync.Ingester;
import dev.artifactcache.sync.ReplicaCheck;
import dev.artifactcache.sync.CollectionCatalog;
import dev.artifactcache.sync.CollectionWatcher;
import dev.artifactcache.sync.IndexMirror;
import dev.artifactcache.sync.OwnWrites;
import dev.artifactcache.sync.Population;
import dev.artifactcache.sync.PopulationStatus;
import dev.artifactcache.sync.StaleRefresher;
import dev.artifactcache.sync.StaleRevalidator;
import dev.artifactcache.sync.Synchronizer;
import io.helidon.dbclient.DbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
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
    /** How often the index's thread asks whether a commit is due ({@link IndexMirror#commitWhenDue}). */
    private static final long COMMIT_CHECK_MILLIS = 250;
    /** A failed population (database down, say) is tried again this much later. */
    private static final Duration POPULATION_RETRY = Duration.ofSeconds(5);
    /** How long a warm start leaves the cores to the first searches before the background work starts. */
    private static final Duration WARM_START_QUIET = Duration.ofSeconds(2);

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
    private final Ingester ingester;
    private final ChangeTailer tailer;
    private final ReplicaCheck replicaCheck;
    private final OwnWrites ownWrites = new OwnWrites();
    private final ScheduledExecutorService background;
    /**
     * The periodic index commit and the replica check (which may apply, refresh or rebuild the index),
     * apart from {@link #background}, whose threads a close interrupts: an index write on an
     * interrupted thread closes the index's lock channel (NIO), and the index then refuses to commit
     * or close ("FileLock invalidated by an external force"). Closing lets a running task finish.
     */
    private final ScheduledExecutorService indexWork =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("index-work").factory());
    private final boolean startedInStep;
    private volatile boolean replicaInStep;
    private final CacheMetrics metrics;
    private final Optional<Recovery> recovery;

    private ArtifactCache(Settings settings, Clock clock, Database.Opened database, ArtifactIndex index) {
        this.settings = settings;
        this.clock = clock;
        this.db = database.client();
        this.recovery = database.recovery();
        this.index = index;
        Backend backend = Backend.of(settings.jdbcUrl());
        this.store = new ArtifactStore(this.db, backend);
        this.mirror = new IndexMirror(store, index);
        this.catalog = new CollectionCatalog(store.collections());
        SkillmeatHome home = new SkillmeatHome(settings.home());
        this.synchronizer = new Synchronizer(home, store, mirror, catalog, clock);
        this.userCollections = UserCollections.open(db, store, mirror, synchronizer, settings.dataFolder(), clock);
        index.useMemberships(userCollections);
        this.population = new Population(synchronizer, mirror, clock);
        this.batches = new BatchSync(synchronizer, index);
        this.refresher = new StaleRefresher(batches, clock, settings.ttl(), settings.background().refreshBatch());
        this.watcher = new CollectionWatcher(home, synchronizer, ownWrites);
        this.background = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().name("cache-background").factory());
        // Several nodes (README, "Several nodes"): one ingester by lease, every node tails the changes.
        Settings.Nodes nodes = settings.nodes();
        this.ingester = new Ingester(backend.shared() ? new IngestLease(db, nodeId(), nodes.lease()) : null, ingesterDuties(),
                background, nodes.leaseRenewal());
        this.tailer = backend.shared() ? new ChangeTailer(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword(),
                store, catalog, mirror, userCollections::reload, nodes.tailPoll()) : null;
        this.replicaCheck = new ReplicaCheck(mirror, store, ingester::holds, clock, settings.ttl());
        this.revalidator = new StaleRevalidator(batches,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("stale-revalidator").factory()),
                ingester::holds);
        this.startedInStep = !index.needsRebuild() && index.appliedSeq() == store.maxSeq() && index.documentCount() > 0;
        this.metrics = CacheMetrics.register(this);
    }

    /**
     * Opens the database (a broken embedded one is moved aside and started afresh: the population then
     * rebuilds it and the index from the files) and the index.
     *
     * @throws dev.artifactcache.store.DataFolderInUseException when another service holds the data folder
     */
    public static ArtifactCache open(Settings settings, Clock clock) throws IOException {
        Files.createDirectories(settings.dataFolder());
        // The index opens beside the database (each is most of a second of class loading and
        // reading on a warm start); the database's refusal (folder in use) is the one reported.
        FutureTask<ArtifactIndex> index = new FutureTask<>(() -> ArtifactIndex.open(settings.dataFolder().resolve("lucene")));
        Thread.ofPlatform().daemon().name("index-open").start(index);
        Database.Opened database;
        try {
            database = Database.openOrRecover(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword(), clock);
        } catch (RuntimeException e) {
            closeQuietly(index);
            throw e;
        }
        ArtifactIndex openedIndex;
        try {
            openedIndex = opened(index);
        } catch (IOException | RuntimeException e) {
            database.client().close();
            throw e;
        }
        return new ArtifactCache(settings, clock, database, openedIndex);
    }

    private static ArtifactIndex opened(FutureTask<ArtifactIndex> index) throws IOException {
        try {
            return index.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static void closeQuietly(FutureTask<ArtifactIndex> index) {
        try {
            opened(index).close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "the index opened beside a database that failed did not close", e);
        }
    }

    /**
     * Starts the population in the background (the file watcher beside it, when configured), the
     * periodic index commit and the stale refresher.
     */
    public ArtifactCache start() {
        Runnable work = () -> {
            if (tailer != null) {
                population.follow(catalog.all().size());
                tailer.start();
            }
            ingester.start();
        };
        // An index in step serves at once: the first searches get the cores to themselves for a
        // moment (class loading, the first compilations) before the re-scan of the files starts.
        background.schedule(work, startedInStep ? WARM_START_QUIET.toMillis() : 0, TimeUnit.MILLISECONDS);
        indexWork.scheduleWithFixedDelay(() -> committing(mirror::commitWhenDue), COMMIT_CHECK_MILLIS,
                COMMIT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        long check = settings.nodes().replicaCheck().toMillis();
        indexWork.scheduleWithFixedDelay(replicaCheck, check, check, TimeUnit.MILLISECONDS);
        refresher.start(settings.background().refreshInterval(), ingester::holds);
        return this;
    }

    /**
     * The ingester's work: the population, with the file watcher started beside it, when configured.
     * Registering every folder of a large home takes seconds (73,000 folders at 100,000 artifacts),
     * which the population no longer waits for. A file changed from the population's start on
     * may have been read before its folder was watched: the watcher syncs those once it watches.
     */
    private Ingester.Duties ingesterDuties() {
        return new Ingester.Duties() {
            @Override
            public void start() {
                if (settings.background().watchFiles()) {
                    Instant populationStart = Instant.now(); // the system clock, which dates the files
                    Thread.ofPlatform().daemon().name("watcher-start").start(() -> {
                        if (ingester.holds()) {
                            startWatcher(populationStart);
                        }
                    });
                }
                // A replica that tailed the rows into its index goes on serving while it populates.
                if (tailer != null && population.status().state() == PopulationStatus.State.DONE
                        && index.documentCount() > 0) {
                    replicaInStep = true;
                }
                population.runUntilDone(ingester::holds, POPULATION_RETRY);
            }

            @Override
            public void stop() {
                watcher.close();
            }
        };
    }

    private static String nodeId() {
        return "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    /** True while this node is the ingester (always on H2). */
    public boolean ingests() {
        return ingester.holds();
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

    /** The broken database this start moved aside, if it found one. */
    public Optional<Recovery> recovery() {
        return recovery;
    }

    /** True when the index was sound and in step with the database at start: it can serve at once. */
    public boolean startedInStep() {
        return startedInStep;
    }

    /**
     * True when this node, tailing a shared database, held an index in step with the rows (and not
     * empty) when it took the ingester's lease: it serves reads while the population it then runs
     * is under way, and after.
     */
    public boolean replicaInStep() {
        return replicaInStep;
    }

    /** Documents whose files were last checked before this instant are stale. */
    public Instant staleBefore() {
        return clock.instant().minus(settings.ttl());
    }

    /** Without a watcher the cache still works: edits then show up through the refresher and the routes. */
    private void startWatcher(Instant populationStart) {
        try {
            watcher.start(populationStart);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=watch_start_failed reason=\"" + e.getMessage() + "\"", e);
        }
    }

    /** Runs {@code commit}, logging rather than throwing its failure: the next commit tries again. */
    private void committing(Runnable commit) {
        try {
            commit.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=index_commit_failed reason=\"" + e.getMessage() + "\"", e);
        }
    }

    @Override
    public void close() throws IOException {
        metrics.close();
        ingester.close();
        if (tailer != null) {
            tailer.close();
        }
        watcher.close();
        refresher.close();
        revalidator.close();
        indexWork.shutdown();
        background.shutdownNow();
        try {
            indexWork.awaitTermination(10, TimeUnit.SECONDS);
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronizer.close();
        mirror.close();
        committing(mirror::commit);
        index.close();
        db.close();
    }
}
