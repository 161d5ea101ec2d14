package org.gotrs.otrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.otrs.importer.ImportOtrsCommand;
import org.gotrs.otrs.importer.TableResult;
import org.gotrs.testing.TestServer;
import org.gotrs.ticket.number.DateChecksum;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Import runs: reruns, dry runs, OTRS 5, Znuny and the real OTRS schemas")
class OtrsImportRunsTest {

  private static final String[] OTRS6 = {"/otrs/otrs6-schema.sql", "/otrs/otrs6-data.sql"};

  private static long count(TestServer server, String table) {
    return (Long) server.scalar("SELECT count(*) FROM " + table);
  }

  @Test
  @DisplayName("a rerun imports nothing new and logs zero rows per table")
  void rerunImportsNothing() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources(OTRS6);
      OtrsSource.importInto(server, source, false);
      long tickets = count(server, "ticket");
      long articles = count(server, "article");
      long history = count(server, "ticket_history");
      List<String> queueTexts = List.of("salutation", "signature", "system_address", "standard_template",
          "queue_standard_template", "time_accounting", "ticket_watcher", "ticket_link");
      List<Long> before = queueTexts.stream().map(table -> count(server, table)).toList();
      var again = OtrsSource.importInto(server, source, false);
      assertEquals(0, again.report().imported(), again.output());
      assertEquals(tickets, count(server, "ticket"));
      assertEquals(articles, count(server, "article"));
      assertEquals(history, count(server, "ticket_history"));
      assertEquals(before, queueTexts.stream().map(table -> count(server, table)).toList());
      assertEquals(5L, again.report().table("standard_template").alreadyImported());
      assertEquals(4L, again.report().table("ticket").alreadyImported());
      assertEquals(3L, again.report().table("time_accounting").alreadyImported());
      assertEquals(3L, again.report().table("ticket_watcher").alreadyImported());
      assertEquals(2L, again.report().table("link_relation").alreadyImported());
      assertEquals(0L, server.scalar("SELECT sum(records_processed) FROM migration_log WHERE id IN "
          + "(SELECT id FROM migration_log ORDER BY completed_at DESC LIMIT 3)"));
    }
  }

  @Test
  @DisplayName("tickets that appeared in OTRS after an import are picked up by a rerun, and new numbers never repeat them")
  void rerunPicksUpNewTickets() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources(OTRS6);
      OtrsSource.importInto(server, source, false);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      String tn = DateChecksum.format(today, "10", 7);
      OtrsSource.execute(source, """
          INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, user_id, responsible_user_id,
                              ticket_priority_id, ticket_state_id, customer_id, customer_user_id, timeout, until_time,
                              escalation_time, escalation_update_time, escalation_response_time, escalation_solution_time,
                              archive_flag, create_time, create_by, change_time, change_by)
          VALUES (5, '%s', 'Arrived later', 5, 1, 1, 2, 2, 3, 1, 'ACME', 'alice', 0, 0, 0, 0, 0, 0, 0,
                  now(), 2, now(), 2);
          INSERT INTO article (id, ticket_id, article_sender_type_id, communication_channel_id, is_visible_for_customer,
                               create_time, create_by, change_time, change_by)
          VALUES (7, 5, 3, 1, 1, now(), 2, now(), 2);
          INSERT INTO article_data_mime (id, article_id, a_from, a_subject, a_body, a_content_type, incoming_time,
                                         create_time, create_by, change_time, change_by)
          VALUES (7, 7, 'alice@acme.example', 'Arrived later', 'New!', 'text/plain', 0, now(), 2, now(), 2);
          """.formatted(tn));
      var rerun = OtrsSource.importInto(server, source, false);
      assertEquals(1, rerun.report().table("ticket").imported());
      assertEquals(1, rerun.report().table("article").imported());
      assertEquals(2, rerun.report().imported(), "only the new ticket and its article");
      assertEquals("Arrived later", server.scalar("SELECT title FROM ticket WHERE tn = ?", tn));
      assertEquals(5L, count(server, "ticket"));
      String token = server.loginAdmin();
      var created = server.send(HttpMethod.POST, "/api/v1/tickets", token, new JsonObject().put("title", "native")
          .put("queue", "Raw").put("article", new JsonObject().put("subject", "s").put("body", "b")));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      assertEquals(DateChecksum.format(today, "10", 8), created.bodyAsJsonObject().getString("tn"));
    }
  }

  @Test
  @DisplayName("--dry-run counts what it would import and writes nothing")
  void dryRunWritesNothing() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources(OTRS6);
      var dry = OtrsSource.importInto(server, source, true);
      assertTrue(dry.report().dryRun());
      assertEquals(4, dry.report().table("ticket").imported());
      assertEquals(6, dry.report().table("article").imported());
      assertEquals(4, dry.report().table("article_data_mime_attachment").imported());
      assertEquals(0L, count(server, "ticket"));
      assertEquals(0L, count(server, "migration_log"));
      assertEquals(0L, count(server, "otrs_id_map"));
      assertEquals(1L, count(server, "users"));
      assertTrue(dry.output().contains("dry run"), dry.output());
    }
  }

  @Test
  @DisplayName("the import-otrs command imports through the configured database and exits 3 when rows failed")
  void commandLine() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources(OTRS6);
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int exit = ImportOtrsCommand.run(server.app().config(), List.of("--source", source.url()),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertEquals(3, exit, printed + err);
      assertTrue(printed.contains("ticket                         completed: 4 imported, 0 failed"), printed);
      assertTrue(printed.contains("ticket_history 7: ticket 999 was not imported"), printed);
      assertEquals(4L, count(server, "ticket"));
      assertEquals(2, ImportOtrsCommand.run(server.app().config(), List.of("--source"),
          new PrintStream(out), new PrintStream(err)));
      assertEquals(2, ImportOtrsCommand.run(server.app().config(), List.of("--source", "mysql://x"),
          new PrintStream(out), new PrintStream(err)));
    }
  }

  @Test
  @DisplayName("an OTRS 5 database: article types, inline bodies and article_attachment come over")
  void otrs5() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources("/otrs/otrs5-schema.sql", "/otrs/otrs5-data.sql");
      var run = OtrsSource.importInto(server, source, false);
      assertEquals("5", run.report().source().version());
      assertEquals(0, run.report().failed(), run.output());
      assertEquals(2, run.report().table("ticket").imported());
      assertEquals(3, run.report().table("article").imported());
      assertEquals(1, run.report().table("article_attachment").imported());
      var legacy = server.sql("""
          SELECT at.name AS type, a.is_visible_for_customer AS visible, a.internal_note, a.body, a.content_type,
                 a.message_id, a.from_address
            FROM article a JOIN article_type at ON at.id = a.article_type_id JOIN ticket t ON t.id = a.ticket_id
           WHERE t.tn = '2016020210000017' ORDER BY a.id""");
      assertEquals("email-external", legacy.get(0).get("type"));
      assertEquals(1, legacy.get(0).get("visible"));
      assertEquals("Hello from 2016.", legacy.get(0).get("body"));
      assertEquals("text/plain; charset=iso-8859-1", legacy.get(0).get("content_type"));
      assertEquals("<legacy@oldco.example>", legacy.get(0).get("message_id"));
      assertEquals("note-internal", legacy.get(1).get("type"));
      assertEquals(0, legacy.get(1).get("visible"));
      assertEquals(true, legacy.get(1).get("internal_note"));
      assertEquals(1L, server.scalar("SELECT count(*) FROM group_user g JOIN users u ON u.id = g.user_id "
          + "WHERE u.login = 'olduser' AND g.permission_key = 'ro' AND g.permission_value = 0"));
      assertEquals("K-77", server.scalar("SELECT custom_fields ->> 'contract' FROM ticket WHERE tn = '2016020210000017'"));
      assertEquals("smoke and flames\n", new String((byte[]) server.scalar("SELECT aa.content FROM article_attachment aa "
          + "JOIN article a ON a.id = aa.article_id JOIN ticket t ON t.id = a.ticket_id WHERE t.tn = '2016020210000017'")));
      server.login("olduser", "otrs5-md5");
    }
  }

  @Test
  @DisplayName("a Znuny database (permission_groups) is recognised and its groups imported")
  void znuny() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources(OTRS6);
      OtrsSource.execute(source, "ALTER TABLE groups RENAME TO permission_groups");
      var run = OtrsSource.importInto(server, source, false);
      assertEquals("Znuny", run.report().source().system());
      assertEquals(5, run.report().table("permission_groups").imported());
      assertEquals(5, run.report().table("group_user").imported());
      assertEquals(1L, server.scalar("SELECT count(*) FROM queue q JOIN groups g ON g.id = q.group_id "
          + "WHERE q.name = 'Support' AND g.name = 'support'"));
    }
  }

  @Test
  @DisplayName("the real OTRS 6 schema with its initial data imports without a failed row (when the reference files are here)")
  void realOtrs6Schema() {
    var dir = OtrsSource.REFERENCE.resolve("otrs6");
    assumeTrue(Files.isDirectory(dir), "no ../shared/reference/otrs6 beside this checkout");
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromFiles(dir.resolve("otrs-schema.postgresql.sql"),
          dir.resolve("otrs-initial_insert.postgresql.sql"), dir.resolve("otrs-schema-post.postgresql.sql"));
      var run = OtrsSource.importInto(server, source, false);
      assertEquals(0, run.report().failed(), run.output());
      assertEquals(List.of(), run.report().tables().stream().filter(t -> !t.status().equals("completed"))
          .map(TableResult::table).toList());
      assertEquals(1, run.report().table("ticket").imported());
      assertEquals("Welcome to OTRS!", server.scalar("SELECT title FROM ticket WHERE tn = '2015071510123456'"));
      assertEquals("Welcome to OTRS!", server.scalar("SELECT a.subject FROM article a JOIN ticket t ON t.id = a.ticket_id "
          + "WHERE t.tn = '2015071510123456'"));
      assertEquals("00000000-0000-0000-0000-000000000001",
          server.scalar("SELECT gotrs_id FROM otrs_id_map WHERE source_table = 'users' AND source_id = '1'"));
      assertEquals(51L, run.report().table("ticket_history_type").imported());
      assertEquals(2L, run.report().table("standard_template").imported());
      assertEquals(4L, run.report().table("queue_standard_template").imported());
      assertEquals("OTRS System", server.scalar("SELECT value1 FROM system_address WHERE value0 = 'otrs@localhost'"));
      var again = OtrsSource.importInto(server, source, false);
      assertEquals(0, again.report().imported());
    }
  }

  @Test
  @DisplayName("the real OTRS 5 schema with its initial data imports without a failed row (when the reference files are here)")
  void realOtrs5Schema() {
    var dir = OtrsSource.REFERENCE.resolve("otrs5");
    assumeTrue(Files.isDirectory(dir), "no ../shared/reference/otrs5 beside this checkout");
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromFiles(dir.resolve("otrs-schema.postgresql.sql"),
          dir.resolve("otrs-initial_insert.postgresql.sql"));
      var run = OtrsSource.importInto(server, source, false);
      assertEquals("5", run.report().source().version());
      assertEquals(0, run.report().failed(), run.output());
      assertEquals(1, run.report().table("ticket").imported());
      assertEquals(1, run.report().table("article").imported());
    }
  }
}
