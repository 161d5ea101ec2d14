package org.gotrs.audit;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;

/**
 * {@code GET /audit-log}, for administrators: filters {@code user_id}, {@code action}, {@code object_type},
 * {@code object_id}, {@code from}/{@code to} (ISO-8601), newest first, {@code limit} (default 50, at most 500)
 * and {@code cursor}.
 */
public final class AuditRoutes implements Routes {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final AuditQuery query;
  private final Permissions permissions;

  public AuditRoutes(AuditQuery query, Permissions permissions) {
    this.query = query;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/audit-log").handler(permissions::adminOnly).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    Input errors = Input.of(new JsonObject());
    UUID userId = uuid(params, "user_id", errors);
    Instant from = instant(params, "from", errors);
    Instant to = instant(params, "to", errors);
    if (from != null && to != null && !from.isBefore(to)) {
      errors.error("to", "must be after from");
    }
    AuditQuery.Filter filter = new AuditQuery.Filter(userId, text(params, "action", 100, errors),
        text(params, "object_type", 50, errors), text(params, "object_id", 255, errors), from, to);
    int limit = limit(params, errors);
    AuditQuery.Cursor after = null;
    if (params.get("cursor") != null) {
      after = AuditQuery.Cursor.decode(params.get("cursor"));
      if (after == null) {
        errors.error("cursor", "is not a cursor given by this list");
      }
    }
    errors.validate();
    Replies.ok(ctx, query.find(filter, limit, after));
  }

  private static String text(MultiMap params, String name, int maxLength, Input errors) {
    String value = params.get(name);
    if (value != null && value.length() > maxLength) {
      errors.error(name, "must be at most " + maxLength + " characters");
      return null;
    }
    return value == null || value.isEmpty() ? null : value;
  }

  private static UUID uuid(MultiMap params, String name, Input errors) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      errors.error(name, "must be a UUID");
      return null;
    }
  }

  private static Instant instant(MultiMap params, String name, Input errors) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      errors.error(name, "must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
      return null;
    }
  }

  private static int limit(MultiMap params, Input errors) {
    String value = params.get("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.error("limit", "must be an integer from 1 to " + MAX_LIMIT);
    return DEFAULT_LIMIT;
  }
}
