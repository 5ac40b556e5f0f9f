package dev.artifactcache.collection;

import dev.artifactcache.collection.TomlSections.Header;
import dev.artifactcache.collection.TomlSections.Section;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Parses a TOML text whose bulk is a long run of similar tables ({@code [[artifacts]]},
 * {@code [lock.entries."x::y"]}) one group at a time. tomlj builds one parse tree for the whole
 * document: a 100,000-entry manifest (45 MB) took over 10 s and did not fit in a 1 GB heap.
 * Parsed a group at a time, the work is linear, the trees are garbage at once, the groups parse
 * in parallel, and each group first tries {@link TomlSubsetParser}, which handles what
 * SkillMeat writes many times faster than tomlj (about 20 MB/s).
 *
 * <p>Everything outside the groups ("the rest") is parsed as one document, so conflicts there
 * (a table defined twice) are still reported. Callers must check that the rest does not touch
 * the groups' key, and parse the whole text with {@link #parseWhole} when it does.
 */
final class ChunkedToml {

    /** Which headers start a group and which continue the current one (its sub-tables). */
    interface Grouping {
        boolean starts(Header header);

        boolean continues(Header groupHeader, Header header);
    }

    /**
     * Turns one parsed group into the value the caller keeps. It runs right after the group is
     * parsed (possibly on another thread), so the parse result never outlives it: holding
     * 100,000 parse results at once costs more in GC than the parsing itself.
     */
    interface GroupReader<T> {
        /**
         * @param table the group as its own document
         * @param index the group's position among the groups, from 0
         * @param line  the file line of the group's header
         */
        T read(Map<String, Object> table, int index, int line);
    }

    /** The rest of the document and what the reader made of each group, in file order. */
    record Parsed<T>(Map<String, Object> rest, List<T> groups) {
    }

    /** A TOML syntax or structure error, with its line and column in the whole file. */
    static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(int line, int column, String problem) {
            super(problem);
            this.line = line;
            this.column = column;
        }
    }

    // Keeping no source text halves the parse time and memory; we never write these files back.
    private static final TomlParseOptions OPTIONS = TomlParseOptions.sourceless();
    private static final int PARALLEL_FROM = 512;
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("(?<=\\bline )(\\d+)");

    private ChunkedToml() {
    }

    static <T> Parsed<T> parse(String text, Grouping grouping, GroupReader<T> reader) throws SyntaxError {
        List<Chunk> groups = new ArrayList<>();
        Chunk rest = new Chunk(text);
        Chunk current = null;
        for (Section section : TomlSections.split(text)) {
            Header header = section.header();
            if (header != null && grouping.starts(header)) {
                current = new Chunk(text, header);
                groups.add(current);
                current.add(section);
            } else if (current != null && header != null && grouping.continues(current.header, header)) {
                current.add(section);
            } else {
                current = null;
                rest.add(section);
            }
        }
        rest.parse();
        List<Integer> indexes = IntStream.range(0, groups.size()).boxed().toList();
        List<T> values = (groups.size() >= PARALLEL_FROM ? indexes.parallelStream() : indexes.stream())
                .map(i -> groups.get(i).read(reader, i))
                .toList();
        List<Chunk> all = new ArrayList<>(groups.size() + 1);
        all.add(rest);
        all.addAll(groups);
        firstError(all);
        return new Parsed<>(PlainToml.of(rest.result), values);
    }

    /** The plain tomlj parse of the whole text, for documents {@link #parse} cannot split safely. */
    static TomlParseResult parseWhole(String text) throws SyntaxError {
        Chunk whole = new Chunk(text);
        whole.add(new Section(0, text.length(), 1, null));
        whole.parse();
        firstError(List.of(whole));
        return whole.result;
    }

    private static void firstError(List<Chunk> chunks) throws SyntaxError {
        SyntaxError first = chunks.stream()
                .map(chunk -> chunk.error)
                .filter(Objects::nonNull)
                .min(Comparator.<SyntaxError>comparingInt(e -> e.line).thenComparingInt(e -> e.column))
                .orElse(null);
        if (first != null) {
            throw first;
        }
    }

    /** Some sections of the text, parsed as one document; maps the document's lines back to the file's. */
    private static final class Chunk {
        private final String text;
        private final Header header;
        private final List<Section> sections = new ArrayList<>();
        private TomlParseResult result;
        private SyntaxError error;

        Chunk(String text) {
            this(text, null);
        }

        Chunk(String text, Header header) {
            this.text = text;
            this.header = header;
        }

        void add(Section section) {
            sections.add(section);
        }

        int firstLine() {
            return sections.isEmpty() ? 1 : sections.getFirst().line();
        }

        void parse() {
            result = Toml.parse(source(), OPTIONS);
            if (result.hasErrors()) {
                error = error(result.errors().getFirst());
            }
        }

        /**
         * Parses this group (the fast subset parser first, tomlj for anything beyond it) and
         * hands it to the reader; keeps only the reader's value (null after an error).
         */
        <T> T read(GroupReader<T> reader, int index) {
            String source = source();
            Map<String, Object> table = TomlSubsetParser.parse(source);
            if (table == null) {
                TomlParseResult parsed = Toml.parse(source, OPTIONS);
                if (parsed.hasErrors()) {
                    error = error(parsed.errors().getFirst());
                    return null;
                }
                table = PlainToml.of(parsed);
            }
            return reader.read(table, index, firstLine());
        }

        private String source() {
            if (sections.isEmpty()) {
                return "";
            }
            if (contiguous()) {
                return text.substring(sections.getFirst().start(), sections.getLast().end());
            }
            StringBuilder source = new StringBuilder();
            for (Section section : sections) {
                source.append(text, section.start(), section.end());
                if (source.charAt(source.length() - 1) != '\n') {
                    source.append('\n'); // only the file's last section can lack it
                }
            }
            return source.toString();
        }

        private boolean contiguous() {
            for (int i = 1; i < sections.size(); i++) {
                if (sections.get(i).start() != sections.get(i - 1).end()) {
                    return false;
                }
            }
            return true;
        }

        /** The file line of line {@code local} (1-based) of this chunk's document. */
        int fileLine(int local) {
            int seen = 0;
            for (Section section : sections) {
                int lines = lineCount(section);
                if (local <= seen + lines) {
                    return section.line() + (local - seen - 1);
                }
                seen += lines;
            }
            return sections.isEmpty() ? local : sections.getLast().line() + (local - seen);
        }

        private int lineCount(Section section) {
            int count = 0;
            for (int i = section.start(); i < section.end(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            return section.end() > section.start() && text.charAt(section.end() - 1) != '\n' ? count + 1 : count;
        }

        private SyntaxError error(TomlParseError error) {
            // tomlj names other lines in some messages ("t previously defined at line 2"): map those too.
            Matcher lines = LINE_IN_MESSAGE.matcher(error.getMessage());
            String message = lines.replaceAll(m -> Integer.toString(fileLine(Integer.parseInt(m.group(1)))));
            return new SyntaxError(fileLine(error.position().line()), error.position().column(), message);
        }
    }
}
