package org.gotrs.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** Reads the audit trail newest first, filtered, one keyset page at a time. */
public final class AuditQuery {

  /** One audit row as the API shows it; times are UTC instants. */
  public record Item(UUID id, Instant timestamp, UUID userId, String sessionId, String ipAddress, String userAgent,
                     String action, String objectType, String objectId, Object oldValues, Object newValues,
                     String result, String errorMessage, Object metadata) {}

  /** What to look for; {@code null} fields do not filter. {@code from} is inclusive, {@code to} exclusive. */
  public record Filter(UUID userId, String action, String objectType, String objectId, Instant from, Instant to) {}

  public record Page(List<Item> items, String nextCursor) {}

  /** Where the previous page ended: the (timestamp, id) of its last row, the table's sort key. */
  public record Cursor(LocalDateTime timestamp, UUID id) {

    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((timestamp + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code text}, or {@code null} if it is not one this API gave out. */
    static Cursor decode(String text) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
        return new Cursor(LocalDateTime.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
        return null;
      }
    }
  }

  private final Pool pool;

  public AuditQuery(Pool pool) {
    this.pool = pool;
  }

  public Future<Page> find(Filter filter, int limit, Cursor after) {
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    // Only the filters asked for become conditions, so each query shape gets a plan that uses its index.
    if (filter.userId() != null) {
      parameters.add(filter.userId());
      conditions.add("user_id = $" + parameters.size());
    }
    if (filter.action() != null) {
      parameters.add(filter.action());
      conditions.add("action = $" + parameters.size());
    }
    if (filter.objectType() != null) {
      parameters.add(filter.objectType());
      conditions.add("object_type = $" + parameters.size());
    }
    if (filter.objectId() != null) {
      parameters.add(filter.objectId());
      conditions.add("object_id = $" + parameters.size());
    }
    if (filter.from() != null) {
      parameters.add(LocalDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
      conditions.add("\"timestamp\" >= $" + parameters.size());
    }
    if (filter.to() != null) {
      parameters.add(LocalDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
      conditions.add("\"timestamp\" < $" + parameters.size());
    }
    if (after != null) {
      parameters.add(after.timestamp());
      parameters.add(after.id());
      conditions.add("(\"timestamp\", id) < ($" + (parameters.size() - 1) + ", $" + parameters.size() + ")");
    }
    parameters.add(limit + 1);
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return pool.preparedQuery("""
            SELECT id, "timestamp", user_id, session_id, host(ip_address) AS ip_address, user_agent, action,
                   object_type, object_id, old_values, new_values, result, error_message, metadata
              FROM audit_log""" + where + " ORDER BY \"timestamp\" DESC, id DESC LIMIT $" + parameters.size())
        .execute(Tuple.from(parameters))
        .map(rows -> {
          List<Row> all = StreamSupport.stream(rows.spliterator(), false).toList();
          List<Row> page = all.size() > limit ? all.subList(0, limit) : all;
          String next = all.size() > limit
              ? new Cursor(page.get(limit - 1).getLocalDateTime("timestamp"), page.get(limit - 1).getUUID("id")).encode()
              : null;
          return new Page(page.stream().map(AuditQuery::toItem).toList(), next);
        });
  }

  private static Item toItem(Row row) {
    LocalDateTime timestamp = row.getLocalDateTime("timestamp");
    return new Item(row.getUUID("id"), timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC),
        row.getUUID("user_id"), row.getString("session_id"), row.getString("ip_address"), row.getString("user_agent"),
        row.getString("action"), row.getString("object_type"), row.getString("object_id"), row.getValue("old_values"),
        row.getValue("new_values"), row.getString("result"), row.getString("error_message"), row.getValue("metadata"));
  }
}
