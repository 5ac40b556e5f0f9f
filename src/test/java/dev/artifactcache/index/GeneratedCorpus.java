package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic synthetic corpus (seeded): types in realistic proportions, 1-5 tags from a
 * vocabulary of 300 with a Zipf-like skew, 0-8 tools, descriptions of 10-60 words, three
 * collections, synced_at spread over two hours before {@link Rows#T0}. {@link #rows} holds each
 * artifact in one collection; {@link #rowsWithCopies} also holds some in two or three, as homes do.
 */
final class GeneratedCorpus {

    /**
     * "team" is a prefix of "team-archive" followed by a character before '/': by name "team"
     * comes first, by the key {@code collection/id} "team-archive" does.
     */
    static final List<String> COLLECTIONS = List.of("default", "team", "team-archive");
    static final List<String> ORIGINS = List.of("local", "github", "marketplace");
    static final List<String> TOOLS = List.of("Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "NotebookEdit", "Bash",
            "KillShell", "AskUserQuestion", "TodoWrite", "WebFetch", "WebSearch", "Task", "TaskOutput", "Skill",
            "mcp__github__create_issue", "mcp__github__list_prs", "mcp__slack__post", "mcp__jira__search");
    private static final String[] SYLLABLES = {"ka", "ru", "ben", "tes", "lo", "mi", "dar", "vek", "so", "pla", "tron",
        "ix", "mer", "qua", "zen", "fo", "gri", "ul", "nas", "cor", "pe", "sta", "vi", "lum", "dex", "ha", "jo", "wen"};

    final List<String> words;
    final List<String> tags;
    private final Random random;

    GeneratedCorpus(long seed) {
        this.random = new Random(seed);
        this.words = vocabulary(3000, 2, 4);
        List<String> tagWords = vocabulary(300, 1, 3);
        this.tags = tagWords.stream().map(w -> "t-" + w).toList();
    }

    List<ArtifactRow> rows(int count) {
        List<ArtifactRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row(i, i + 1));
        }
        return rows;
    }

    /**
     * {@code artifacts} artifacts drawn as {@link #rows} draws them, about one in eight also held by
     * one other collection and one in thirty by both others. Each copy draws its own metadata (tags,
     * tools, origin, texts, times), as a copy edited or synced on its own has; it follows its
     * artifact's first row, with the next seq.
     */
    List<ArtifactRow> rowsWithCopies(int artifacts) {
        List<ArtifactRow> rows = new ArrayList<>();
        for (int i = 0; i < artifacts; i++) {
            ArtifactRow first = row(i, rows.size() + 1);
            rows.add(first);
            double r = random.nextDouble();
            int copies = r < 0.033 ? 2 : r < 0.158 ? 1 : 0;
            List<String> others = new ArrayList<>(COLLECTIONS);
            others.remove(first.collection());
            Collections.shuffle(others, random);
            for (String collection : others.subList(0, copies)) {
                rows.add(row(collection, first.metadata().type(), first.metadata().name(), rows.size() + 1));
            }
        }
        return rows;
    }

    ArtifactRow row(int i, long seq) {
        ArtifactType type = type();
        String name = words.get(zipf(words.size())) + "-" + words.get(random.nextInt(words.size())) + "-" + i;
        return row(pick(new double[] {0.8, 0.15, 0.05}, COLLECTIONS), type, name, seq);
    }

    /** The artifact {@code type:name} in {@code collection}, with the rest of its metadata drawn. */
    private ArtifactRow row(String collection, ArtifactType type, String name, long seq) {
        String origin = pick(new double[] {0.4, 0.45, 0.15}, ORIGINS);
        Set<String> artifactTags = new LinkedHashSet<>();
        int tagCount = 1 + random.nextInt(5);
        while (artifactTags.size() < tagCount) {
            artifactTags.add(tags.get(zipf(tags.size())));
        }
        Set<String> tools = new LinkedHashSet<>();
        int toolCount = random.nextInt(9);
        while (tools.size() < toolCount) {
            tools.add(TOOLS.get(zipf(TOOLS.size())));
        }
        StringBuilder description = new StringBuilder();
        int wordCount = 10 + random.nextInt(51);
        for (int w = 0; w < wordCount; w++) {
            description.append(w == 0 ? "" : " ").append(words.get(zipf(words.size())));
        }
        String title = random.nextInt(3) == 0 ? null : capitalize(name.replace('-', ' '));
        return Rows.row(collection, type, name, title, description.toString(), List.copyOf(artifactTags), List.copyOf(tools),
                origin, Rows.T0.minusSeconds(random.nextInt(7200)), Rows.T0.minusSeconds(random.nextInt(30 * 86_400)), seq);
    }

    private ArtifactType type() {
        double r = random.nextDouble();
        if (r < 0.45) {
            return ArtifactType.SKILL;
        } else if (r < 0.65) {
            return ArtifactType.COMMAND;
        } else if (r < 0.85) {
            return ArtifactType.AGENT;
        } else if (r < 0.91) {
            return ArtifactType.HOOK;
        } else if (r < 0.97) {
            return ArtifactType.MCP;
        } else if (r < 0.99) {
            return ArtifactType.WORKFLOW;
        }
        return ArtifactType.COMPOSITE;
    }

    /** An index in [0, size) with probability roughly proportional to 1/(rank+1). */
    private int zipf(int size) {
        double harmonic = Math.log(size) + 0.5772;
        double target = random.nextDouble() * harmonic;
        return Math.min(size - 1, (int) Math.floor(Math.exp(target) - 1));
    }

    private <T> T pick(double[] weights, List<T> values) {
        double r = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    private List<String> vocabulary(int size, int minSyllables, int maxSyllables) {
        Set<String> vocabulary = new LinkedHashSet<>();
        while (vocabulary.size() < size) {
            StringBuilder word = new StringBuilder();
            int syllables = minSyllables + random.nextInt(maxSyllables - minSyllables + 1);
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (word.length() >= 3) {
                vocabulary.add(word.toString());
            }
        }
        return new ArrayList<>(vocabulary);
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
