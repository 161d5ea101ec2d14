package org.gotrs.otrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.otrs.importer.ImportOtrsCommand;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The import rate on a generated OTRS 6 database. Runs only when asked:
 * {@code mvn -B -q test -Dtest=OtrsImportBenchmark -Dotrs.benchmark.tickets=100000}. Each ticket has two articles
 * (a customer e-mail and an agent reply), three history entries and a dynamic field value; every tenth has an
 * attachment. Prints the figures for BENCHMARKS.md.
 */
@DisplayName("OTRS import benchmark")
class OtrsImportBenchmark {

  @Test
  @DisplayName("imports a generated OTRS database and reports the rate")
  void importRate() {
    String wanted = System.getProperty("otrs.benchmark.tickets");
    assumeTrue(wanted != null, "set -Dotrs.benchmark.tickets=N to run the import benchmark");
    int tickets = Integer.parseInt(wanted);
    DatabaseTarget source = OtrsSource.fromResources("/otrs/otrs6-schema.sql", "/otrs/otrs6-data.sql");
    long generating = System.nanoTime();
    OtrsSource.execute(source, generate(tickets));
    System.out.printf("generated %,d tickets in %.1f s%n", tickets, (System.nanoTime() - generating) / 1e9);
    try (TestServer server = TestServer.start()) {
      var out = new ByteArrayOutputStream();
      long started = System.nanoTime();
      int exit = ImportOtrsCommand.run(server.app().config(), List.of("--source", source.url(), "--batch-size",
              System.getProperty("otrs.benchmark.batch", "1000")),
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      double seconds = (System.nanoTime() - started) / 1e9;
      String printed = out.toString(StandardCharsets.UTF_8);
      System.out.println(printed);
      long ticketCount = (Long) server.scalar("SELECT count(*) FROM ticket");
      long articles = (Long) server.scalar("SELECT count(*) FROM article");
      long rows = (Long) server.scalar("SELECT sum(records_processed) FROM migration_log");
      System.out.printf("import of %,d tickets with %,d articles (%,d rows in all) took %.1f s: %,.0f tickets/s, "
          + "%,.0f articles/s, %,.0f rows/s; max heap in use %,d MiB%n", ticketCount, articles, rows, seconds,
          ticketCount / seconds, articles / seconds, rows / seconds,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      long rerunStart = System.nanoTime();
      ImportOtrsCommand.run(server.app().config(), List.of("--source", source.url()),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
      System.out.printf("rerun with nothing new took %.1f s%n", (System.nanoTime() - rerunStart) / 1e9);
      assertEquals(3, exit, "the fixture's deliberate orphan rows fail, nothing else");
      assertEquals(tickets + 4L, ticketCount);
    }
  }

  /** Tickets 1001.. with articles, history, attachments and dynamic field values, by generate_series. */
  static String generate(int tickets) {
    return """
        INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, user_id, responsible_user_id,
                            ticket_priority_id, ticket_state_id, customer_id, customer_user_id, timeout, until_time,
                            escalation_time, escalation_update_time, escalation_response_time, escalation_solution_time,
                            archive_flag, create_time, create_by, change_time, change_by)
        SELECT 1000 + i, '2023' || lpad(i::text, 12, '0'), 'Generated ticket ' || i, 5 + i %% 3, 1, 1, 2 + i %% 2, 2,
               3, CASE WHEN i %% 4 = 0 THEN 2 ELSE 4 END, 'ACME', 'alice', 0, 0, 0, 0, 0, 0, 0,
               timestamp '2023-01-01' + i * interval '1 minute', 2, timestamp '2023-01-01' + i * interval '1 minute', 2
          FROM generate_series(1, %1$d) AS i;
        INSERT INTO article (id, ticket_id, article_sender_type_id, communication_channel_id, is_visible_for_customer,
                             create_time, create_by, change_time, change_by)
        SELECT 1000 + i * 2 + k, 1000 + i, CASE WHEN k = 0 THEN 3 ELSE 1 END, 1, 1,
               timestamp '2023-01-01' + i * interval '1 minute', 2, timestamp '2023-01-01' + i * interval '1 minute', 2
          FROM generate_series(1, %1$d) AS i, generate_series(0, 1) AS k;
        INSERT INTO article_data_mime (article_id, a_from, a_to, a_subject, a_message_id, a_content_type, a_body,
                                       incoming_time, create_time, create_by, change_time, change_by)
        SELECT a.id, 'Alice Anders <alice@acme.example>', 'support@example.com', 'Generated ticket ' || a.ticket_id,
               '<' || a.id || '@acme.example>', 'text/plain; charset=utf-8', repeat('Some words of a message. ', 20),
               0, a.create_time, 2, a.create_time, 2
          FROM article a WHERE a.id >= 1000;
        INSERT INTO article_data_mime_attachment (article_id, filename, content_size, content_type, disposition, content,
                                                  create_time, create_by, change_time, change_by)
        SELECT 1000 + i * 2, 'log-' || i || '.txt', '1024', 'text/plain', 'attachment',
               encode(convert_to(repeat('x', 1023) || i %% 10, 'UTF8'), 'base64'),
               timestamp '2023-01-01', 2, timestamp '2023-01-01', 2
          FROM generate_series(10, %1$d, 10) AS i;
        INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
                                    priority_id, state_id, create_time, create_by, change_time, change_by)
        SELECT '%%%%history ' || h, CASE h WHEN 0 THEN 1 WHEN 1 THEN 15 ELSE 27 END, 1000 + i,
               CASE WHEN h < 2 THEN 1000 + i * 2 + h END, 1, 5, 2, 3, 4,
               timestamp '2023-01-01', 2, timestamp '2023-01-01', 2
          FROM generate_series(1, %1$d) AS i, generate_series(0, 2) AS h;
        INSERT INTO dynamic_field_value (field_id, object_id, value_text)
        SELECT 3, 1000 + i, CASE WHEN i %% 2 = 0 THEN 'high' ELSE 'low' END FROM generate_series(1, %1$d) AS i;
        ANALYZE;
        """.formatted(tickets);
  }
}
