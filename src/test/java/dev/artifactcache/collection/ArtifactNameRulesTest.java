package dev.artifactcache.collection;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** formats.md's name rules, applied to manifest entries: each broken rule is a clear EntryProblem. */
class ArtifactNameRulesTest {

    @TempDir
    Path temp;

    static Stream<Arguments> invalidNames() {
        String forbidden = "none of < > : \" | ? * are allowed";
        return Stream.of(
                Arguments.of("", "artifact name is empty"),
                Arguments.of("x".repeat(101), "artifact name is 101 characters long; at most 100 are allowed"),
                Arguments.of("a/b", "artifact name \"a/b\" contains a path separator"),
                Arguments.of("a\\b", "artifact name \"a\\b\" contains a path separator"),
                Arguments.of("..", "artifact name \"..\" contains \"..\""),
                Arguments.of("a..b", "artifact name \"a..b\" contains \"..\""),
                Arguments.of(".hidden", "artifact name \".hidden\" starts with \".\""),
                Arguments.of("tab\there", "artifact name contains a control character (U+0009)"),
                Arguments.of("bell\u0007", "artifact name contains a control character (U+0007)"),
                Arguments.of("del\u007f", "artifact name contains a control character (U+007F)"),
                Arguments.of("a<b", "artifact name \"a<b\" contains the character '<'; " + forbidden),
                Arguments.of("a>b", "artifact name \"a>b\" contains the character '>'; " + forbidden),
                Arguments.of("a:b", "artifact name \"a:b\" contains the character ':'; " + forbidden),
                Arguments.of("a\"b", "artifact name \"a\"b\" contains the character '\"'; " + forbidden),
                Arguments.of("a|b", "artifact name \"a|b\" contains the character '|'; " + forbidden),
                Arguments.of("a?b", "artifact name \"a?b\" contains the character '?'; " + forbidden),
                Arguments.of("a*b", "artifact name \"a*b\" contains the character '*'; " + forbidden));
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void anInvalidNameIsAProblemNotAnEntry(String name, String message) {
        Manifest manifest = new TestCollection(temp).manifest(
                "[[artifacts]]\nname = " + tomlString(name) + "\ntype = \"skill\"\npath = \"skills/x\"\norigin = \"local\"\n"
                        + TestCollection.artifact("skill", "fine", "skills/fine", "")).read();

        assertEquals(List.of(new EntryProblem("skill:" + name, "collection.toml line 1: " + message)), manifest.problems());
        assertEquals(List.of(ArtifactId.parse("skill:fine")), manifest.entries().stream().map(ManifestEntry::id).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf-werkzeug-für-büros", "日本語スキル", "my skill", "user@example", "v1.2-beta", " padded ", "emoji-😀"})
    void unicodeSpacesAndAtSignsAreFine(String name) {
        Manifest manifest = new TestCollection(temp).manifest(
                "[[artifacts]]\nname = " + tomlString(name) + "\ntype = \"hook\"\norigin = \"local\"\n").read();

        assertEquals(List.of(), manifest.problems());
        assertEquals(name, manifest.entries().getFirst().name(), "names are kept exactly as written");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void namesUpTo100CharactersAreFine(int length) {
        Manifest manifest = new TestCollection(temp).manifest(
                "[[artifacts]]\nname = \"" + "n".repeat(length) + "\"\ntype = \"hook\"\norigin = \"local\"\n").read();

        assertEquals(List.of(), manifest.problems());
    }

    /** A TOML basic string with the escapes a name needs. */
    private static String tomlString(String value) {
        StringBuilder toml = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                toml.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                toml.append(String.format("\\u%04X", (int) c));
            } else {
                toml.append(c);
            }
        }
        return toml.append('"').toString();
    }
}
