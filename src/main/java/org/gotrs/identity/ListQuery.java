package org.gotrs.identity;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.db.LikePattern;
import org.gotrs.http.Input;

/**
 * The query string of an admin list: a keyset page ({@code limit}, {@code cursor}) and the filters
 * {@code q} (a substring of the login, email or name) and {@code valid_id}. Wrong values are a 422 naming them.
 *
 * @param after the sort key of the last item already seen, from {@code cursor}
 */
public record ListQuery(int limit, String after, String q, Integer validId) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  static ListQuery of(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    Input errors = Input.of(new io.vertx.core.json.JsonObject());
    int limit = DEFAULT_LIMIT;
    if (params.get("limit") != null) {
      limit = parseInt(params.get("limit"));
      if (limit < 1 || limit > MAX_LIMIT) {
        errors.error("limit", "must be an integer from 1 to " + MAX_LIMIT);
      }
    }
    String after = null;
    if (params.get("cursor") != null) {
      after = Page.decode(params.get("cursor"));
      if (after == null) {
        errors.error("cursor", "is not a cursor given by this list");
      }
    }
    String q = params.get("q");
    if (q != null && q.length() > 200) {
      errors.error("q", "must be at most 200 characters");
    }
    Integer validId = null;
    if (params.get("valid_id") != null) {
      validId = parseInt(params.get("valid_id"));
      if (validId < 1 || validId > 3) {
        errors.error("valid_id", "must be 1, 2 or 3");
      }
    }
    errors.validate();
    return new ListQuery(limit, after, q == null || q.isBlank() ? null : q, validId);
  }

  /** {@code q} as an ILIKE pattern matching it anywhere; its own {@code %}, {@code _} and {@code \} match literally. */
  String containsPattern() {
    return q == null ? null : LikePattern.containing(q);
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
