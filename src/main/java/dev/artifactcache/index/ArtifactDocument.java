package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a canonical row into its one Lucene document (see {@link ArtifactFields} for the schema).
 * No field is stored (a hit's row is read from doc values) and the one point field has one
 * dimension: {@link IndexGeneration.RamTempFiles} relies on both.
 */
final class ArtifactDocument {

    private ArtifactDocument() {
    }

    static Term keyTerm(String key) {
        return new Term(ArtifactFields.KEY, key);
    }

    /**
     * @throws IllegalArgumentException for a tombstone or a row missing what every document needs
     */
    /**
     * The document with the ids of the user collections its artifact is a member of, as further
     * values of the collection filter: a user collection then lists, searches and facets exactly
     * like a file collection. They are not facet labels, so the collection counts stay per folder.
     */
    static Document of(ArtifactRow row, MembershipLookup memberships) {
        if (row.deleted() || row.metadata() == null) {
            throw new IllegalArgumentException("row " + row.key() + " is a tombstone or has no metadata; only live rows become documents");
        }
        if (row.syncedAt() == null) {
            throw new IllegalArgumentException("row " + row.key() + " has no synced_at; every live row must have one");
        }
        ArtifactMetadata m = row.metadata();
        Document doc = new Document();
        String key = row.key();
        doc.add(new StringField(ArtifactFields.KEY, key, Field.Store.NO));
        doc.add(new SortedDocValuesField(ArtifactFields.KEY, new BytesRef(key)));

        String lowerName = m.name().toLowerCase(Locale.ROOT);
        doc.add(new SortedDocValuesField(ArtifactFields.NAME_SORT, new BytesRef(lowerName)));
        doc.add(new StringField(ArtifactFields.NAME_EXACT, lowerName, Field.Store.NO));

        keyword(doc, FacetDimension.COLLECTION, row.collection());
        for (String userCollection : memberships.userCollectionsOf(key)) {
            doc.add(new StringField(FacetDimension.COLLECTION.filterField(), userCollection, Field.Store.NO));
        }
        keyword(doc, FacetDimension.TYPE, m.type().wire());
        keyword(doc, FacetDimension.ORIGIN, m.origin());
        for (String tag : distinct(m.tags())) {
            keyword(doc, FacetDimension.TAGS, tag);
        }
        for (String tool : distinct(m.tools())) {
            keyword(doc, FacetDimension.TOOLS, tool);
        }

        if (m.failed()) {
            doc.add(new StringField(ArtifactFields.SYNC_STATE, ArtifactFields.SYNC_ERROR, Field.Store.NO));
        }
        if (!m.syncWarnings().isEmpty()) {
            doc.add(new StringField(ArtifactFields.SYNC_STATE, ArtifactFields.SYNC_WARNING, Field.Store.NO));
        }

        text(doc, ArtifactFields.NAME, m.name());
        text(doc, ArtifactFields.TITLE, m.title());
        text(doc, ArtifactFields.DESCRIPTION, m.description());
        m.tags().forEach(tag -> text(doc, ArtifactFields.TAGS_TEXT, tag));
        m.tools().forEach(tool -> text(doc, ArtifactFields.TOOLS_TEXT, tool));

        doc.add(new NumericDocValuesField(ArtifactFields.SYNCED_AT, EpochNanos.of(row.syncedAt())));
        if (row.updatedAt() != null) {
            long updated = EpochNanos.of(row.updatedAt());
            doc.add(new NumericDocValuesField(ArtifactFields.UPDATED_AT, updated));
            doc.add(new LongPoint(ArtifactFields.UPDATED_AT, updated));
        }
        doc.add(new BinaryDocValuesField(ArtifactFields.ROW, RowCodec.encode(row)));
        try {
            return ArtifactFields.FACETS.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only a taxonomy writer does I/O here; we use none
        }
    }

    private static void keyword(Document doc, FacetDimension dimension, String value) {
        if (ArtifactFields.indexableKeyword(value)) {
            doc.add(new StringField(dimension.filterField(), value, Field.Store.NO));
            doc.add(new SortedSetDocValuesFacetField(dimension.dim(), value));
        }
    }

    private static void text(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new Field(field, value, ArtifactFields.TEXT));
        }
    }

    private static Set<String> distinct(List<String> values) {
        return new LinkedHashSet<>(values);
    }
}
