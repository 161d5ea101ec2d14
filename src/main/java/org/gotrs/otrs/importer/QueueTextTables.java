package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gotrs.otrs.importer.MatchOrInsert.Col;

/**
 * What queues write with: salutations and signatures (before the queues, which refer to them), system addresses
 * (after, as each names the queue its mail goes to), standard templates and their queue assignments. Salutations,
 * signatures and templates match by name, addresses by the address, so OTRS's defaults land on GOTRS's own rows.
 * A queue the import created gets its system address once the address is imported; a queue GOTRS already had keeps
 * its own.
 */
final class QueueTextTables {

  private static final String AUDIT = "create_time, create_by, change_time, change_by";

  private QueueTextTables() {}

  /** Imported before the queues. */
  static List<TableImport> beforeQueues() {
    return List.of(text("salutation"), text("signature"));
  }

  /** Imported after the queues. */
  static List<TableImport> afterQueues() {
    return List.of(
        SourceTable.byId("system_address", "system_address a", "a",
            "a.value0, a.value1, a.queue_id, a.comments, a.valid_id, a.create_time, a.create_by, a.change_time, "
                + "a.change_by, ARRAY(SELECT q.id FROM queue q WHERE q.system_address_id = a.id ORDER BY q.id) "
                + "AS used_by",
            QueueTextTables::addresses),
        SourceTable.byId("standard_template", "standard_template t", "t",
            "t.name, t.text, t.content_type, t.template_type, t.comments, t.valid_id, t.create_time, t.create_by, "
                + "t.change_time, t.change_by",
            QueueTextTables::templates),
        SourceTable.linkTable("queue_standard_template", "queue_standard_template qt",
            "qt.queue_id || ':' || qt.standard_template_id", "qt.queue_id, qt.standard_template_id",
            QueueTextTables::assignments));
  }

  private static SourceTable text(String table) {
    return SourceTable.byId(table, table + " x", "x",
        "x.name, x.text, x.content_type, x.comments, x.valid_id, x." + AUDIT.replace(", ", ", x."),
        (tx, rows) -> {
          List<Col> cols = new ArrayList<>(List.of(
              Col.of("name", "text", Cols.text(rows, "name")),
              Col.of("text", "text", Cols.text(rows, "text")),
              Col.of("content_type", "text", Cols.text(rows, "content_type")),
              Col.of("comments", "text", Cols.text(rows, "comments")),
              Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
          cols.addAll(MatchOrInsert.audit(rows));
          return MatchOrInsert.run(tx, table, table, "id", "name", rows, cols);
        });
  }

  private static Future<Map<String, String>> addresses(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("queue", row.getValue("queue_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> importable = new ArrayList<>();
      for (Row row : rows) {
        if (refs.integer("queue", row.getValue("queue_id")) == null) {
          refused.put(String.valueOf(row.getValue("source_key")),
              "its queue " + row.getValue("queue_id") + " was not imported");
        } else {
          importable.add(row);
        }
      }
      if (importable.isEmpty()) {
        return Future.succeededFuture(refused);
      }
      List<Col> cols = new ArrayList<>(List.of(
          Col.of("value0", "text", Cols.text(importable, "value0")),
          Col.of("value1", "text", Cols.text(importable, "value1")),
          Col.of("comments", "text", Cols.text(importable, "comments")),
          Col.of("valid_id", "int", Cols.ints(importable, "valid_id"))));
      cols.addAll(MatchOrInsert.mapped("queue_id", "queue", "int", importable, "queue_id"));
      cols.addAll(MatchOrInsert.audit(importable));
      return MatchOrInsert.run(tx, "system_address", "system_address", "id", "value0", importable, cols)
          .compose(done -> giveToQueues(tx, importable))
          .map(done -> refused);
    });
  }

  /** The queues this import created take the address they had in OTRS. */
  private static Future<Void> giveToQueues(SqlClient tx, List<Row> rows) {
    List<String> addresses = new ArrayList<>();
    List<String> queues = new ArrayList<>();
    for (Row row : rows) {
      Integer[] usedBy = row.getArrayOfIntegers("used_by");
      for (Integer queue : usedBy == null ? new Integer[0] : usedBy) {
        addresses.add(String.valueOf(row.getValue("source_key")));
        queues.add(String.valueOf(queue));
      }
    }
    if (queues.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("""
            UPDATE queue q SET system_address_id = ma.gotrs_id::int
              FROM unnest($1::text[], $2::text[]) AS p(address_key, queue_key)
              JOIN otrs_id_map ma ON ma.source_table = 'system_address' AND ma.source_id = p.address_key
              JOIN otrs_id_map mq ON mq.source_table = 'queue' AND mq.source_id = p.queue_key
             WHERE q.id = mq.gotrs_id::int AND q.system_address_id IS NULL""")
        .execute(Tuple.from(new Object[] {addresses.toArray(new String[0]), queues.toArray(new String[0])}))
        .mapEmpty();
  }

  private static Future<Map<String, String>> templates(SqlClient tx, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("name", "text", Cols.text(rows, "name")),
        Col.of("text", "text", Cols.text(rows, "text")),
        Col.of("content_type", "text", Cols.text(rows, "content_type")),
        Col.of("template_type", "text", Cols.text(rows, "template_type")),
        Col.of("comments", "text", Cols.text(rows, "comments")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, "standard_template", "standard_template", "id", "name", rows, cols);
  }

  private static Future<Map<String, String>> assignments(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("queue", row.getValue("queue_id"))
        .add("standard_template", row.getValue("standard_template_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<Integer> queues = new ArrayList<>();
      List<Integer> templates = new ArrayList<>();
      for (Row row : rows) {
        Integer queue = refs.integer("queue", row.getValue("queue_id"));
        Integer template = refs.integer("standard_template", row.getValue("standard_template_id"));
        if (queue == null || template == null) {
          refused.put(row.getString("source_key"), "its queue or template was not imported");
          continue;
        }
        keys.add(row.getString("source_key"));
        queues.add(queue);
        templates.add(template);
      }
      return tx.preparedQuery("""
              INSERT INTO queue_standard_template (queue_id, standard_template_id)
              SELECT * FROM unnest($1::int[], $2::int[])
              ON CONFLICT DO NOTHING""")
          .execute(Tuple.from(new Object[] {queues.toArray(new Integer[0]), templates.toArray(new Integer[0])}))
          .compose(done -> IdMap.record(tx, "queue_standard_template", keys, IntStream.range(0, keys.size())
              .mapToObj(i -> queues.get(i) + ":" + templates.get(i)).toList()))
          .map(refused);
    });
  }
}
