package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SkillmeatHomeTest {

    @TempDir
    Path temp;

    @Test
    void collectionsAreTheFoldersWithACollectionToml() throws Exception {
        Path collections = temp.resolve("collections");
        new TestCollection(collections, "work").manifest("");
        new TestCollection(collections, "default").manifest("");
        new TestCollection(collections, "Zeta").manifest("");
        new TestCollection(collections, "no-manifest").write("notes.md", "");
        new TestCollection(collections, ".hidden").manifest("");
        Files.writeString(collections.resolve("collection.toml"), "");

        assertEquals(List.of("Zeta", "default", "work"), new SkillmeatHome(temp).collectionNames());
    }

    @Test
    void noCollectionsFolderMeansNoCollections() throws Exception {
        assertEquals(List.of(), new SkillmeatHome(temp).collectionNames());
        assertEquals(List.of(), new SkillmeatHome(temp.resolve("missing-home")).collectionNames());
    }

    @Test
    void theActiveCollectionComesFromConfigToml() throws Exception {
        Files.writeString(temp.resolve("config.toml"), "[settings]\ndefault-collection = \" work \"\nother = 1\n");

        assertEquals("work", new SkillmeatHome(temp).activeCollection());
    }

    @Test
    void configTomlIsParsedAgainOnlyWhenItChanged() throws Exception {
        SkillmeatHome home = new SkillmeatHome(temp);
        Path config = temp.resolve("config.toml");
        FileTime settled = FileTime.from(Instant.now().minusSeconds(60));
        write(config, "work", settled);
        assertEquals("work", home.activeCollection());

        write(config, "play", settled);
        assertEquals("work", home.activeCollection(), "same size and time: the parsed answer is kept");

        Files.setLastModifiedTime(config, FileTime.from(settled.toInstant().plusSeconds(1)));
        assertEquals("play", home.activeCollection(), "a later modification time");

        write(config, "review", settled);
        assertEquals("review", home.activeCollection(), "another size, even with an older modification time");

        Path replacement = temp.resolve("config.new");
        write(replacement, "sorted", settled);
        Files.move(replacement, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("sorted", home.activeCollection(), "replaced by another file of the same size and time");

        Files.delete(config);
        assertEquals("default", home.activeCollection(), "gone");
    }

    @Test
    void aConfigTomlModifiedJustBeforeItWasReadIsReadAgain() throws Exception {
        SkillmeatHome home = new SkillmeatHome(temp);
        Path config = temp.resolve("config.toml");
        FileTime justNow = FileTime.from(Instant.now());
        write(config, "alpha", justNow);
        assertEquals("alpha", home.activeCollection());

        // A second write within the same timestamp tick, of the same size, looks unchanged.
        write(config, "bravo", justNow);
        assertEquals("bravo", home.activeCollection());
    }

    /** config.toml naming {@code collection}, modified at {@code modified}. */
    private static void write(Path config, String collection, FileTime modified) throws IOException {
        Files.writeString(config, "[settings]\ndefault-collection = \"" + collection + "\"\n");
        Files.setLastModifiedTime(config, modified);
    }

    @Test
    void withoutAUsableConfigTheActiveCollectionIsDefault() throws Exception {
        SkillmeatHome home = new SkillmeatHome(temp);
        assertEquals("default", home.activeCollection(), "no config.toml");

        for (String config : List.of("", "[settings]\n", "[settings]\ndefault-collection = \"\"\n", "[settings\nbroken",
                "[settings]\ndefault-collection = \"../etc\"\n", "[settings]\ndefault-collection = [\"a\"]\n")) {
            Files.writeString(temp.resolve("config.toml"), config);
            assertEquals("default", home.activeCollection(), config);
        }
        Files.delete(temp.resolve("config.toml"));
        Files.createDirectory(temp.resolve("config.toml"));
        assertEquals("default", home.activeCollection(), "config.toml is a folder");
    }

    @Test
    void aCollectionFolderIsAPlainFolderNameUnderCollections() {
        SkillmeatHome home = new SkillmeatHome(temp);

        assertEquals(temp.resolve("collections").resolve("my work"), home.collectionFolder("my work"));
        assertEquals(temp.resolve("collections").resolve("ünïcode@1"), home.collectionFolder("ünïcode@1"));
    }

    @Test
    void aNameThatIsNotAPlainFolderNameIsRefused() {
        SkillmeatHome home = new SkillmeatHome(temp);

        assertEquals(List.of("collection name is empty",
                        "collection name \"..\" starts with \".\"",
                        "collection name \".\" starts with \".\"",
                        "collection name \"a/b\" contains a path separator",
                        "collection name \"..\\evil\" contains a path separator",
                        "collection name \" x\" starts or ends with whitespace",
                        "collection name contains a control character (U+0000)"),
                List.of("", "..", ".", "a/b", "..\\evil", " x", "a\0b").stream()
                        .map(name -> assertThrows(IllegalArgumentException.class, () -> home.collectionFolder(name)).getMessage())
                        .toList());
        assertThrows(IllegalArgumentException.class, () -> home.collectionFolder(null));
    }

    @Test
    void theRootIsAbsolute() {
        assertEquals(Path.of("relative").toAbsolutePath(), new SkillmeatHome(Path.of("relative")).root());
    }
}
