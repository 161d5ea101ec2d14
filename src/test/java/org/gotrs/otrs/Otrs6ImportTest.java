package org.gotrs.otrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
@DisplayName("Importing an OTRS 6 database")
class Otrs6ImportTest {

  private static final UUID ROOT = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private static TestServer server;
  private static DatabaseTarget source;
  private static OtrsSource.Run run;

  @BeforeAll
  static void importFixture(TestServer started) {
    server = started;
    source = OtrsSource.fromResources("/otrs/otrs6-schema.sql", "/otrs/otrs6-data.sql");
    run = OtrsSource.importInto(server, source, false);
  }

  private static Map<String, Object> one(String sql, Object... parameters) {
    List<Map<String, Object>> rows = server.sql(sql, parameters);
    assertEquals(1, rows.size(), "one row for " + sql);
    return rows.get(0);
  }

  private static String gotrsId(String table, Object otrsId) {
    return (String) server.scalar("SELECT gotrs_id FROM otrs_id_map WHERE source_table = ? AND source_id = ?",
        table, String.valueOf(otrsId));
  }

  private static long ticketId(int otrsId) {
    return Long.parseLong(gotrsId("ticket", otrsId));
  }

  @Test
  @DisplayName("the source is recognised as OTRS 6 with split articles")
  void detectsOtrs6() {
    assertEquals("OTRS", run.report().source().system());
    assertEquals("6", run.report().source().version());
    assertTrue(run.report().source().splitArticles());
    assertTrue(run.output().contains("source: OTRS 6"), run.output());
  }

  @Test
  @DisplayName("every table's rows are imported or named as failed: counts add up")
  void countsAddUp() {
    Map<String, long[]> expected = Map.ofEntries(
        Map.entry("users", new long[] {4, 0}), Map.entry("user_preferences", new long[] {4, 1}),
        Map.entry("groups", new long[] {5, 0}), Map.entry("roles", new long[] {1, 0}),
        Map.entry("role_user", new long[] {1, 0}), Map.entry("group_user", new long[] {5, 0}),
        Map.entry("group_role", new long[] {1, 0}), Map.entry("customer_company", new long[] {2, 0}),
        Map.entry("customer_user", new long[] {3, 0}), Map.entry("ticket_state", new long[] {10, 0}),
        Map.entry("queue", new long[] {7, 0}), Map.entry("dynamic_field", new long[] {6, 0}),
        Map.entry("ticket", new long[] {4, 0}), Map.entry("article", new long[] {6, 0}),
        Map.entry("article_data_mime_attachment", new long[] {3, 1}), Map.entry("ticket_history", new long[] {6, 1}),
        Map.entry("dynamic_field_value", new long[] {7, 0}), Map.entry("salutation", new long[] {2, 0}),
        Map.entry("signature", new long[] {2, 0}), Map.entry("system_address", new long[] {2, 1}),
        Map.entry("standard_template", new long[] {5, 0}), Map.entry("queue_standard_template", new long[] {8, 1}),
        Map.entry("time_accounting", new long[] {3, 1}), Map.entry("ticket_watcher", new long[] {3, 0}),
        Map.entry("link_relation", new long[] {2, 1}));
    expected.forEach((table, counts) -> {
      var result = run.report().table(table);
      assertEquals(counts[0], result.imported(), table + " imported");
      assertEquals(counts[1], result.failed(), table + " failed");
      assertEquals(result.sourceRows(), result.imported() + result.failed(), table + " source rows");
    });
    assertEquals(4L, server.scalar("SELECT count(*) FROM ticket"));
    assertEquals(6L, server.scalar("SELECT count(*) FROM article"));
    assertEquals(3L, server.scalar("SELECT count(*) FROM article_attachment"));
    assertEquals(6L, server.scalar("SELECT count(*) FROM ticket_history"));
  }

