package dev.artifactcache.bench;

import dev.artifactcache.collection.ArtifactType;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Decides one synthetic artifact from a seeded random source: type in realistic proportions,
 * 1-5 Zipf-distributed tags, 0-8 tools in every spelling formats.md accepts, a description of
 * 10-60 words, and where each value is written. Same random state in, same draft out.
 */
final class ArtifactFactory {

    /** Type mix of a typical collection: mostly skills, then commands and agents. Per mille. */
    private static final int[] TYPE_PER_MILLE = {560, 150, 150, 50, 70, 15, 5};
    private static final ArtifactType[] TYPES = {ArtifactType.SKILL, ArtifactType.COMMAND, ArtifactType.AGENT,
            ArtifactType.HOOK, ArtifactType.MCP, ArtifactType.WORKFLOW, ArtifactType.COMPOSITE};
    /** Number of tags 1..5, per cent. */
    private static final int[] TAG_COUNT_PERCENT = {25, 30, 25, 12, 8};
    /** Number of tools 0..8, per cent. */
    private static final int[] TOOL_COUNT_PERCENT = {15, 10, 15, 18, 15, 10, 8, 5, 4};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    static final Zipf<String> TAGS = new Zipf<>(Vocabulary.TAGS, 1.0);
    static final Zipf<String> WORDS = new Zipf<>(Vocabulary.WORDS, 1.0);
    private static final Zipf<String> TOOLS = new Zipf<>(Vocabulary.TOOLS, 1.0);

    private final Random random;
    private final NameFactory names;

    ArtifactFactory(Random random) {
        this.random = random;
        this.names = new NameFactory(random);
    }

    ArtifactDraft next() {
        ArtifactDraft a = new ArtifactDraft();
        a.type = TYPES[pick(TYPE_PER_MILLE)];
        a.name = names.next();
        layout(a);
        origin(a);
        a.added = timestamp(0, 900);
        a.lastUpdated = chance(50) ? timestamp(900, 1000) : null;
        a.fetched = timestamp(900, 1000);
        a.uuid = chance(80) ? hex(16) : null;
        a.title = chance(50) ? titleOf(a.name) : null;
        a.description = sentence(random, 10 + random.nextInt(51));
        a.author = chance(70) ? Vocabulary.AUTHORS.get(random.nextInt(Vocabulary.AUTHORS.size())) : null;
        a.license = chance(60) ? Vocabulary.LICENSES.get(random.nextInt(Vocabulary.LICENSES.size())) : null;
        a.version = chance(60) ? (random.nextInt(3) + "." + random.nextInt(12) + "." + random.nextInt(20)) : null;
        a.model = a.type == ArtifactType.AGENT && chance(70) ? Vocabulary.MODELS.get(random.nextInt(Vocabulary.MODELS.size())) : null;
        tools(a);
        placement(a);
        tags(a);
        a.bodySeed = random.nextLong();
        return a;
    }

    /** Where the artifact lives: skills are folders; commands and agents files (some in the older folder layout). */
    private void layout(ArtifactDraft a) {
        String name = a.name;
        switch (a.type) {
            case SKILL -> {
                a.path = "skills/" + name;
                a.file = a.path + (chance(3) ? "/skill.md" : "/SKILL.md");
            }
            case COMMAND, AGENT -> {
                String folder = a.type == ArtifactType.COMMAND ? "commands/" : "agents/";
                if (chance(10)) {
                    a.path = folder + name;
                    String usual = a.type == ArtifactType.COMMAND ? "command.md" : "AGENT.md";
                    a.file = a.path + "/" + (chance(30) ? name + ".md" : usual);
                } else {
                    a.path = folder + name + ".md";
                    a.file = a.path;
                }
            }
            default -> {
                a.path = a.type.wire() + "s/" + name;
                a.file = a.path + "/README.md";
            }
        }
    }

    private void origin(ArtifactDraft a) {
        int roll = random.nextInt(100);
        a.origin = roll < 35 ? "local" : roll < 90 ? "github" : "marketplace";
        if (a.origin.equals("local")) {
            return;
        }
        String host = "github.com";
        if (a.origin.equals("marketplace")) {
            int source = random.nextInt(10);
            a.originSource = source < 7 ? "github" : source < 9 ? "gitlab" : "bitbucket";
            host = a.originSource + (a.originSource.equals("bitbucket") ? ".org" : ".com");
        }
        a.resolvedSha = hex(20);
        String owner = Vocabulary.OWNERS.get(random.nextInt(Vocabulary.OWNERS.size()));
        String repo = Vocabulary.REPOS.get(random.nextInt(Vocabulary.REPOS.size()));
        a.upstream = "https://" + host + "/" + owner + "/" + repo + "/tree/" + a.resolvedSha + "/" + a.path;
        boolean pinned = chance(50);
        a.resolvedVersion = pinned || chance(50) ? "v" + random.nextInt(4) + "." + random.nextInt(10) + "." + random.nextInt(10) : null;
        a.versionSpec = pinned ? a.resolvedVersion : "latest";
        a.resolvedInManifest = chance(60);
    }

