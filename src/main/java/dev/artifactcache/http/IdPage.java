package dev.artifactcache.http;

import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.function.Function;

/**
 * SkillMeat's paging of a short list sorted by id: {@code limit} items after the one the cursor
 * names ({@code after} = base64 of its id). An unknown cursor is SkillMeat's 400.
 *
 * @param items       this page
 * @param hasNext     whether items follow
 * @param hasPrevious whether items precede
 * @param total       items over all pages
 */
record IdPage<T>(List<T> items, boolean hasNext, boolean hasPrevious, int total) {

    static <T> IdPage<T> of(List<T> sortedById, Function<T, String> id, String after, int limit) {
        int start = 0;
        if (after != null && !after.isBlank()) {
            String afterId = SkillmeatIds.cursorId(after).orElseThrow(() -> ApiException.badParameter("after",
                    "after is not a cursor of this listing; pass page_info.end_cursor of the previous page"));
            int at = sortedById.stream().map(id).toList().indexOf(afterId);
            if (at < 0) {
                throw ApiException.badParameter("after", "Invalid cursor: no item \"" + afterId
                        + "\" in this listing any more; start again without after");
            }
            start = at + 1;
        }
        int end = Math.min(sortedById.size(), start + limit);
        return new IdPage<>(sortedById.subList(start, end), end < sortedById.size(), start > 0, sortedById.size());
    }

    /** SkillMeat's {@code PageInfo}. */
    JsonObjectBuilder pageInfo(Function<T, String> id) {
        JsonObjectBuilder info = Json.object().add("has_next_page", hasNext).add("has_previous_page", hasPrevious);
        Json.text(info, "start_cursor", items.isEmpty() ? null : SkillmeatIds.cursor(id.apply(items.getFirst())));
        Json.text(info, "end_cursor", items.isEmpty() ? null : SkillmeatIds.cursor(id.apply(items.getLast())));
        return info.add("total_count", total);
    }
}
