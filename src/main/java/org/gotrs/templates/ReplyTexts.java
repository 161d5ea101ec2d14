package org.gotrs.templates;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Routes;
import org.gotrs.lookup.LookupRoutes;
import org.gotrs.lookup.LookupTable;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Permissions;

/**
 * {@code /salutations} and {@code /signatures} (OTRS {@code salutation}, {@code signature}): the texts a queue puts
 * above and below an agent's reply, with OTRS tags. Both tables have the same columns. Agents read them;
 * administrators manage them, and DELETE marks one invalid, as for the other lookups: queues refer to them.
 */
public final class ReplyTexts {

  public record ReplyText(int id, String name, String text, String contentType, String comments, Integer validId,
                          Instant createTime, Instant changeTime) {}

  public record Fields(String name, String text, String contentType, String comments, int validId)
      implements LookupTable.Fields {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), input.string("text", true, 3000),
          ContentTypes.read(input), input.string("comments", false, 250), Validity.read(input));
      input.validate();
      return fields;
    }
  }

  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("name", "text", "content_type", "comments", "valid_id");

  static final LookupTable<ReplyText, Fields> SALUTATIONS = table("salutation");
  static final LookupTable<ReplyText, Fields> SIGNATURES = table("signature");

  private ReplyTexts() {}

  public static List<Routes> routes(Pool pool, AuditLog audit, Permissions permissions) {
    return List.of(LookupRoutes.forAgents("/salutations", SALUTATIONS, pool, audit, permissions),
        LookupRoutes.forAgents("/signatures", SIGNATURES, pool, audit, permissions));
  }

  /** {@code table} is one of the two names above, never input; it names the audit entries and messages too. */
  private static LookupTable<ReplyText, Fields> table(String table) {
    String select = """
        SELECT x.id, x.name, x.text, x.content_type, x.comments, x.valid_id, x.create_time, x.change_time
          FROM %s x
        """.formatted(table);
    return new LookupTable<>(table, "x", select, WRITTEN, ReplyTexts::toText, Fields::read,
        LookupTable.Checks.none(), LookupTable.Visibility.ALL_ROWS, table, table);
  }

  private static ReplyText toText(Row row) {
    return new ReplyText(row.getInteger("id"), row.getString("name"), row.getString("text"),
        row.getString("content_type"), row.getString("comments"), row.getInteger("valid_id"),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