  @Test
  @DisplayName("a row that cannot be imported is logged with its OTRS id and the run goes on")
  void failuresAreLogged() {
    assertTrue(run.report().table("article_data_mime_attachment").errors()
        .contains("article_data_mime_attachment 4: article 999 was not imported"));
    var history = one("SELECT records_processed, records_failed, status, error_log FROM migration_log "
        + "WHERE table_name = 'ticket_history'");
    assertEquals(6, history.get("records_processed"));
    assertEquals(1, history.get("records_failed"));
    assertEquals("completed_with_errors", history.get("status"));
    assertEquals("ticket_history 7: ticket 999 was not imported", history.get("error_log"));
    var tickets = one("SELECT source_system, source_version, migration_type, records_processed, records_failed, status, "
        + "started_at <= completed_at AS timed FROM migration_log WHERE table_name = 'ticket'");
    assertEquals("OTRS", tickets.get("source_system"));
    assertEquals("6", tickets.get("source_version"));
    assertEquals("import-otrs", tickets.get("migration_type"));
    assertEquals(4, tickets.get("records_processed"));
    assertEquals(0, tickets.get("records_failed"));
    assertEquals("completed", tickets.get("status"));
    assertEquals(true, tickets.get("timed"));
  }

  @Test
  @DisplayName("agents keep login, names, validity and their OTRS password; root@localhost maps onto GOTRS's admin")
  void agents() {
    assertEquals(ROOT.toString(), gotrsId("users", 1));
    var root = one("SELECT first_name, last_name FROM users WHERE id = ?", ROOT);
    assertEquals("GOTRS", root.get("last_name"), "an existing agent is not overwritten");
    var jane = one("SELECT * FROM users WHERE login = 'jdoe'");
    assertEquals(gotrsId("users", 2), jane.get("id").toString());
    assertEquals("jane.doe@example.com", jane.get("email"));
    assertEquals("5a3a676b8b8071ab738a53edf9e11cbdd1846bfb8e878253fc9b80c1184d1350", jane.get("pw"));
    assertNull(jane.get("password_hash"));
    assertEquals("Dr.", jane.get("title"));
    assertEquals("Jane", jane.get("first_name"));
    assertEquals("Doe", jane.get("last_name"));
    assertEquals(1, jane.get("valid_id"));
    assertEquals(LocalDateTime.parse("2020-01-02T03:04:05"), ((java.sql.Timestamp) jane.get("create_time")).toLocalDateTime());
    assertEquals(LocalDateTime.parse("2021-02-03T04:05:06"), ((java.sql.Timestamp) jane.get("change_time")).toLocalDateTime());
    assertEquals(ROOT, jane.get("create_by"));
    assertEquals(2, one("SELECT valid_id FROM users WHERE login = 'former'").get("valid_id"));
    assertEquals("de", server.scalar("SELECT preferences_value FROM user_preferences WHERE user_id = ? "
        + "AND preferences_key = 'UserLanguage'", jane.get("id")));
  }

  @Test
  @DisplayName("groups, roles and memberships keep their permission keys; the agent gets the same access")
  void memberships() {
    assertEquals("1", gotrsId("groups", 1));
    assertEquals("2", gotrsId("groups", 2));
    int support = Integer.parseInt(gotrsId("groups", 4));
    assertEquals("Second level support", server.scalar("SELECT comments FROM groups WHERE id = ?", support));
    UUID jane = UUID.fromString(gotrsId("users", 2));
    UUID max = UUID.fromString(gotrsId("users", 3));
    int role = Integer.parseInt(gotrsId("roles", 1));
    assertEquals(1L, server.scalar("SELECT count(*) FROM role_user WHERE user_id = ? AND role_id = ?", jane, role));
    assertEquals(1L, server.scalar("SELECT count(*) FROM role_group WHERE role_id = ? AND group_id = ? "
        + "AND permission_key = 'rw' AND permission_value = 1", role, support));
    assertEquals(List.of(Map.of("group_id", support, "permission_key", "move_into"),
            Map.of("group_id", Integer.parseInt(gotrsId("groups", 5)), "permission_key", "rw")),
        server.sql("SELECT group_id, permission_key FROM group_user WHERE user_id = ? ORDER BY permission_key", max));
    int supportQueue = Integer.parseInt(gotrsId("queue", 5));
    assertEquals(true, server.scalar("SELECT ?::int = ANY (permitted_queue_ids(?, 'rw'))", supportQueue, jane));
    assertEquals(false, server.scalar("SELECT ?::int = ANY (permitted_queue_ids(?, 'rw'))", supportQueue, max));
  }

