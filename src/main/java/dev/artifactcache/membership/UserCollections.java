package dev.artifactcache.membership;

import dev.artifactcache.index.MembershipLookup;
import dev.artifactcache.edit.RefusedException;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.RowKey;
import dev.artifactcache.sync.IndexMirror;
import dev.artifactcache.sync.SyncLog;
import dev.artifactcache.sync.Synchronizer;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The user collections: changed through the write path's lock, one database transaction each
 * (the members' rows take new seq numbers in it, so every index re-applies them), then the index
 * and the durable copy. Reads are served from an in-memory snapshot, never from the database.
 */
public final class UserCollections implements MembershipLookup {

    private static final Logger LOG = Logger.getLogger(UserCollections.class.getName());
    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 2000;

    /** An immutable snapshot: the collections by id (by name order), and each member's collections by key. */
    private record State(Map<String, UserCollection> byId, Map<String, List<String>> byKey) {
        static State of(Collection<UserCollection> collections) {
            Map<String, UserCollection> byId = new LinkedHashMap<>();
            Map<String, List<String>> byKey = new HashMap<>();
            collections.stream().sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).forEach(c -> {
                byId.put(c.id(), c);
                c.members().forEach(m -> byKey.computeIfAbsent(m.artifact().key(), k -> new ArrayList<>()).add(c.id()));
            });
            return new State(Collections.unmodifiableMap(byId), byKey);
        }
    }

    /** What adding artifacts did: SkillMeat's answer fields. */
    public record Added(String collectionId, int addedCount, int alreadyPresentCount, int totalArtifacts) {
    }

    private final MembershipStore store;
    private final ArtifactStore rows;
    private final IndexMirror mirror;
    private final Synchronizer synchronizer;
    private final DurableCopy copy;
    private final Clock clock;
    private volatile State state;

    private UserCollections(MembershipStore store, ArtifactStore rows, IndexMirror mirror, Synchronizer synchronizer,
                            DurableCopy copy, Clock clock) {
        this.store = store;
        this.rows = rows;
        this.mirror = mirror;
        this.synchronizer = synchronizer;
        this.copy = copy;
        this.clock = clock;
        this.state = State.of(store.loadAll());
    }

    /**
     * Loads the user collections, and brings the database and the durable copy in {@code dataFolder}
     * to the newer of the two ({@link #reconcileWithCopy}).
     *
     * @throws UncheckedIOException when a copy exists but cannot be read: starting without it would lose them
     */
    public static UserCollections open(DbClient db, ArtifactStore rows, IndexMirror mirror, Synchronizer synchronizer,
                                       Path dataFolder, Clock clock) {
        UserCollections collections = new UserCollections(new MembershipStore(db), rows, mirror, synchronizer,
                new DurableCopy(dataFolder), clock);
        collections.reconcileWithCopy();
        return collections;
    }

    /**
     * The newer one wins. A copy of a higher revision than the database (a fresh database after a
     * recovery, or one that lost acknowledged commits) replaces the database's user collections; so
     * does any copy when the database has none and no revision (a copy from before revisions). A
     * database ahead of its copy (stopped between its commit and the copy, before the answer)
     * rewrites the copy.
     */
    private void reconcileWithCopy() {
        DurableCopy.Saved saved;
        try {
            saved = copy.read();
        } catch (IOException e) {
            throw new UncheckedIOException("the user collections' durable copy cannot be read; move it aside to start without it", e);
        }
        long stored = store.revision();
        boolean copyNewer = saved.revision() > stored
                || (saved.revision() == stored && state.byId().isEmpty() && !saved.collections().isEmpty());
        if (copyNewer) {
            List<UserCollection> before = all();
            List<UserCollection> both = new ArrayList<>(before);
            both.addAll(saved.collections());
            commit(tx -> MembershipStore.replaceAll(tx, saved.collections(), saved.revision()), saved.collections(), members(both));
            LOG.info(() -> "event=user_collections_restored from=" + copy.file() + " revision=" + saved.revision()
                    + " database_revision=" + stored + " collections=" + saved.collections().size()
                    + " members=" + saved.collections().stream().mapToInt(c -> c.members().size()).sum());
        } else if (stored > saved.revision()) {
            writeCopy(stored);
        }
    }

    /**
     * Reads the user collections from the database again: a node that applies another node's
     * changes (a tailer of the shared database) calls this before applying, so that the member rows
     * it re-indexes carry the memberships that node committed.
     */
    public void reload() {
        state = State.of(store.loadAll());
    }

    @Override
    public List<String> userCollectionsOf(String key) {
        return state.byKey().getOrDefault(key, List.of());
    }

    /** Every user collection, by name. */
    public List<UserCollection> all() {
        return List.copyOf(state.byId().values());
    }

    public Optional<UserCollection> get(String id) {
        return Optional.ofNullable(state.byId().get(id));
    }

    public boolean contains(String id) {
        return state.byId().containsKey(id);
    }

    public UserCollection create(String name, String description) {
        return synchronizer.underWriteLock(() -> {
            String checkedName = name(name, null);
            Instant now = now();
            UserCollection created = new UserCollection(UUID.randomUUID().toString().replace("-", ""), checkedName,
                    description(description), now, now, List.of());
            commit(tx -> MembershipStore.insert(tx, created), with(created), List.of());
            log("user_collection_created", created.id(), "name=" + SyncLog.quoted(created.name()));
            return created;
        });
    }

    /** Renames and/or changes the description; a null argument keeps that value. */
    public UserCollection update(String id, String name, String description) {
        return synchronizer.underWriteLock(() -> {
            UserCollection current = require(id);
            UserCollection updated = current.with(name == null ? current.name() : name(name, id),
                    description == null ? current.description() : description(description), now());
            commit(tx -> MembershipStore.update(tx, updated), with(updated), List.of());
            log("user_collection_updated", id, "name=" + SyncLog.quoted(updated.name()));
            return updated;
        });
    }

    public void delete(String id) {
        synchronizer.underWriteLock(() -> {
            UserCollection current = require(id);
            List<UserCollection> rest = new ArrayList<>(state.byId().values());
            rest.remove(current);
            commit(tx -> MembershipStore.delete(tx, id), rest, members(List.of(current)));
            log("user_collection_deleted", id, "members=" + current.members().size());
            return null;
        });
    }

    /** Adds artifacts (already checked to exist); ones already in are counted, not added twice. */
    public Added add(String id, List<RowKey> artifacts) {
        return synchronizer.underWriteLock(() -> {
            UserCollection current = require(id);
            Instant now = now();
            List<Member> members = new ArrayList<>(current.members());
            List<Member> added = new ArrayList<>();
            for (RowKey artifact : artifacts) {
                if (!current.contains(artifact) && added.stream().noneMatch(m -> m.artifact().equals(artifact))) {
                    added.add(new Member(artifact, now));
                }
            }
            members.addAll(added);
            UserCollection updated = current.withMembers(members, added.isEmpty() ? current.updatedAt() : now);
            if (!added.isEmpty()) {
                commit(tx -> {
                    added.forEach(m -> MembershipStore.insertMember(tx, id, m));
                    MembershipStore.update(tx, updated);
                }, with(updated), added.stream().map(Member::artifact).toList());
                log("user_collection_members_added", id, "added=" + added.size());
            }
            return new Added(id, added.size(), artifacts.size() - added.size(), members.size());
        });
    }

    public void remove(String id, RowKey artifact) {
        synchronizer.underWriteLock(() -> {
            UserCollection current = require(id);
            if (!current.contains(artifact)) {
                throw new RefusedException(404, "artifact_not_found", "artifact_id", "\"" + artifact.id()
                        + "\" is not in user collection \"" + current.name() + "\"");
            }
            UserCollection updated = current.withMembers(
                    current.members().stream().filter(m -> !m.artifact().equals(artifact)).toList(), now());
            commit(tx -> {
                MembershipStore.deleteMember(tx, id, artifact);
                MembershipStore.update(tx, updated);
            }, with(updated), List.of(artifact));
            log("user_collection_member_removed", id, "artifact=" + SyncLog.quoted(artifact.key()));
            return null;
        });
    }

    /**
     * One transaction (the members' rows take new seq numbers, the revision one more), then the
     * snapshot the index reads memberships from, then the index, then the durable copy, all before
     * the change is answered. Runs under the write lock.
     */
    private void commit(Consumer<DbExecute> change, Collection<UserCollection> next, Collection<RowKey> affected) {
        long[] revision = new long[1];
        rows.writeMembership(tx -> {
            change.accept(tx);
            revision[0] = MembershipStore.nextRevision(tx);
        }, affected);
        state = State.of(next);
        mirror.catchUp();
        writeCopy(revision[0]);
    }

    private void writeCopy(long revision) {
        try {
            copy.write(revision, all());
        } catch (IOException e) {
            // The database holds the change; the copy is rewritten whole by the next change.
            LOG.warning("event=user_collections_copy_failed file=" + copy.file() + " reason=" + SyncLog.quoted(String.valueOf(e.getMessage())));
        }
    }

    private List<UserCollection> with(UserCollection changed) {
        List<UserCollection> next = new ArrayList<>(state.byId().values());
        next.removeIf(c -> c.id().equals(changed.id()));
        next.add(changed);
        return next;
    }

    private static List<RowKey> members(List<UserCollection> collections) {
        return collections.stream().flatMap(c -> c.members().stream()).map(Member::artifact).distinct().toList();
    }

    private UserCollection require(String id) {
        UserCollection found = state.byId().get(id);
        if (found == null) {
            throw new RefusedException(404, "collection_not_found", "collection_id", "No user collection \"" + id
                    + "\"; GET /api/v1/user-collections lists them");
        }
        return found;
    }

    /** A trimmed name of 1..255 characters without control characters, not taken by another user collection. */
    private String name(String name, String ownId) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new RefusedException(400, "invalid_request", "name",
                    "name must be 1 to " + MAX_NAME + " characters without control characters");
        }
        for (UserCollection other : state.byId().values()) {
            if (other.name().equalsIgnoreCase(trimmed) && !other.id().equals(ownId)) {
                throw new RefusedException(409, "name_taken", "name", "A user collection named \"" + other.name()
                        + "\" already exists; choose another name");
            }
        }
        return trimmed;
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String trimmed = description.strip();
        if (trimmed.length() > MAX_DESCRIPTION) {
            throw new RefusedException(400, "invalid_request", "description", "description is " + trimmed.length()
                    + " characters; at most " + MAX_DESCRIPTION);
        }
        return trimmed;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void log(String event, String id, String details) {
        LOG.info(() -> "event=" + event + " id=" + id + " " + details);
    }
}
