package dev.artifactcache.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A plain-text table for people: a header and rows, each column as wide as its widest cell, two
 * spaces apart; a column of numbers is aligned right.
 */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "" : String.valueOf(cell)).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The lines, each ending with a newline, without trailing spaces. */
    String render() {
        int[] widths = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int column = 0; column < header.size(); column++) {
            int c = column;
            widths[c] = rows.stream().mapToInt(row -> row.get(c).length()).reduce(header.get(c).length(), Math::max);
            numeric[c] = !rows.isEmpty() && rows.stream().allMatch(row -> row.get(c).matches("-?[0-9][0-9.,]*"));
        }
        StringBuilder text = new StringBuilder();
        line(text, header, widths, numeric);
        rows.forEach(row -> line(text, row, widths, numeric));
        return text.toString();
    }

    /** {@code text} on one line, cut to {@code max} characters; "..." (plain ASCII, as any terminal shows it) marks a cut. */
    static String cut(String text, int max) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 3).stripTrailing() + "...";
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths, boolean[] numeric) {
        String line = IntStream.range(0, cells.size())
                .mapToObj(c -> pad(cells.get(c), widths[c], numeric[c]))
                .collect(Collectors.joining("  "));
        text.append(line.stripTrailing()).append('\n');
    }

    private static String pad(String cell, int width, boolean right) {
        String space = " ".repeat(width - cell.length());
        return right ? space + cell : cell + space;
    }
}
