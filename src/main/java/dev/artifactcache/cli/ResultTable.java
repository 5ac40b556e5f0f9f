package dev.artifactcache.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A listing page as text: one row per artifact, its description cut to what is left of the
 * width, and a last line saying how many there are and how to see the rest.
 */
final class ResultTable {

    /** Without a terminal's width: descriptions as an 80-column terminal shows the usual rows. */
    static final int PLAIN_DESCRIPTION = 60;
    private static final int TAGS_COLUMN = 24;
    private static final int NARROWEST_DESCRIPTION = 20;

    /** The description's width, given the width of the columns before it. */
    private final IntUnaryOperator descriptionWidth;
    private final boolean cuts;

    private ResultTable(IntUnaryOperator descriptionWidth, boolean cuts) {
        this.descriptionWidth = descriptionWidth;
        this.cuts = cuts;
    }

    /** Each line fits {@code columns} characters (the description is cut to fit, never below 20). */
    static ResultTable fitting(int columns) {
        return new ResultTable(before -> Math.max(NARROWEST_DESCRIPTION, columns - before), true);
    }

    /** Nothing cut: {@code --wide}. */
    static ResultTable uncut() {
        return new ResultTable(before -> Integer.MAX_VALUE, false);
    }

    /** For the command's output: fits a terminal whose width is known, else cuts descriptions to {@link #PLAIN_DESCRIPTION}. */
    static ResultTable forOutput(boolean wide) {
        if (wide) {
            return uncut();
        }
        String columns = System.getenv("COLUMNS"); // the launcher exports it from tput on a terminal
        if (ProgressBar.onTerminal() && columns != null && columns.strip().matches("[0-9]{1,4}")) {
            return fitting(Integer.parseInt(columns.strip()));
        }
        return new ResultTable(before -> PLAIN_DESCRIPTION, true);
    }

    /** @param firstPage whether the page is the first (then it knows how many more follow) */
    String text(JsonObject page, boolean firstPage) {
        List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
        if (items.isEmpty()) {
            return "No artifact matches.\n";
        }
        List<List<String>> rows = items.stream().map(this::cells).toList();
        int descriptionWidth = this.descriptionWidth.applyAsInt(widthBefore(rows));
        TextTable table = new TextTable("ID", "COLLECTION", "TAGS", "DESCRIPTION");
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            table.row(row.get(0), row.get(1), row.get(2), cut(row.get(3), descriptionWidth) + flags(items.get(i)));
        }
        return table.render() + count(items.size(), page.getJsonObject("page_info"), firstPage) + "\n";
    }

    private List<String> cells(JsonObject item) {
        List<String> tags = item.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        String description = item.get("description") instanceof JsonString text ? text.getString() : "";
        return List.of(item.getString("id"), item.getString("collection"), cut(String.join(",", tags), TAGS_COLUMN),
                description);
    }

    /** The columns left of the description, with the two spaces after each. */
    private static int widthBefore(List<List<String>> rows) {
        int width = 0;
        for (int column = 0; column < 3; column++) {
            int c = column;
            width += rows.stream().mapToInt(row -> row.get(c).length()).max().orElse(0) + 2;
        }
        return Math.max(width, "ID  COLLECTION  TAGS  ".length());
    }

    private String cut(String text, int max) {
        return TextTable.cut(text, cuts ? max : Integer.MAX_VALUE);
    }

    private static String flags(JsonObject item) {
        return (item.getBoolean("stale", false) ? " [stale]" : "")
                + (item.get("sync_error") instanceof JsonString ? " [sync error]" : "")
                + (item.containsKey("sync_warnings") && !item.getJsonArray("sync_warnings").isEmpty() ? " [warning]" : "");
    }

    /**
     * "3 artifacts", or "20 of 42 artifacts; 22 more: add --after CURSOR ...". A later page cannot
     * tell how many came before it (the cursor is opaque), so it says only that more follow.
     */
    private static String count(int shown, JsonObject pageInfo, boolean firstPage) {
        int total = pageInfo.getInt("total_count");
        String noun = total == 1 ? " artifact" : " artifacts";
        String of = shown == total ? total + noun : shown + " of " + total + noun;
        if (!pageInfo.getBoolean("has_next_page", false)) {
            return firstPage ? of : of + "; the last page";
        }
        String more = firstPage ? (total - shown) + " more" : "more";
        return of + "; " + more + ": add --after " + pageInfo.getString("end_cursor") + " (or --all for every one)";
    }
}
