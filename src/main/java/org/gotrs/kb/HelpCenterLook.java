package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.permission.Actor;

/** The help center's name and colours, one row that administrators edit. */
public final class HelpCenterLook {

  public record Look(String companyName, String primaryColor, String accentColor) {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    static Look read(Input input) {
      String name = input.string("company_name", true, 200);
      String primary = color(input, "primary_color");
      String accent = color(input, "accent_color");
      input.validate();
      return new Look(name.strip(), primary, accent);
    }

    private static String color(Input input, String field) {
      String value = input.string(field, true, 7);
      if (value != null && !COLOR.matcher(value).matches()) {
        input.error(field, "must be a colour such as #1f6feb");
      }
      return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final String SELECT = "SELECT company_name, primary_color, accent_color FROM kb_help_center";
  private static final String UPDATE = """
      UPDATE kb_help_center SET company_name = $1, primary_color = $2, accent_color = $3, change_by = $4,
             change_time = (now() AT TIME ZONE 'UTC')""";

  private final Pool pool;
  private final AuditLog audit;

  public HelpCenterLook(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<Look> get() {
    return pool.query(SELECT).execute().map(rows -> toLook(rows.iterator().next()));
  }

  public Future<Look> update(Actor actor, JsonObject patch) {
    return pool.withTransaction(tx -> tx.query(SELECT + " FOR UPDATE").execute()
        .map(rows -> toLook(rows.iterator().next()))
        .compose(before -> {
          Look after = Look.read(Input.of(Rows.json(before).mergeIn(patch)));
          return tx.preparedQuery(UPDATE).execute(Tuple.of(after.companyName(), after.primaryColor(),
                  after.accentColor(), actor.principal().userId()))
              .compose(updated -> audit.record(tx, actor, AuditLog.Entry.success("kb.help_center.update",
                  "kb_help_center", null, Rows.json(before).getMap(), Rows.json(after).getMap())))
              .map(after);
        }));
  }

  private static Look toLook(Row row) {
    return new Look(row.getString("company_name"), row.getString("primary_color"), row.getString("accent_color"));
  }
}