    /** 0-8 tools as people write them: canonical, lower-case, hyphenated, with a Bash permission, or an MCP tool. */
    private void tools(ArtifactDraft a) {
        int count = pick(TOOL_COUNT_PERCENT);
        for (int i = 0; i < count; i++) {
            if (a.type == ArtifactType.MCP || chance(8)) {
                a.tools.add(Vocabulary.MCP_TOOLS.get(random.nextInt(Vocabulary.MCP_TOOLS.size())));
                continue;
            }
            String tool = TOOLS.next(random);
            int roll = random.nextInt(100);
            if (tool.equals("Bash") && roll < 30) {
                tool = "Bash(" + Vocabulary.BASH_PERMISSIONS.get(random.nextInt(Vocabulary.BASH_PERMISSIONS.size())) + ")";
            } else if (roll < 10) {
                tool = tool.toLowerCase(Locale.ROOT);
            } else if (roll < 13) {
                tool = tool.toUpperCase(Locale.ROOT);
            } else if (roll < 18) {
                tool = tool.replaceAll("([a-z])([A-Z])", "$1" + (chance(50) ? "-" : "_") + "$2").toLowerCase(Locale.ROOT);
            }
            a.tools.add(tool);
        }
    }

    /** Which of the file, the manifest metadata table and their spellings carry the values. */
    private void placement(ArtifactDraft a) {
        if (!a.hasMetadataFile()) {
            a.metadataTable = true;
            a.metadataDescription = a.description;
            a.toolSpelling = ArtifactDraft.ToolSpelling.MANIFEST;
            return;
        }
        int roll = random.nextInt(100);
        a.frontmatter = roll < 5 ? ArtifactDraft.Frontmatter.NONE
                : roll < 6 ? ArtifactDraft.Frontmatter.LENIENT : ArtifactDraft.Frontmatter.YAML;
        a.descriptionInFrontmatter = a.frontmatter == ArtifactDraft.Frontmatter.LENIENT
                || a.frontmatter == ArtifactDraft.Frontmatter.YAML && chance(92);
        a.metadataTable = chance(60) || !a.descriptionInFrontmatter && chance(50);
        if (a.metadataTable) {
            // The manifest copy is taken at add time: often the same words, sometimes an older, shorter text.
            a.metadataDescription = chance(70) ? a.description : firstWords(a.description, 8);
        }
        int quoting = random.nextInt(100);
        a.descriptionQuoting = quoting < 70 ? ArtifactDraft.Quoting.PLAIN
                : quoting < 90 ? ArtifactDraft.Quoting.DOUBLE : ArtifactDraft.Quoting.SINGLE;
        int spelling = random.nextInt(100);
        a.toolSpelling = a.frontmatter == ArtifactDraft.Frontmatter.NONE || spelling < 10 ? ArtifactDraft.ToolSpelling.MANIFEST
                : spelling < 45 ? ArtifactDraft.ToolSpelling.SPACES
                : spelling < 75 ? ArtifactDraft.ToolSpelling.COMMAS
                : spelling < 90 ? ArtifactDraft.ToolSpelling.BLOCK_LIST : ArtifactDraft.ToolSpelling.FLOW_LIST;
        a.crlf = chance(2);
        a.bom = chance(1);
    }

    /** 1-5 distinct tags, split between the manifest's tags, the metadata table and the frontmatter. */
    private void tags(ArtifactDraft a) {
        int count = pick(TAG_COUNT_PERCENT) + 1;
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(TAGS.next(random));
        }
        List<String> tags = new ArrayList<>(chosen);
        boolean fileTags = a.hasMetadataFile() && a.frontmatter == ArtifactDraft.Frontmatter.YAML && chance(50);
        int inManifest = chance(80) ? 1 + random.nextInt(tags.size()) : 0;
        a.manifestTags.addAll(tags.subList(0, inManifest));
        List<String> rest = tags.subList(inManifest, tags.size());
        if (fileTags) {
            a.frontmatterTags.addAll(rest);
            if (!a.manifestTags.isEmpty() && chance(30)) {
                a.frontmatterTags.add(a.manifestTags.getFirst()); // the same tag in two places merges into one
            }
        } else if (a.metadataTable) {
            a.metadataTags.addAll(rest);
        } else {
            a.manifestTags.addAll(rest);
        }
    }

    /** A sentence of {@code count} Zipf-distributed words, capitalised, with a full stop. */
    static String sentence(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String word = WORDS.next(random);
            if (i == 0) {
                text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                text.append(i % 9 == 0 && random.nextInt(100) < 40 ? ", " : " ").append(word);
            }
        }
        return text.append('.').toString();
    }

    private static String firstWords(String text, int count) {
        String[] words = text.split(" ");
        return words.length <= count ? text : String.join(" ", List.of(words).subList(0, count)) + ".";
    }

    static String titleOf(String name) {
        StringBuilder title = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                title.append(title.isEmpty() ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return title.toString();
    }

    /** A naive-UTC timestamp between day {@code fromDay} and {@code toDay} after 2024-01-01, as SkillMeat writes it. */
    private String timestamp(int fromDay, int toDay) {
        long seconds = (long) fromDay * 86_400 + (long) (random.nextDouble() * (toDay - fromDay) * 86_400);
        LocalDateTime at = EPOCH.plusSeconds(seconds);
        return chance(80) ? at.plusNanos(random.nextInt(1_000_000) * 1_000L).format(MICROS) : at.format(SECONDS);
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** An index into {@code weights} (which need not sum to 100), drawn by weight. */
    private int pick(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
