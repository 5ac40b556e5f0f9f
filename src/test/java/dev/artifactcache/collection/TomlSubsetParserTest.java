package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast subset parser must give exactly what tomlj gives, or step aside (null). */
class TomlSubsetParserTest {

    /** What SkillMeat writes: these must take the fast path, with tomlj's values. */
    @ParameterizedTest
    @ValueSource(strings = {
            "[[artifacts]]\nname = \"pdf-tools\"\ntype = \"skill\"\npath = \"skills/pdf-tools\"\norigin = \"github\"\nadded = \"2026-01-15T10:30:00.123456\"\ntags = [\"pdf\", \"docs\"]\n\n[artifacts.metadata]\ndescription = \"Extract \\\"text\\\" \\\\ tables\"\ntools = [\"Read\", \"Bash(git:*)\"]\n\n",
            "[[artifacts]]\r\nname = \"crlf\"\r\ntags = []\r\n",
            "[[artifacts]]\nname = 'literal \\ no escapes'\n",
            "[[artifacts]]\ntags = [\n    \"a\",\n    \"b\", # why\n]\n",
            "[[artifacts]]\nn = 0\nm = -12\np = +7\nx = 1.10\ny = -0.5\nt = true\nf = false\n",
            "[[artifacts]]\n\"quoted key\" = \"ü\\u00e9\\U0001F600\\t\\n\"\n# comment\n  # indented comment\n",
            "[[artifacts]] # header comment\nname = \"a\" # trailing comment\n[artifacts.metadata]\n[artifacts.metadata.extra]\nlevel = 2\n",
            "[lock.entries.\"pdf-tools::skill\"]\ncontent_hash = \"0123\"\nfetched = \"2026-01-02T09:05:00\"\n",
            "[[artifacts]]\nnested = [[1, 2], [\"a\"]]\nname = \"no newline at the end\"",
    })
    void takesTheFastPathWithTomljsValues(String text) {
        Map<String, Object> fast = TomlSubsetParser.parse(text);

        assertNotNull(fast, text);
        assertSameAsTomlj(text, fast);
    }

    /** Beyond the subset or invalid: left to tomlj (which either parses it or reports the error). */
    @ParameterizedTest
    @ValueSource(strings = {
            "a = \"\"\"\nmulti\n\"\"\"\n", "a = '''x'''\n", "a = { b = 1 }\n", "a.b = 1\n", "a = 2026-01-15T10:30:00\n", "a = 2026-01-15\n",
            "a = 10:30:00\n", "a = 1e5\n", "a = 0x1F\n", "a = 1_000\n", "a = 007\n", "a = inf\n", "a = nan\n", "a = 1.\n", "a = .5\n",
            "a = 99999999999999999999\n", "a = \"\\x41\"\n", "a = \"\\uD800\"\n", "a = \"\\q\"\n", "\"k\\u0041\" = 1\n",
            "a = \"unterminated\n", "a = 'unterminated\n", "a = \"tab\tok\" garbage\n", "a = 1\na = 2\n", "a = [1, 2\n", "a = [1 2]\n",
            "a = \"ctrl\u0001\"\n", "# ctrl \u0001 in comment\n", "a = 1\r", "a = truely\n", "a =\n", "= 1\n", "[t]\n[t]\n",
            "a = []\n[[a]]\n", "[a.b]\n[a]\n", "x = 1\n[x.y]\n", "[[a]]\n[a]\n", "[bad header\n", "a = \"x\" b = 1\n", "a = [\"x\",,]\n",
    })
    void stepsAsideForAnythingElse(String text) {
        assertNull(TomlSubsetParser.parse(text), text);
    }

    /** Random documents from plain pieces (many invalid: duplicate keys, values before headers ...). */
    @Test
    void whateverItParsesTomljParsesTheSameAndWhatItRefusesTomljRejects() {
        String[] pieces = {"[[artifacts]]\n", "name = \"x\"\n", "tags = [\"a\", 'b',]\n", "n = 3\n", "d = 2.5\n", "b = true\n", "# c\n", "\n",
                "[artifacts.metadata]\n", "s = \"\\\"q\\\" \\u00fc\"\n", "e = []\n", "m = [\n 1,\n 2\n]\n", "[lock.entries.\"k::skill\"]\n", "r = \"\\r\\n\"\n"};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            Map<String, Object> fast = TomlSubsetParser.parse(text.toString());
            if (fast != null) {
                assertSameAsTomlj(text.toString(), fast);
            } else {
                assertTrue(Toml.parse(text.toString()).hasErrors(), "stepped aside from a plain, valid document:\n" + text);
            }
        }
    }

    private static void assertSameAsTomlj(String text, Map<String, Object> fast) {
        TomlParseResult tomlj = Toml.parse(text);
        assertEquals(List.of(), tomlj.errors(), text);
        assertEquals(PlainToml.of(tomlj), fast, text);
    }
}
