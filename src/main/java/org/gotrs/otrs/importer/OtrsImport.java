package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.ticket.number.TicketNumberGenerator;

/**
 * Imports an OTRS 5/6 or Znuny database, read in place, into the GOTRS database, table family by table family in
 * dependency order: agents and groups, customers, salutations and signatures, lookups and queues, system addresses
 * and standard templates, dynamic fields, tickets, articles, attachments, history, dynamic field values.
 * Rerunnable: rows already imported are skipped, so a rerun adds only what is new in OTRS. Each table gets a
 * {@code migration_log} row.
 */
public final class OtrsImport {

  public static final int DEFAULT_BATCH = 1_000;

  private final Pool source;
  private final Pool target;
  private final AttachmentStore attachments;
  private final TicketNumberGenerator numbers;
  private final PrintStream out;
  private final Clock clock;

  public OtrsImport(Pool source, Pool target, AttachmentStore attachments, TicketNumberGenerator numbers,
                    PrintStream out, Clock clock) {
    this.source = source;
    this.target = target;
    this.attachments = attachments;
    this.numbers = numbers;
    this.out = out;
    this.clock = clock;
  }

  /** Runs the import; with {@code dryRun} it only counts what it would import and writes nothing. */
  public Future<ImportReport> run(boolean dryRun, int batchSize) {
    return SourceSchema.detect(source).compose(schema -> {
      out.println("source: " + schema + (dryRun ? " (dry run: nothing is written)" : ""));
      return target.query("SELECT to_regclass('otrs_id_map') IS NOT NULL").execute()
          .map(rows -> rows.iterator().next().getBoolean(0))
          .compose(mapExists -> notes(schema).compose(noted -> {
            var copy = new TableCopy(source, target, batchSize, dryRun, mapExists, new Progress(out, clock), clock);
            List<TableResult> results = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (TableImport table : tables(schema)) {
              chain = chain.compose(previous -> copy.run(table))
                  .compose(result -> {
                    results.add(result);
                    return dryRun ? Future.succeededFuture() : MigrationLog.write(target, schema, result);
                  });
            }
            return chain.map(done -> new ImportReport(schema, dryRun, List.copyOf(results)));
          }));
    });
  }

  private List<TableImport> tables(SourceSchema schema) {
    List<TableImport> tables = new ArrayList<>();
    tables.addAll(IdentityTables.all(schema));
    tables.addAll(CustomerTables.all());
    tables.addAll(QueueTextTables.beforeQueues());
    tables.addAll(LookupTables.all(schema));
    tables.addAll(QueueTextTables.afterQueues());
    tables.add(DynamicFieldTables.definitions());
    tables.add(new TicketTable(numbers::skipPast).spec());
    tables.add(ArticleTable.spec(schema));
    tables.add(new AttachmentTable(schema, attachments));
    tables.add(HistoryTable.spec());
    tables.add(DynamicFieldTables.values());
    tables.addAll(RelationTables.all());
    tables.addAll(FaqTables.all(schema, attachments));
    return tables.stream().filter(table -> schema.has(table.table())).toList();
  }

  /** What the source has that GOTRS has no place for, said once up front. */
  private Future<Void> notes(SourceSchema schema) {
    if (!schema.has("dynamic_field")) {
      return Future.succeededFuture();
    }
    return source.query("SELECT object_type, count(*) FROM dynamic_field WHERE object_type <> 'Ticket' GROUP BY 1")
        .execute()
        .map(rows -> {
          rows.forEach(row -> out.printf("note: %d dynamic field(s) of object type %s are not imported "
              + "(GOTRS custom fields of tickets only)%n", row.getLong(1), row.getString(0)));
          return null;
        });
  }
}
