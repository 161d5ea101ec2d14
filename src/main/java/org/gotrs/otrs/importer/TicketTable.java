package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Tickets with their OTRS ticket numbers, owners, customers, escalation columns and archive flag. A customer user
 * login OTRS has no customer user for (a plain e-mail address, say) is kept in {@code metadata.otrs}.
 */
final class TicketTable {

  /** Called with each written batch's ticket numbers, so new GOTRS numbers never repeat an imported one. */
  private final BiFunction<SqlClient, List<String>, Future<Void>> numbersTaken;

  TicketTable(BiFunction<SqlClient, List<String>, Future<Void>> numbersTaken) {
    this.numbersTaken = numbersTaken;
  }

  TableImport spec() {
    return SourceTable.byId("ticket", "ticket t", "t", """
        t.tn, t.title, t.queue_id, t.ticket_lock_id, t.type_id, t.service_id, t.sla_id, t.user_id,
        t.responsible_user_id, t.ticket_priority_id, t.ticket_state_id, t.customer_id, t.customer_user_id, t.timeout,
        t.until_time, t.escalation_time, t.escalation_update_time, t.escalation_response_time,
        t.escalation_solution_time, t.archive_flag, t.create_time, t.create_by, t.change_time, t.change_by""",
        this::write);
  }

  private Future<Map<String, String>> write(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    for (Row row : rows) {
      wanted.add("queue", row.getValue("queue_id")).add("ticket_lock_type", row.getValue("ticket_lock_id"))
          .add("ticket_type", row.getValue("type_id")).add("service", row.getValue("service_id"))
          .add("sla", row.getValue("sla_id")).add("ticket_priority", row.getValue("ticket_priority_id"))
          .add("ticket_state", row.getValue("ticket_state_id"))
          .add("users", row.getValue("user_id")).add("users", row.getValue("responsible_user_id"))
          .add("users", row.getValue("create_by")).add("users", row.getValue("change_by"));
    }
    String[] logins = rows.stream().map(row -> row.getString("customer_user_id")).filter(l -> l != null && !l.isBlank())
        .distinct().toArray(String[]::new);
    return IdMap.resolve(tx, wanted)
        .compose(refs -> tx.preparedQuery("SELECT id, login FROM customer_user WHERE login = ANY($1::text[])")
            .execute(Tuple.of((Object) logins))
            .compose(customers -> {
              Map<String, UUID> customerIds = new HashMap<>();
              customers.forEach(row -> customerIds.put(row.getString("login"), row.getUUID("id")));
              return insert(tx, rows, refs, customerIds);
            }));
  }

  private Future<Map<String, String>> insert(SqlClient tx, List<Row> rows, IdMap.Refs refs, Map<String, UUID> customers) {
    Map<String, String> refused = new LinkedHashMap<>();
    List<Row> accepted = new ArrayList<>();
    for (Row row : rows) {
      String missing = refs.get("queue", row.getValue("queue_id")) == null ? "queue " + row.getValue("queue_id")
          : refs.get("ticket_state", row.getValue("ticket_state_id")) == null ? "state " + row.getValue("ticket_state_id")
          : refs.get("ticket_priority", row.getValue("ticket_priority_id")) == null
              ? "priority " + row.getValue("ticket_priority_id") : null;
      if (missing != null) {
        refused.put(String.valueOf(row.getValue(0)), missing + " was not imported");
      } else {
        accepted.add(row);
      }
    }
    return Ids.next(tx, "ticket", accepted.size()).compose(ids -> {
      int n = accepted.size();
      Object[][] columns = new Object[26][];
      String[] tns = Cols.text(accepted, "tn");
      columns[0] = ids.toArray(new Long[0]);
      columns[1] = tns;
      columns[2] = Cols.text(accepted, "title");
      columns[3] = refs(accepted, refs, "queue", "queue_id", Integer.class);
      columns[4] = refs(accepted, refs, "ticket_lock_type", "ticket_lock_id", Integer.class);
      columns[5] = refs(accepted, refs, "ticket_type", "type_id", Integer.class);
      columns[6] = refs(accepted, refs, "service", "service_id", Integer.class);
      columns[7] = refs(accepted, refs, "sla", "sla_id", Integer.class);
      columns[8] = refs(accepted, refs, "users", "user_id", UUID.class);
      columns[9] = refs(accepted, refs, "users", "responsible_user_id", UUID.class);
      columns[10] = refs(accepted, refs, "ticket_priority", "ticket_priority_id", Integer.class);
      columns[11] = refs(accepted, refs, "ticket_state", "ticket_state_id", Integer.class);
      columns[12] = Cols.text(accepted, "customer_id");
      columns[13] = Cols.map(accepted, row -> customers.get(row.getString("customer_user_id")), UUID[]::new);
      columns[14] = Cols.ints(accepted, "timeout");
      columns[15] = Cols.ints(accepted, "until_time");
      columns[16] = Cols.ints(accepted, "escalation_time");
      columns[17] = Cols.ints(accepted, "escalation_update_time");
      columns[18] = Cols.ints(accepted, "escalation_response_time");
      columns[19] = Cols.ints(accepted, "escalation_solution_time");
      columns[20] = Cols.ints(accepted, "archive_flag");
      columns[21] = Cols.times(accepted, "create_time");
      columns[22] = refs(accepted, refs, "users", "create_by", UUID.class);
      columns[23] = Cols.times(accepted, "change_time");
      columns[24] = refs(accepted, refs, "users", "change_by", UUID.class);
      columns[25] = Cols.map(accepted, row -> metadata(row, customers), String[]::new);
      return tx.preparedQuery("""
              INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id,
                                  responsible_user_id, ticket_priority_id, ticket_state_id, customer_id,
                                  customer_user_id, timeout, until_time, escalation_time, escalation_update_time,
                                  escalation_response_time, escalation_solution_time, archive_flag, create_time,
                                  create_by, change_time, change_by, metadata, source)
              SELECT id, tn, title, q, l, ty, se, sl, u, r, p, st, c, cu, tmo, ut, e, eu, er, es, a, ct, cb, mt, mb,
                     md::jsonb, 'otrs'
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[],
                            $9::uuid[], $10::uuid[], $11::int[], $12::int[], $13::text[], $14::uuid[], $15::int[],
                            $16::int[], $17::int[], $18::int[], $19::int[], $20::int[], $21::int[], $22::timestamp[],
                            $23::uuid[], $24::timestamp[], $25::uuid[], $26::text[])
                     AS s(id, tn, title, q, l, ty, se, sl, u, r, p, st, c, cu, tmo, ut, e, eu, er, es, a, ct, cb, mt, mb,
                          md)""")
          .execute(Tuple.from((Object[]) columns))
          .compose(done -> IdMap.record(tx, "ticket", List.of(Cols.keys(accepted)), Ids.text(ids)))
          .compose(done -> n == 0 ? Future.succeededFuture() : numbersTaken.apply(tx, List.of(tns)))
          .map(done -> refused);
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T[] refs(List<Row> rows, IdMap.Refs refs, String table, String column, Class<T> type) {
    T[] values = (T[]) java.lang.reflect.Array.newInstance(type, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Object source = rows.get(i).getValue(column);
      values[i] = (T) (type == UUID.class ? refs.uuid(table, source) : refs.integer(table, source));
    }
    return values;
  }

  private static String metadata(Row row, Map<String, UUID> customers) {
    String login = row.getString("customer_user_id");
    if (login == null || login.isBlank() || customers.containsKey(login)) {
      return "{}";
    }
    return new JsonObject().put("otrs", new JsonObject().put("customer_user_id", login)).encode();
  }
}
