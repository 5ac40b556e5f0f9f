package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
    void aChangedConfigTomlIsReadAgain() throws Exception {
        SkillmeatHome home = new SkillmeatHome(temp);
        Path config = temp.resolve("config.toml");
        Files.writeString(config, "[settings]\ndefault-collection = \"work\"\n");
        FileTime written = Files.getLastModifiedTime(config);
        assertEquals("work", home.activeCollection());

        Files.writeString(config, "[settings]\ndefault-collection = \"play\"\n"); // same size
        Files.setLastModifiedTime(config, FileTime.from(written.toInstant().plusSeconds(1)));
        assertEquals("play", home.activeCollection(), "same size, later modification time");

        Files.writeString(config, "[settings]\ndefault-collection = \"review\"\n");
        Files.setLastModifiedTime(config, written);
        assertEquals("review", home.activeCollection(), "another size, even with an older modification time");

        Path replacement = temp.resolve("config.new");
        Files.writeString(replacement, "[settings]\ndefault-collection = \"sorted\"\n");
        Files.setLastModifiedTime(replacement, written);
        Files.move(replacement, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("sorted", home.activeCollection(), "replaced by another file of the same size and time");

        Files.delete(config);
        assertEquals("default", home.activeCollection(), "gone");
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