  @Test
  @DisplayName("an imported agent logs in with the OTRS password (SHA-256 and crypt) and is re-hashed")
  void agentLogsInWithOtrsPassword() {
    String token = server.login("jdoe", "otrs-secret-1");
    assertTrue(token.length() > 20);
    var jane = one("SELECT pw, password_hash FROM users WHERE login = 'jdoe'");
    assertNull(jane.get("pw"));
    assertTrue(((String) jane.get("password_hash")).startsWith("$argon2id$"));
    server.login("msmith", "otrs-secret-2");
    var wrong = server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", "former").put("password", "otrs-secret-2"));
    assertEquals(401, wrong.statusCode(), "an invalid OTRS agent stays locked out");
    var customer = server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", "alice").put("password", "cust-pass"));
    assertEquals(200, customer.statusCode(), customer.bodyAsString());
    var ticket = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId(2), token, null);
    assertEquals(200, ticket.statusCode(), "the role grants rw on the support group");
    assertEquals("2024031510000011", ticket.bodyAsJsonObject().getString("tn"));
  }

  @Test
  @DisplayName("customer companies and users come over; a customer id with no company gets one")
  void customers() {
    var acme = one("SELECT * FROM customer_company WHERE customer_id = 'ACME'");
    assertEquals("Acme Inc.", acme.get("name"));
    assertEquals("1 Road Runner Way", acme.get("street"));
    assertEquals("https://acme.example", acme.get("url"));
    assertEquals("INITECH", server.scalar("SELECT name FROM customer_company WHERE customer_id = 'INITECH'"));
    var alice = one("SELECT * FROM customer_user WHERE login = 'alice'");
    assertEquals(gotrsId("customer_user", 1), alice.get("id").toString());
    assertEquals("alice@acme.example", alice.get("email"));
    assertEquals("ACME", alice.get("customer_id"));
    assertEquals("bb4293499fe3b46113fcf75bb0a74bbd2c7836c689ff41c9209c1a7b0f9f38de", alice.get("pw"));
    assertEquals("+1 555 0100", alice.get("phone"));
    assertEquals("Ms.", alice.get("title"));
  }

  @Test
  @DisplayName("states, priorities, types, services and SLAs match by name; new ones are created with mapped state types")
  void lookups() {
    assertEquals("2", gotrsId("ticket_state", 4), "OTRS open (4) is GOTRS open (2)");
    assertEquals("3", gotrsId("ticket_state", 2), "closed successful");
    assertEquals("5", gotrsId("ticket_state", 6), "pending reminder");
    assertEquals(3, server.scalar("SELECT type_id FROM ticket_state WHERE name = 'waiting for customer'"),
        "OTRS pending auto is GOTRS pending");
    assertEquals(6, server.scalar("SELECT type_id FROM ticket_state WHERE id = ?", Integer.parseInt(gotrsId("ticket_state", 9))));
    assertEquals("urgent", server.scalar("SELECT name FROM ticket_priority WHERE id = ?",
        Integer.parseInt(gotrsId("ticket_priority", 6))));
    assertEquals("CustomAudit", server.scalar("SELECT name FROM ticket_history_type WHERE id = ?",
        Integer.parseInt(gotrsId("ticket_history_type", 60))));
    var email = one("SELECT s.name, p.name AS parent FROM service s JOIN service p ON p.id = s.parent_id WHERE s.id = ?",
        Integer.parseInt(gotrsId("service", 2)));
    assertEquals(Map.of("name", "IT::Email", "parent", "IT"), email);
    var gold = one("SELECT first_response_time, first_response_notify, update_time, solution_time, solution_notify, comments "
        + "FROM sla WHERE name = 'Gold'");
    assertEquals(Map.of("first_response_time", 30, "first_response_notify", 80, "update_time", 60, "solution_time", 240,
        "solution_notify", 90, "comments", "premium"), gold);
    assertEquals(1L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ? AND sla_id = ?",
        Integer.parseInt(gotrsId("service", 2)), Integer.parseInt(gotrsId("sla", 1))));
  }

  @Test
  @DisplayName("queues keep their group, escalation times, follow-up settings and hierarchy")
  void queues() {
    var support = one("SELECT * FROM queue WHERE name = 'Support'");
    assertEquals(Integer.parseInt(gotrsId("groups", 4)), support.get("group_id"));
    assertEquals(30, support.get("unlock_timeout"));
    assertEquals(60, support.get("first_response_time"));
    assertEquals((short) 80, ((Number) support.get("first_response_notify")).shortValue());
    assertEquals(120, support.get("update_time"));
    assertEquals(480, support.get("solution_time"));
    assertEquals((short) 90, ((Number) support.get("solution_notify")).shortValue());
    assertEquals("1", support.get("calendar_name"));
    assertEquals(2, support.get("follow_up_id"), "reject");
    assertEquals(1, ((Number) support.get("follow_up_lock")).intValue());
    assertEquals(support.get("id"), server.scalar("SELECT parent_id FROM queue WHERE name = 'Support::Hardware'"));
    assertEquals("2", gotrsId("queue", 2), "Raw maps onto GOTRS's Raw");
  }

  @Test
  @DisplayName("salutations, signatures and system addresses come over, OTRS's defaults onto GOTRS's, and queues keep theirs")
  void queueTexts() {
    assertEquals("1", gotrsId("salutation", 1), "OTRS's standard salutation is GOTRS's");
    assertEquals("1", gotrsId("signature", 1), "OTRS's standard signature is GOTRS's");
    var german = one("SELECT * FROM salutation WHERE id = ?", Integer.parseInt(gotrsId("salutation", 2)));
    assertEquals("Support (de)", german.get("name"));
    assertEquals("Hallo <OTRS_CUSTOMER_UserFirstname>,\n\n", german.get("text"));
    assertEquals("informal", german.get("comments"));
    assertEquals(UUID.fromString(gotrsId("users", 2)), german.get("create_by"));
    var team = one("SELECT * FROM signature WHERE id = ?", Integer.parseInt(gotrsId("signature", 2)));
    assertEquals("text/html; charset=utf-8", team.get("content_type"));
    assertEquals(2, team.get("valid_id"));

    var otrs = one("SELECT * FROM system_address WHERE id = ?", Integer.parseInt(gotrsId("system_address", 1)));
    assertEquals("otrs@localhost", otrs.get("value0"));
    assertEquals("OTRS System", otrs.get("value1"));
    assertEquals(1, otrs.get("queue_id"), "Postmaster");
    int supportAddress = Integer.parseInt(gotrsId("system_address", 2));
    var support = one("SELECT * FROM system_address WHERE id = ?", supportAddress);
    assertEquals("Example Support", support.get("value1"));
    assertEquals(Integer.parseInt(gotrsId("queue", 5)), support.get("queue_id"));
    assertTrue(run.report().table("system_address").errors().contains("system_address 3: its queue 99 was not imported"));

    var queue = one("SELECT salutation_id, signature_id, system_address_id FROM queue WHERE name = 'Support'");
    assertEquals(Integer.parseInt(gotrsId("salutation", 2)), queue.get("salutation_id"));
    assertEquals(Integer.parseInt(gotrsId("signature", 2)), queue.get("signature_id"));
    assertEquals(supportAddress, queue.get("system_address_id"));
    var hardware = one("SELECT salutation_id, signature_id, system_address_id FROM queue WHERE name = 'Support::Hardware'");
    assertEquals(List.of(1, 1, Integer.parseInt(gotrsId("system_address", 1))),
        List.of(hardware.get("salutation_id"), hardware.get("signature_id"), hardware.get("system_address_id")));
    assertEquals(1, server.scalar("SELECT system_address_id FROM queue WHERE name = 'Raw'"),
        "a queue GOTRS already had keeps its own address");
  }

  @Test
  @DisplayName("standard templates keep text, content type, type and validity, and are offered in the same queues")
  void standardTemplates() {
    assertEquals(server.scalar("SELECT id::text FROM standard_template WHERE name = 'empty answer'"),
        gotrsId("standard_template", 1), "OTRS's empty answer is GOTRS's");
    var reset = one("SELECT * FROM standard_template WHERE name = 'Printer reset'");
    assertEquals("Please switch <OTRS_TICKET_Title> off and on again, <OTRS_CUSTOMER_REALNAME>.", reset.get("text"));
    assertEquals("Answer", reset.get("template_type"));
    assertEquals("hardware", reset.get("comments"));
    var call = one("SELECT * FROM standard_template WHERE name = 'Call note'");
    assertEquals("PhoneCall", call.get("template_type"));
    assertEquals("text/html; charset=utf-8", call.get("content_type"));
    var process = one("SELECT * FROM standard_template WHERE name = 'Old process step'");
    assertEquals("ProcessDialog", process.get("template_type"), "an add-on's type is kept");
    assertEquals(2, process.get("valid_id"));

    assertEquals(List.of("Call note", "Printer reset"), templatesOf("Support"));
    assertEquals(List.of("Printer reset"), templatesOf("Support::Hardware"));
    assertEquals(List.of("Call note"), templatesOf("Sales"));
    assertEquals(List.of("empty answer"), templatesOf("Raw"));
    assertTrue(run.report().table("queue_standard_template").errors()
        .contains("queue_standard_template 99:3: its queue or template was not imported"));
  }

  private static List<Object> templatesOf(String queue) {
    return server.sql("""
        SELECT st.name FROM queue_standard_template qst JOIN standard_template st ON st.id = qst.standard_template_id
          JOIN queue q ON q.id = qst.queue_id WHERE q.name = ? ORDER BY st.name""", queue)
        .stream().map(row -> row.get("name")).toList();
  }

  @Test
  @DisplayName("tickets keep number, title, queue, lock, type, service, SLA, owner, customer, escalation and archive flag")
  void tickets() {
    var t = one("SELECT * FROM ticket WHERE id = ?", ticketId(2));
    assertEquals("2024031510000011", t.get("tn"));
    assertEquals("Printer on fire", t.get("title"));
    assertEquals(Integer.parseInt(gotrsId("queue", 6)), t.get("queue_id"));
    assertEquals(2, ((Number) t.get("ticket_lock_id")).intValue());
    assertEquals("Incident", server.scalar("SELECT name FROM ticket_type WHERE id = ?", t.get("type_id")));
    assertEquals("IT::Email", server.scalar("SELECT name FROM service WHERE id = ?", t.get("service_id")));
    assertEquals("Gold", server.scalar("SELECT name FROM sla WHERE id = ?", t.get("sla_id")));
    assertEquals(UUID.fromString(gotrsId("users", 2)), t.get("user_id"));
    assertEquals(UUID.fromString(gotrsId("users", 3)), t.get("responsible_user_id"));
    assertEquals("4 high", server.scalar("SELECT name FROM ticket_priority WHERE id = ?", t.get("ticket_priority_id")));
    assertEquals("open", server.scalar("SELECT name FROM ticket_state WHERE id = ?", t.get("ticket_state_id")));
    assertEquals("ACME", t.get("customer_id"));
    assertEquals(UUID.fromString(gotrsId("customer_user", 1)), t.get("customer_user_id"));
    assertEquals(1710496000, t.get("timeout"));
    assertEquals(1710500000, t.get("escalation_time"));
    assertEquals(1710510000, t.get("escalation_update_time"));
    assertEquals(1710500000, t.get("escalation_response_time"));
    assertEquals(1710520000, t.get("escalation_solution_time"));
    assertEquals(0, ((Number) t.get("archive_flag")).intValue());
    assertEquals(LocalDateTime.parse("2024-03-15T09:00:00"), ((java.sql.Timestamp) t.get("create_time")).toLocalDateTime());
    assertEquals(LocalDateTime.parse("2024-03-15T11:30:00"), ((java.sql.Timestamp) t.get("change_time")).toLocalDateTime());
    assertEquals(UUID.fromString(gotrsId("users", 3)), t.get("create_by"));
    assertEquals(UUID.fromString(gotrsId("users", 2)), t.get("change_by"));
    assertEquals("otrs", t.get("source"));

    var invoice = one("SELECT customer_id, customer_user_id, metadata::text, archive_flag, until_time FROM ticket WHERE tn = ?",
        "2024031610000021");
    assertEquals("GLOBEX", invoice.get("customer_id"));
    assertNull(invoice.get("customer_user_id"));
    assertEquals("someone@unknown.example",
        new JsonObject((String) invoice.get("metadata")).getJsonObject("otrs").getString("customer_user_id"));
    assertEquals(1, ((Number) invoice.get("archive_flag")).intValue());
    assertEquals(1893456000, invoice.get("until_time"));
  }

  @Test
  @DisplayName("articles keep sender, channel as article type, visibility, addresses, subject, threading headers and body")
  void articles() {
    long ticket = ticketId(2);
    List<Map<String, Object>> articles = server.sql("""
        SELECT at.name AS type, a.article_sender_type_id AS sender, a.is_visible_for_customer AS visible, a.internal_note,
               a.from_address, a.to_address, a.cc_address, a.subject, a.message_id, a.message_id_md5, a.in_reply_to,
               a."references", a.content_type, a.body, a.incoming_time
          FROM article a JOIN article_type at ON at.id = a.article_type_id WHERE a.ticket_id = ? ORDER BY a.id""", ticket);
    assertEquals(3, articles.size());
    var first = articles.get(0);
    assertEquals("email-external", first.get("type"));
    assertEquals(3, first.get("sender"));
    assertEquals(1, first.get("visible"));
    assertEquals("Alice Anders <alice@acme.example>", first.get("from_address"));
    assertEquals("support@example.com", first.get("to_address"));
    assertEquals("boss@acme.example", first.get("cc_address"));
    assertEquals("Printer on fire", first.get("subject"));
    assertEquals("<fire-1@acme.example>", first.get("message_id"));
    assertEquals("55f5db4bd7a0e4cc2bd7aa1b9c7c3ba3", first.get("message_id_md5"));
    assertEquals("text/plain; charset=utf-8", first.get("content_type"));
    assertEquals("Our printer is on fire.\nPlease help!", first.get("body"));
    assertEquals(1710493200, first.get("incoming_time"));
    var note = articles.get(1);
    assertEquals("note-internal", note.get("type"));
    assertEquals(0, note.get("visible"));
    assertEquals(true, note.get("internal_note"));
    var reply = articles.get(2);
    assertEquals("email-external", reply.get("type"));
    assertEquals(1, reply.get("sender"));
    assertEquals("<fire-1@acme.example>", reply.get("in_reply_to"));
    assertEquals("<fire-1@acme.example>", reply.get("references"));
    assertEquals("phone", server.scalar("SELECT at.name FROM article a JOIN article_type at ON at.id = a.article_type_id "
        + "WHERE a.ticket_id = ?", ticketId(3)));
    var laptop = one("SELECT at.name AS type, a.subject, a.metadata::text AS metadata FROM article a "
        + "JOIN article_type at ON at.id = a.article_type_id WHERE a.ticket_id = ?", ticketId(4));
    assertEquals("note-external", laptop.get("type"));
    String fullSubject = "Long subject ".repeat(25);
    assertEquals(fullSubject.substring(0, 255), laptop.get("subject"));
    JsonObject otrs = new JsonObject((String) laptop.get("metadata")).getJsonObject("otrs");
    assertEquals(fullSubject, otrs.getString("subject"));
    assertEquals("noreply@example.com", otrs.getString("reply_to"));
    assertEquals("audit@example.com", otrs.getString("bcc"));
    assertEquals(List.of(1, 3, 1), server.sql("SELECT communication_channel_id FROM otrs_article WHERE ticket_id = ? "
        + "ORDER BY id", ticket).stream().map(row -> row.get("communication_channel_id")).toList());
  }

  @Test
  @DisplayName("attachments are base64-decoded, checksummed and stored with their names, types and dispositions")
  void attachments() {
    List<Map<String, Object>> files = server.sql("""
        SELECT aa.filename, aa.content_size, aa.content_type, aa.content_id, aa.content_alternative, aa.disposition,
               aa.content, aa.checksum, aa.storage_backend
          FROM article_attachment aa JOIN article a ON a.id = aa.article_id WHERE a.ticket_id = ? ORDER BY aa.id""",
        ticketId(2));
    assertEquals(3, files.size());
    var text = files.get(0);
    assertEquals("fire.txt", text.get("filename"));
    assertEquals("17", text.get("content_size"));
    assertEquals("text/plain", text.get("content_type"));
    assertEquals("attachment", text.get("disposition"));
    assertEquals("smoke and flames\n", new String((byte[]) text.get("content")));
    assertEquals(DigestUtils.sha256Hex("smoke and flames\n"), text.get("checksum"));
    assertEquals("database", text.get("storage_backend"));
    var html = files.get(1);
    assertEquals("file-2", html.get("filename"));
    assertEquals("text/html; charset=\"utf-8\"", html.get("content_type"));
    assertEquals("1", html.get("content_alternative"));
    assertEquals("inline", html.get("disposition"));
    var binary = files.get(2);
    byte[] expected = new byte[120];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (byte) i;
    }
    assertEquals("120", binary.get("content_size"));
    assertEquals("<part1@example.com>", binary.get("content_id"));
    assertTrue(java.util.Arrays.equals(expected, (byte[]) binary.get("content")));
    assertEquals(DigestUtils.sha256Hex(expected), binary.get("checksum"));
  }

  @Test
  @DisplayName("history keeps its history types and the queue, owner, priority, state and article of each entry")
  void history() {
    List<Map<String, Object>> entries = server.sql("""
        SELECT h.name, ht.name AS type, h.article_id, h.queue_id, h.owner_id, h.priority_id, h.state_id, h.create_by,
               h.create_time
          FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE h.ticket_id = ? ORDER BY h.id""", ticketId(2));
    assertEquals(3, entries.size());
    var created = entries.get(0);
    assertEquals("%%2024031510000011%%Support::Hardware%%4 high%%open%%2", created.get("name"));
    assertEquals("NewTicket", created.get("type"));
    assertEquals(Long.parseLong(gotrsId("article", 2)), created.get("article_id"));
    assertEquals(Integer.parseInt(gotrsId("queue", 6)), created.get("queue_id"));
    assertEquals(UUID.fromString(gotrsId("users", 2)), created.get("owner_id"));
    assertEquals(2, created.get("state_id"));
    assertEquals(UUID.fromString(gotrsId("users", 3)), created.get("create_by"));
    assertEquals("AddNote", entries.get(1).get("type"));
    assertEquals("StateUpdate", entries.get(2).get("type"));
    assertEquals("CustomAudit", server.scalar("SELECT ht.name FROM ticket_history h JOIN ticket_history_type ht "
        + "ON ht.id = h.history_type_id WHERE h.ticket_id = ? AND h.name = '%%Audit'", ticketId(3)));
  }

  @Test
  @DisplayName("ticket dynamic fields become custom fields with their values, in the ticket and in custom_field_values")
  void dynamicFields() {
    List<Map<String, Object>> definitions = server.sql("SELECT field_name, field_type, field_config::text AS config "
        + "FROM custom_field_definitions WHERE object_type = 'ticket' ORDER BY position, field_name");
    assertEquals(List.of("process_management_process_id", "customer_number", "severity", "affected_systems", "due_date",
        "approved"), definitions.stream().map(row -> row.get("field_name")).toList());
    assertEquals(List.of("text", "text", "select", "multiselect", "date", "number"),
        definitions.stream().map(row -> row.get("field_type")).toList());
    JsonObject severity = new JsonObject((String) definitions.get(2).get("config"));
    assertEquals(new JsonArray().add("high").add("low"), severity.getJsonArray("options"));
    assertEquals("Severity", severity.getString("otrs_name"));
    assertTrue(run.output().contains("note: 1 dynamic field(s) of object type Article are not imported"), run.output());
    JsonObject fields = new JsonObject((String) server.scalar("SELECT custom_fields::text FROM ticket WHERE id = ?",
        ticketId(2)));
    assertEquals(new JsonObject().put("customer_number", "C-1001").put("severity", "high")
        .put("affected_systems", new JsonArray().add("crm").add("mail")).put("due_date", "2024-04-01")
        .put("approved", 1), fields);
    assertEquals(5L, server.scalar("SELECT count(*) FROM custom_field_values WHERE object_id = ?",
        String.valueOf(ticketId(2))));
    assertEquals("low", server.scalar("SELECT custom_fields ->> 'severity' FROM ticket WHERE id = ?", ticketId(3)));
  }

  @Test
  @DisplayName("an imported agent's number for OTRS clients is its OTRS id; root@localhost stays 1")
  void agentsKeepTheirOtrsIdAsNumber() {
    for (var row : server.sql("""
        SELECT m.source_id, u.number, u.login FROM otrs_id_map m JOIN users u ON u.id::text = m.gotrs_id
         WHERE m.source_table = 'users'""")) {
      int expected = row.get("login").equals("root@localhost") ? 1 : Integer.parseInt((String) row.get("source_id"));
      assertEquals(expected, ((Number) row.get("number")).intValue(), row.toString());
    }
  }

  @Test
  @DisplayName("time accounting keeps units, ticket, article, agent and time; the ticket's total is the OTRS sum")
  void timeAccounting() {
    long printer = ticketId(2);
    var first = one("SELECT ticket_id, article_id, time_unit, create_by, create_time FROM time_accounting "
        + "WHERE id = ?::bigint", gotrsId("time_accounting", 1));
    assertEquals(printer, first.get("ticket_id"));
    assertEquals(Long.parseLong(gotrsId("article", 3)), first.get("article_id"));
    assertEquals(0, new java.math.BigDecimal("1.50").compareTo((java.math.BigDecimal) first.get("time_unit")));
    assertEquals(UUID.fromString(gotrsId("users", 2)), first.get("create_by"));
    assertEquals(java.time.LocalDateTime.parse("2024-03-15T10:00:00"), ((java.sql.Timestamp) first.get("create_time"))
        .toLocalDateTime());
    assertEquals(0, new java.math.BigDecimal("1.75").compareTo((java.math.BigDecimal) server.scalar(
        "SELECT sum(time_unit) FROM time_accounting WHERE ticket_id = ?", printer)));
    assertEquals(0, new java.math.BigDecimal("-0.50").compareTo((java.math.BigDecimal) server.scalar(
        "SELECT sum(time_unit) FROM time_accounting WHERE ticket_id = ?", ticketId(4))), "a correction stays negative");
    assertTrue(run.report().table("time_accounting").errors().contains("time_accounting 4: ticket 999 was not imported"));
  }

  @Test
  @DisplayName("watchers keep ticket, agent and since when")
  void watchers() {
    List<Map<String, Object>> rows = server.sql("SELECT ticket_id, user_id, create_time FROM ticket_watcher "
        + "ORDER BY ticket_id, create_time");
    assertEquals(3, rows.size());
    assertEquals(List.of(ticketId(2), ticketId(2), ticketId(3)), rows.stream().map(row -> row.get("ticket_id")).toList());
    assertEquals(List.of(UUID.fromString(gotrsId("users", 2)), UUID.fromString(gotrsId("users", 3)),
        UUID.fromString(gotrsId("users", 2))), rows.stream().map(row -> row.get("user_id")).toList());
  }

  @Test
  @DisplayName("valid ticket-ticket links keep their type and direction; temporary, FAQ and dangling links are left")
  void links() {
    List<Map<String, Object>> rows = server.sql("SELECT source_ticket_id, target_ticket_id, link_type, create_by "
        + "FROM ticket_link ORDER BY link_type");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals(ticketId(3), rows.get(0).get("source_ticket_id"));
    assertEquals(ticketId(2), rows.get(0).get("target_ticket_id"));
    assertEquals("Normal", rows.get(0).get("link_type"));
    assertEquals(ticketId(2), rows.get(1).get("source_ticket_id"), "the parent is the source, as in OTRS");
    assertEquals(ticketId(4), rows.get(1).get("target_ticket_id"));
    assertEquals("ParentChild", rows.get(1).get("link_type"));
    assertEquals(UUID.fromString(gotrsId("users", 2)), rows.get(1).get("create_by"));
    assertTrue(run.report().table("link_relation").errors().contains("link_relation 2:999:Normal: ticket 999 was not imported"),
        run.report().table("link_relation").errors().toString());
  }
}
