package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.otrs.importer.MatchOrInsert.Col;

/**
 * States, priorities, types, lock and history types, sender types, services, SLAs and queues, matched by name: the
 * OTRS defaults land on GOTRS's own rows, anything else is created. OTRS state types differ from GOTRS's and are
 * mapped by name (pending reminder and pending auto are both GOTRS's pending). Queue and service names keep OTRS's
 * {@code Parent::Child} form and get their GOTRS parent from it. A queue keeps its salutation, signature and system
 * address (see {@link QueueTextTables}).
 */
final class LookupTables {

  private static final String AUDIT = "create_time, create_by, change_time, change_by";

  private LookupTables() {}

  static List<TableImport> all(SourceSchema schema) {
    List<TableImport> tables = new ArrayList<>(List.of(
        SourceTable.byId("ticket_state", "ticket_state s LEFT JOIN ticket_state_type st ON st.id = s.type_id", "s",
            "s.name, s.comments, st.name AS type_name, s.valid_id, s.create_time, s.create_by, s.change_time, "
                + "s.change_by",
            LookupTables::states),
        simple("ticket_priority", "ticket_priority", "name, valid_id, " + AUDIT, false),
        simple("ticket_type", "ticket_type", "name, valid_id, " + AUDIT, false),
        simple("ticket_lock_type", "ticket_lock_type", "name, valid_id, " + AUDIT, false),
        simple("ticket_history_type", "ticket_history_type", "name, comments, valid_id, " + AUDIT, true),
        simple("article_sender_type", "article_sender_type", "name, comments, valid_id, " + AUDIT, true),
        simple("service", "service", "name, comments, valid_id, " + AUDIT, true),
        SourceTable.byId("sla", "sla x", "x",
            "x.name, x.calendar_name, x.first_response_time, x.first_response_notify, x.update_time, x.update_notify, "
                + "x.solution_time, x.solution_notify, x.valid_id, x.comments, x.create_time, x.create_by, "
                + "x.change_time, x.change_by",
            LookupTables::slas),
        SourceTable.linkTable("service_sla", "service_sla ss", "ss.service_id || ':' || ss.sla_id",
            "ss.service_id, ss.sla_id", LookupTables::serviceSlas),
        SourceTable.byId("queue", "queue q LEFT JOIN follow_up_possible f ON f.id = q.follow_up_id", "q",
            "q.name, q.group_id, q.unlock_timeout, q.first_response_time, q.first_response_notify, q.update_time, "
                + "q.update_notify, q.solution_time, q.solution_notify, q.calendar_name, f.name AS follow_up, "
                + "q.follow_up_lock, q.salutation_id, q.signature_id, q.system_address_id, q.comments, q.valid_id, "
                + "q.create_time, q.create_by, q.change_time, q.change_by",
            (tx, rows) -> queues(tx, schema.groupsTable(), rows))));
    return tables;
  }

