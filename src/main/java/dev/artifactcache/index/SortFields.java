package dev.artifactcache.index;

import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

import java.util.EnumMap;
import java.util.Map;

/**
 * Each {@link SortOrder} as a Lucene sort. The key is always the last field, so orders are total;
 * a descending order is the exact reverse of its ascending one (key included). String fields sort
 * through {@link LazyTermComparator}.
 */
final class SortFields {

    /** How segments are sorted on disk: name order is doc id order within a segment ({@link NameOrderPage}). */
    static final Sort INDEX = new Sort(new SortField(ArtifactFields.NAME_SORT, SortField.Type.STRING),
            new SortField(ArtifactFields.KEY, SortField.Type.STRING));

    private static final Map<SortOrder, Sort> SORTS = new EnumMap<>(SortOrder.class);

    static {
        SORTS.put(SortOrder.NAME, new Sort(name(false), key(false)));
        SORTS.put(SortOrder.NAME_DESC, new Sort(name(true), key(true)));
        SORTS.put(SortOrder.UPDATED, new Sort(updated(false), key(false)));
        SORTS.put(SortOrder.UPDATED_DESC, new Sort(updated(true), key(true)));
        SORTS.put(SortOrder.RELEVANCE, new Sort(SortField.FIELD_SCORE, name(false), key(false)));
    }

    private SortFields() {
    }

    static Sort of(SortOrder order) {
        return SORTS.get(order);
    }

    private static SortField name(boolean reverse) {
        return LazyTermComparator.sortField(ArtifactFields.NAME_SORT, reverse);
    }

    private static SortField key(boolean reverse) {
        return LazyTermComparator.sortField(ArtifactFields.KEY, reverse);
    }

    private static SortField updated(boolean reverse) {
        SortField field = new SortField(ArtifactFields.UPDATED_AT, SortField.Type.LONG, reverse);
        field.setMissingValue(Long.MIN_VALUE);
        return field;
    }
}
