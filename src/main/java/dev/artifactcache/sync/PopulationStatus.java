package dev.artifactcache.sync;

import java.time.Instant;

/**
 * Where the startup population stands, for health checks and logs.
 *
 * @param state                 not started, running, done or failed
 * @param collectionsDone       collections synced so far
 * @param collectionsTotal      collections found (0 until known)
 * @param artifactsDone         artifacts looked at so far
 * @param failure               why it failed, or null
 * @param finishedAt            when it finished, or null
 */
public record PopulationStatus(State state, int collectionsDone, int collectionsTotal, long artifactsDone,
                               String failure, Instant finishedAt) {

    public enum State { NOT_STARTED, RUNNING, DONE, FAILED }

    static final PopulationStatus NOT_STARTED = new PopulationStatus(State.NOT_STARTED, 0, 0, 0, null, null);
}
