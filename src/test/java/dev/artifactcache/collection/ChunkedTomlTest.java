package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The piecewise parse must see exactly what tomlj sees in the whole document. */
class ChunkedTomlTest {

    private static final ChunkedToml.Grouping ARTIFACTS = new ChunkedToml.Grouping() {
        @Override
        public boolean starts(TomlSections.Header header) {
            return header.arrayOfTables() && header.key().equals(List.of("artifacts"));
        }

        @Override
        public boolean continues(TomlSections.Header group, TomlSections.Header header) {
            return header.key().size() > 1 && header.key().getFirst().equals("artifacts");
        }
    };

    @Test
    void groupsHoldTheSameTablesAsTheWholeDocument() throws Exception {
        String text = generated(new Random(42), 1200); // above the parallel threshold

        ChunkedToml.Parsed<List<Object>> parsed = ChunkedToml.parse(text, ARTIFACTS,
                (group, index, line) -> List.of(index, line, ((List<?>) group.get("artifacts")).getFirst()));
        TomlArray whole = Toml.parse(text).getArray("artifacts");

        assertEquals(whole.size(), parsed.groups().size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(List.of(i, whole.inputPositionOf(i).line(), PlainToml.value(whole.getTable(i))), parsed.groups().get(i), "artifact " + i);
        }
        assertEquals(PlainToml.value(Toml.parse(text).getTable("collection")), parsed.rest().get("collection"));
        assertEquals(2, ((List<?>) parsed.rest().get("groups")).size(), "the rest is one document, in file order");
    }

    @Test
    void sectionsStartAtEveryHeaderOutsideStringsAndArrays() {
        List<TomlSections.Section> sections = TomlSections.split("a = 1\n[t]\nx = \"\"\"\n[u]\n\"\"\"\ny = [\n[1],\n]\n  [[ 'q' . \"r s\" ]] # c\n[bad\n");

        assertEquals(List.of("null@1", "[t]@2", "[[q, r s]]@9"), sections.stream()
                .map(s -> s.header() == null ? "null@" + s.line()
                        : (s.header().arrayOfTables() ? "[" + s.header().key() + "]" : s.header().key().toString()) + "@" + s.line())
                .map(s -> s.replace("[[t]]", "[t]"))
                .toList());
    }

    @Test
    void anEscapedQuoteInAHeaderKeyIsUnderstood() {
        assertEquals(List.of("lock", "entries", "a\"b::skill"), TomlSections.split("[lock.entries.\"a\\\"b::skill\"]\n").getFirst().header().key());
    }

    /** A manifest with the shapes real files have: sub-tables, multi-line values, comments, other arrays. */
    private static String generated(Random random, int count) {
        StringBuilder toml = new StringBuilder("# SkillMeat manifest\n[collection]\nname = \"gen\"\nversion = \"1.0.0\"\n\n");
        List<String> shapes = new ArrayList<>(List.of(
                "tags = [\n  \"a\",\n  \"b\",\n]\n",
                "note = \"\"\"\n[[artifacts]]\nnot a header\n\"\"\"\n",
                "# [[artifacts]] commented\nversion_spec = 'latest'\n",
                "[artifacts.metadata]\ndescription = \"x [y] z\"\ntools = [\"Read\"]\n[artifacts.metadata.extra]\nn = { a = [1, [2]] }\n",
                "added = 2026-01-01T00:00:00\n"));
        for (int i = 0; i < count; i++) {
            toml.append("[[artifacts]]\nname = \"a").append(i).append("\"\ntype = \"skill\"\n").append(shapes.get(random.nextInt(shapes.size()))).append('\n');
            if (i == count / 3 || i == 2 * count / 3) {
                toml.append("[[groups]]\nname = \"g").append(i).append("\"\n\n");
            }
        }
        return toml.toString();
    }
}
