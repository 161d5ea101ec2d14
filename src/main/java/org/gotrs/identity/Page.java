package org.gotrs.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: {@code {"items":[...],"next_cursor":...}}. The cursor is the sort key
 * of the last item, opaque to clients; {@code null} when there is nothing more.
 */
public record Page<T>(List<T> items, String nextCursor) {

  /** The page from rows fetched with {@code limit + 1}: the extra row only says that another page follows. */
  static <T> Page<T> of(List<T> rows, int limit, Function<T, String> sortKey) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(List.copyOf(items), encode(sortKey.apply(items.get(limit - 1))));
  }

  static String encode(String sortKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort key inside a cursor; {@code null} when it is not one. */
  static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
