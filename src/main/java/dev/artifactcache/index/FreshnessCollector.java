package dev.artifactcache.index;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

import java.io.IOException;
import java.util.Collection;

/** One pass over the matching documents' {@code synced_at}: count, stale count and oldest value. */
final class FreshnessCollector extends SimpleCollector {

    private final long cutoff;
    private NumericDocValues synced;
    private long total;
    private long stale;
    private long oldest = Long.MAX_VALUE;

    private FreshnessCollector(long cutoff) {
        this.cutoff = cutoff;
    }

    static CollectorManager<FreshnessCollector, Freshness> manager(long cutoff) {
        return new CollectorManager<>() {
            @Override
            public FreshnessCollector newCollector() {
                return new FreshnessCollector(cutoff);
            }

            @Override
            public Freshness reduce(Collection<FreshnessCollector> collectors) {
                long total = 0;
                long stale = 0;
                long oldest = Long.MAX_VALUE;
                for (FreshnessCollector c : collectors) {
                    total += c.total;
                    stale += c.stale;
                    oldest = Math.min(oldest, c.oldest);
                }
                return new Freshness(total, stale, oldest == Long.MAX_VALUE ? null : EpochNanos.toInstant(oldest));
            }
        };
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        synced = DocValues.getNumeric(context.reader(), ArtifactFields.SYNCED_AT);
    }

    @Override
    public void collect(int doc) throws IOException {
        total++;
        if (synced.advanceExact(doc)) {
            long value = synced.longValue();
            if (value < cutoff) {
                stale++;
            }
            oldest = Math.min(oldest, value);
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
