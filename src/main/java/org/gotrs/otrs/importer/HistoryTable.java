package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ticket history with its OTRS history types and the queue, owner, priority and state stamped on each entry. */
final class HistoryTable {

  private HistoryTable() {}

  static TableImport spec() {
    return SourceTable.byId("ticket_history", "ticket_history h", "h", """
        h.name, h.history_type_id, h.ticket_id, h.article_id, h.type_id, h.queue_id, h.owner_id, h.priority_id,
        h.state_id, h.create_time, h.create_by, h.change_time, h.change_by""", HistoryTable::write);
  }

  private static Future<Map<String, String>> write(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("ticket", row.getValue("ticket_id")).add("article", row.getValue("article_id"))
        .add("ticket_history_type", row.getValue("history_type_id")).add("ticket_type", row.getValue("type_id"))
        .add("queue", row.getValue("queue_id")).add("users", row.getValue("owner_id"))
        .add("ticket_priority", row.getValue("priority_id")).add("ticket_state", row.getValue("state_id"))
        .add("users", row.getValue("create_by")).add("users", row.getValue("change_by")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> accepted = new ArrayList<>();
      for (Row row : rows) {
        String key = String.valueOf(row.getValue(0));
        if (refs.get("ticket", row.getValue("ticket_id")) == null) {
          refused.put(key, "ticket " + row.getValue("ticket_id") + " was not imported");
        } else if (refs.get("ticket_history_type", row.getValue("history_type_id")) == null) {
          refused.put(key, "history type " + row.getValue("history_type_id") + " was not imported");
        } else {
          accepted.add(row);
        }
      }
      return Ids.next(tx, "ticket_history", accepted.size()).compose(ids -> tx.preparedQuery("""
              INSERT INTO ticket_history (id, name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
                                          priority_id, state_id, create_time, create_by, change_time, change_by)
              SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::bigint[], $5::bigint[], $6::int[],
                                   $7::int[], $8::uuid[], $9::int[], $10::int[], $11::timestamp[], $12::uuid[],
                                   $13::timestamp[], $14::uuid[])""")
          .execute(Tuple.from(new Object[] {ids.toArray(new Long[0]), Cols.text(accepted, "name"),
              ints(accepted, refs, "ticket_history_type", "history_type_id"),
              longs(accepted, refs, "ticket", "ticket_id"), longs(accepted, refs, "article", "article_id"),
              ints(accepted, refs, "ticket_type", "type_id"), ints(accepted, refs, "queue", "queue_id"),
              uuids(accepted, refs, "owner_id"), ints(accepted, refs, "ticket_priority", "priority_id"),
              ints(accepted, refs, "ticket_state", "state_id"), Cols.times(accepted, "create_time"),
              uuids(accepted, refs, "create_by"), Cols.times(accepted, "change_time"), uuids(accepted, refs, "change_by")}))
          .compose(done -> IdMap.record(tx, "ticket_history", List.of(Cols.keys(accepted)), Ids.text(ids)))
          .map(done -> refused));
    });
  }

  private static Integer[] ints(List<Row> rows, IdMap.Refs refs, String table, String column) {
    return Cols.map(rows, row -> refs.integer(table, row.getValue(column)), Integer[]::new);
  }

  private static Long[] longs(List<Row> rows, IdMap.Refs refs, String table, String column) {
    return Cols.map(rows, row -> refs.bigint(table, row.getValue(column)), Long[]::new);
  }

  private static UUID[] uuids(List<Row> rows, IdMap.Refs refs, String column) {
    return Cols.map(rows, row -> refs.uuid("users", row.getValue(column)), UUID[]::new);
  }
}
