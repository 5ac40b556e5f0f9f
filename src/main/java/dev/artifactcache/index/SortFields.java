package dev.artifactcache.index;

import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

import java.util.EnumMap;
import java.util.Map;

/** Each {@link SortOrder} as a Lucene sort; the key is always the last field, so orders are total. */
final class SortFields {

    private static final SortField KEY = new SortField(ArtifactFields.KEY, SortField.Type.STRING);
    private static final Map<SortOrder, Sort> SORTS = new EnumMap<>(SortOrder.class);

    static {
        SORTS.put(SortOrder.NAME, new Sort(name(false), KEY));
        SORTS.put(SortOrder.NAME_DESC, new Sort(name(true), KEY));
        SORTS.put(SortOrder.UPDATED, new Sort(updated(false), KEY));
        SORTS.put(SortOrder.UPDATED_DESC, new Sort(updated(true), KEY));
        SORTS.put(SortOrder.RELEVANCE, new Sort(SortField.FIELD_SCORE, name(false), KEY));
    }

    private SortFields() {
    }

    static Sort of(SortOrder order) {
        return SORTS.get(order);
    }

    private static SortField name(boolean reverse) {
        return new SortField(ArtifactFields.NAME_SORT, SortField.Type.STRING, reverse);
    }

    private static SortField updated(boolean reverse) {
        SortField field = new SortField(ArtifactFields.UPDATED_AT, SortField.Type.LONG, reverse);
        field.setMissingValue(Long.MIN_VALUE);
        return field;
    }
}