  /** A lookup with a name, a validity and maybe comments. */
  private static SourceTable simple(String table, String target, String columns, boolean comments) {
    return SourceTable.byId(table, table + " x", "x",
        java.util.Arrays.stream(columns.split(",\\s*")).map(c -> "x." + c).reduce((a, b) -> a + ", " + b).orElseThrow(),
        (tx, rows) -> {
          List<Col> cols = new ArrayList<>(List.of(
              Col.of("name", "text", Cols.text(rows, "name")),
              Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
          if (comments) {
            cols.add(Col.of("comments", "text", Cols.text(rows, "comments")));
          }
          cols.addAll(MatchOrInsert.audit(rows));
          Future<Map<String, String>> written = MatchOrInsert.run(tx, table, target, "id", "name", rows, cols);
          return target.equals("service") ? written.compose(done -> adoptParents(tx, "service", rows)) : written;
        });
  }

  private static Future<Map<String, String>> states(SqlClient tx, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("name", "text", Cols.text(rows, "name")),
        Col.of("comments", "text", Cols.text(rows, "comments")),
        Col.input("type_name", "text", Cols.text(rows, "type_name")),
        Col.computed("type_id", "(SELECT st.id FROM ticket_state_type st WHERE st.name = "
            + "CASE WHEN src.type_name LIKE 'pending%' THEN 'pending' ELSE src.type_name END)"),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, "ticket_state", "ticket_state", "id", "name", rows, cols);
  }

  private static Future<Map<String, String>> slas(SqlClient tx, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("name", "text", Cols.text(rows, "name")),
        Col.of("calendar_name", "text", Cols.text(rows, "calendar_name")),
        Col.of("first_response_time", "int", Cols.ints(rows, "first_response_time")),
        Col.of("first_response_notify", "int", Cols.ints(rows, "first_response_notify")),
        Col.of("update_time", "int", Cols.ints(rows, "update_time")),
        Col.of("update_notify", "int", Cols.ints(rows, "update_notify")),
        Col.of("solution_time", "int", Cols.ints(rows, "solution_time")),
        Col.of("solution_notify", "int", Cols.ints(rows, "solution_notify")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id")),
        Col.of("comments", "text", Cols.text(rows, "comments"))));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, "sla", "sla", "id", "name", rows, cols);
  }

  private static Future<Map<String, String>> serviceSlas(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("service", row.getValue("service_id")).add("sla", row.getValue("sla_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<Integer> services = new ArrayList<>();
      List<Integer> slas = new ArrayList<>();
      for (Row row : rows) {
        Integer service = refs.integer("service", row.getValue("service_id"));
        Integer sla = refs.integer("sla", row.getValue("sla_id"));
        if (service == null || sla == null) {
          refused.put(row.getString("source_key"), "its service or SLA was not imported");
          continue;
        }
        keys.add(row.getString("source_key"));
        services.add(service);
        slas.add(sla);
      }
      return tx.preparedQuery("""
              INSERT INTO service_sla (service_id, sla_id) SELECT * FROM unnest($1::int[], $2::int[])
              ON CONFLICT DO NOTHING""")
          .execute(Tuple.from(new Object[] {services.toArray(new Integer[0]), slas.toArray(new Integer[0])}))
          .compose(done -> IdMap.record(tx, "service_sla", keys, java.util.stream.IntStream.range(0, keys.size())
              .mapToObj(i -> services.get(i) + ":" + slas.get(i)).toList()))
          .map(refused);
    });
  }

  private static Future<Map<String, String>> queues(SqlClient tx, String groupsTable, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("name", "text", Cols.text(rows, "name")),
        Col.of("unlock_timeout", "int", Cols.ints(rows, "unlock_timeout")),
        Col.of("first_response_time", "int", Cols.ints(rows, "first_response_time")),
        Col.of("first_response_notify", "int", Cols.ints(rows, "first_response_notify")),
        Col.of("update_time", "int", Cols.ints(rows, "update_time")),
        Col.of("update_notify", "int", Cols.ints(rows, "update_notify")),
        Col.of("solution_time", "int", Cols.ints(rows, "solution_time")),
        Col.of("solution_notify", "int", Cols.ints(rows, "solution_notify")),
        Col.of("calendar_name", "text", Cols.text(rows, "calendar_name")),
        Col.input("follow_up", "text", Cols.text(rows, "follow_up")),
        Col.computed("follow_up_id", "(SELECT f.id FROM follow_up_possible f WHERE f.name = src.follow_up)"),
        Col.of("follow_up_lock", "int", Cols.ints(rows, "follow_up_lock")),
        Col.of("comments", "text", Cols.text(rows, "comments")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
    cols.addAll(MatchOrInsert.mapped("group_id", groupsTable, "int", rows, "group_id"));
    // imported before the queues; a system address comes after them and is given to its queues then
    cols.addAll(MatchOrInsert.mapped("salutation_id", "salutation", "int", rows, "salutation_id"));
    cols.addAll(MatchOrInsert.mapped("signature_id", "signature", "int", rows, "signature_id"));
    cols.addAll(MatchOrInsert.mapped("system_address_id", "system_address", "int", rows, "system_address_id"));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, "queue", "queue", "id", "name", rows, cols)
        .compose(done -> adoptParents(tx, "queue", rows));
  }

  /** {@code A::B} becomes a child of {@code A} when it has no parent yet; only rows of this import are touched. */
  private static Future<Map<String, String>> adoptParents(SqlClient tx, String table, List<Row> rows) {
    return tx.preparedQuery("""
            UPDATE %1$s child SET parent_id = parent.id
              FROM otrs_id_map m, %1$s parent
             WHERE m.source_table = '%1$s' AND m.source_id = ANY($1::text[]) AND child.id = m.gotrs_id::int
               AND child.parent_id IS NULL AND child.name LIKE '%%::%%'
               AND parent.name = regexp_replace(child.name, '::[^:]*$', '')""".formatted(table))
        .execute(Tuple.of((Object) Cols.keys(rows)))
        .map(done -> Map.of());
  }
}
