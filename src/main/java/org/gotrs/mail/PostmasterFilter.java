package org.gotrs.mail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import org.gotrs.db.Rows;

/**
 * A postmaster filter as the API shows it.
 *
 * @param matches {@code [{"header","pattern","negate"}]}: all must hold; {@code header} "body" is the text
 * @param actions {@code {"queue_id","priority_id","state_id","tags":[...],"drop":bool}}
 */
public record PostmasterFilter(
    int id,
    String name,
    int position,
    boolean stop,
    JsonArray matches,
    JsonObject actions,
    String comments,
    int validId,
    Instant createTime,
    Instant changeTime) {

  static final String SELECT = """
      SELECT f.id, f.name, f.position, f.stop, f.matches, f.actions, f.comments, f.valid_id, f.create_time,
             f.change_time
        FROM postmaster_filter f
      """;

  static PostmasterFilter from(Row row) {
    return new PostmasterFilter(row.getInteger("id"), row.getString("name"), row.getInteger("position"),
        row.getBoolean("stop"), (JsonArray) row.getValue("matches"), (JsonObject) row.getValue("actions"),
        row.getString("comments"), row.getInteger("valid_id"), Rows.instant(row, "create_time"),
        Rows.instant(row, "change_time"));
  }
}
