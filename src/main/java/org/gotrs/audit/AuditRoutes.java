package org.gotrs.audit;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
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
 * and {@code cursor}; {@code GET /audit-log/export} answers every entry the same filters find as CSV.
 */
public final class AuditRoutes implements Routes {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  /** How many entries an export reads at a time. */
  private static final int EXPORT_PAGE = 1_000;

  private final AuditQuery query;
  private final Permissions permissions;

  public AuditRoutes(AuditQuery query, Permissions permissions) {
    this.query = query;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/audit-log").handler(permissions::adminOnly).handler(this::list);
    api.get("/audit-log/export").handler(permissions::adminOnly).handler(this::export);
  }

  private void list(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    Input errors = Input.of(new JsonObject());
    AuditQuery.Filter filter = filter(params, errors);
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

  /** Every entry the filters find, newest first, as CSV: read a page at a time and written as it comes. */
  private void export(RoutingContext ctx) {
    Input errors = Input.of(new JsonObject());
    AuditQuery.Filter filter = filter(ctx.queryParams(), errors);
    errors.validate();
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    response.write(AuditCsv.HEADER);
    exportFrom(response, filter, null).onComplete(done -> {
      if (done.succeeded()) {
        response.end();
      } else {
        // the headers are out: cutting the connection is how the client learns the file is incomplete
        response.reset();
      }
    });
  }

  private Future<Void> exportFrom(HttpServerResponse response, AuditQuery.Filter filter, AuditQuery.Cursor after) {
    return query.find(filter, EXPORT_PAGE, after).compose(page -> {
      StringBuilder chunk = new StringBuilder();
      page.items().forEach(item -> chunk.append(AuditCsv.line(item)));
      return response.write(chunk.toString()).compose(written -> page.nextCursor() == null
          ? Future.succeededFuture() : exportFrom(response, filter, AuditQuery.Cursor.decode(page.nextCursor())));
    });
  }

  private static AuditQuery.Filter filter(MultiMap params, Input errors) {
    UUID userId = uuid(params, "user_id", errors);
    Instant from = instant(params, "from", errors);
    Instant to = instant(params, "to", errors);
    if (from != null && to != null && !from.isBefore(to)) {
      errors.error("to", "must be after from");
    }
    return new AuditQuery.Filter(userId, text(params, "action", 100, errors),
        text(params, "object_type", 50, errors), text(params, "object_id", 255, errors), from, to);
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
