package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What hangs between tickets and agents: the time accounted on tickets ({@code time_accounting}), the agents watching
 * them ({@code ticket_watcher}) and the links between tickets ({@code link_relation} between two Ticket objects,
 * Normal or ParentChild, valid ones; OTRS's source of a ParentChild link is the parent, as GOTRS's).
 */
final class RelationTables {

  private RelationTables() {}

  static List<TableImport> all() {
    return List.of(timeAccounting(), watchers(), links());
  }

  private static TableImport timeAccounting() {
    return SourceTable.byId("time_accounting", "time_accounting ta", "ta", """
        ta.ticket_id, ta.article_id, ta.time_unit, ta.create_time, ta.create_by, ta.change_time, ta.change_by""",
        RelationTables::writeTimeAccounting);
  }

  private static Future<Map<String, String>> writeTimeAccounting(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("ticket", row.getValue("ticket_id")).add("article", row.getValue("article_id"))
        .add("users", row.getValue("create_by")).add("users", row.getValue("change_by")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> accepted = new ArrayList<>();
      for (Row row : rows) {
        if (refs.get("ticket", row.getValue("ticket_id")) == null) {
          refused.put(String.valueOf(row.getValue(0)), "ticket " + row.getValue("ticket_id") + " was not imported");
        } else {
          accepted.add(row);
        }
      }
      return Ids.next(tx, "time_accounting", accepted.size()).compose(ids -> tx.preparedQuery("""
              INSERT INTO time_accounting (id, ticket_id, article_id, time_unit, create_time, create_by, change_time,
                                           change_by)
              SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::numeric[], $5::timestamp[], $6::uuid[],
                                   $7::timestamp[], $8::uuid[])""")
          .execute(Tuple.from(new Object[] {ids.toArray(new Long[0]),
              Cols.map(accepted, row -> refs.bigint("ticket", row.getValue("ticket_id")), Long[]::new),
              Cols.map(accepted, row -> refs.bigint("article", row.getValue("article_id")), Long[]::new),
              Cols.map(accepted, row -> row.getBigDecimal("time_unit"), BigDecimal[]::new),
              Cols.times(accepted, "create_time"), users(accepted, refs, "create_by"),
              Cols.times(accepted, "change_time"), users(accepted, refs, "change_by")}))
          .compose(done -> IdMap.record(tx, "time_accounting", List.of(Cols.keys(accepted)), Ids.text(ids)))
          .map(done -> refused));
    });
  }

  private static TableImport watchers() {
    return SourceTable.linkTable("ticket_watcher", "ticket_watcher w", "w.ticket_id || ':' || w.user_id",
        "w.ticket_id, w.user_id, w.create_time", RelationTables::writeWatchers);
  }

  private static Future<Map<String, String>> writeWatchers(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("ticket", row.getValue("ticket_id")).add("users", row.getValue("user_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> accepted = new ArrayList<>();
      for (Row row : rows) {
        String key = row.getString(0);
        if (refs.get("ticket", row.getValue("ticket_id")) == null) {
          refused.put(key, "ticket " + row.getValue("ticket_id") + " was not imported");
        } else if (refs.get("users", row.getValue("user_id")) == null) {
          refused.put(key, "agent " + row.getValue("user_id") + " was not imported");
        } else {
          accepted.add(row);
        }
      }
      Long[] tickets = Cols.map(accepted, row -> refs.bigint("ticket", row.getValue("ticket_id")), Long[]::new);
      UUID[] agents = users(accepted, refs, "user_id");
      List<String> gotrsIds = new ArrayList<>();
      for (int i = 0; i < tickets.length; i++) {
        gotrsIds.add(tickets[i] + ":" + agents[i]);
      }
      return tx.preparedQuery("""
              INSERT INTO ticket_watcher (ticket_id, user_id, create_time)
              SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamp[]) ON CONFLICT DO NOTHING""")
          .execute(Tuple.of(tickets, agents, Cols.times(accepted, "create_time")))
          .compose(done -> IdMap.record(tx, "ticket_watcher", List.of(Cols.keys(accepted)), gotrsIds))
          .map(done -> refused);
    });
  }

  /**
   * Valid links between two tickets; keyed by both ends and the type, as OTRS's table has no id (the key is read as
   * {@code source_key}, so the ends are read under other names).
   */
  private static TableImport links() {
    return SourceTable.linkTable("link_relation", """
        link_relation lr
          JOIN link_object so ON so.id = lr.source_object_id AND so.name = 'Ticket'
          JOIN link_object tob ON tob.id = lr.target_object_id AND tob.name = 'Ticket'
          JOIN link_type lt ON lt.id = lr.type_id
          JOIN link_state ls ON ls.id = lr.state_id AND ls.name = 'Valid'""",
        "lr.source_key || ':' || lr.target_key || ':' || lt.name",
        "lr.source_key AS from_ticket, lr.target_key AS to_ticket, lt.name AS link_type, lr.create_time, lr.create_by",
        RelationTables::writeLinks);
  }

  private static Future<Map<String, String>> writeLinks(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("ticket", row.getValue("from_ticket")).add("ticket", row.getValue("to_ticket"))
        .add("users", row.getValue("create_by")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> accepted = new ArrayList<>();
      for (Row row : rows) {
        String key = row.getString(0);
        String type = row.getString("link_type");
        if (!type.equals("Normal") && !type.equals("ParentChild")) {
          refused.put(key, "link type " + type + " is not one GOTRS has (Normal, ParentChild)");
        } else if (refs.get("ticket", row.getValue("from_ticket")) == null) {
          refused.put(key, "ticket " + row.getValue("from_ticket") + " was not imported");
        } else if (refs.get("ticket", row.getValue("to_ticket")) == null) {
          refused.put(key, "ticket " + row.getValue("to_ticket") + " was not imported");
        } else if (row.getValue("from_ticket").equals(row.getValue("to_ticket"))) {
          refused.put(key, "a ticket linked to itself");
        } else {
          accepted.add(row);
        }
      }
      Long[] sources = Cols.map(accepted, row -> refs.bigint("ticket", row.getValue("from_ticket")), Long[]::new);
      Long[] targets = Cols.map(accepted, row -> refs.bigint("ticket", row.getValue("to_ticket")), Long[]::new);
      List<String> gotrsIds = new ArrayList<>();
      for (int i = 0; i < sources.length; i++) {
        gotrsIds.add(sources[i] + ":" + targets[i]);
      }
      // a pair linked twice in OTRS (both ways, or with both types) is kept once, as GOTRS links two tickets once
      return tx.preparedQuery("""
              INSERT INTO ticket_link (source_ticket_id, target_ticket_id, link_type, create_time, create_by)
              SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamp[], $5::uuid[])
              ON CONFLICT DO NOTHING""")
          .execute(Tuple.of(sources, targets, Cols.text(accepted, "link_type"), Cols.times(accepted, "create_time"),
              users(accepted, refs, "create_by")))
          .compose(done -> IdMap.record(tx, "link_relation", List.of(Cols.keys(accepted)), gotrsIds))
          .map(done -> refused);
    });
  }

  private static UUID[] users(List<Row> rows, IdMap.Refs refs, String column) {
    return Cols.map(rows, row -> refs.uuid("users", row.getValue(column)), UUID[]::new);
  }
}
