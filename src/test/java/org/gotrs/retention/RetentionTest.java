package org.gotrs.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer(config = """
    {"scheduler": {"intervals": {"retention": 1}}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private String agent;
  private int group;

  RetentionTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    group = fixtures.group("retention");
    fixtures.agent("ret-agent", "pw", group, "rw");
    agent = server.login("ret-agent", "pw");
    fixtures.company("ACME");
  }

  /** A ticket of a customer, with what the customer wrote, closed or not, last changed {@code daysAgo} days ago. */
  private long ticket(int queue, String customer, boolean closed, int daysAgo) {
    var created = api.post("/tickets", agent, new JsonObject().put("title", "Printer of " + customer)
        .put("queue_id", queue).put("customer_user", customer).put("tags", new JsonArray().add("printer"))
        .put("article", new JsonObject().put("subject", "my printer").put("body", "call me on 555-0100, " + customer)
            .put("article_type", "phone").put("article_sender_type_id", 3)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    if (closed) {
      assertEquals(200, api.patch("/tickets/" + id, agent, new JsonObject().put("state", "closed successful"))
          .statusCode());
    }
    server.sql("UPDATE ticket SET change_time = now() - make_interval(days => ?) WHERE id = ?", daysAgo, id);
    return id;
  }

  private JsonObject policy(JsonObject body) {
    var created = api.post("/retention-policies", admin, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private Map<String, Object> row(String sql, Object... parameters) {
    return server.sql(sql, parameters).get(0);
  }

  @Test
  @DisplayName("anonymising old closed tickets of one queue blanks exactly those, keeps them countable and is audited")
  void anonymiseExactlyTheMatchingTickets() {
    int queue = fixtures.queue("Retention A", group);
    int other = fixtures.queue("Retention B", group);
    fixtures.customer("alice", "pw", "ACME");
    long oldClosed = ticket(queue, "alice", true, 100);
    long recentClosed = ticket(queue, "alice", true, 5);
    long oldOpen = ticket(queue, "alice", false, 100);
    long otherQueue = ticket(other, "alice", true, 100);
    long ticketsBefore = ((Number) server.scalar("SELECT count(*) FROM ticket")).longValue();

    JsonObject policy = policy(new JsonObject().put("table_name", "ticket").put("column_name", "change_time")
        .put("retention_days", 30).put("action", "anonymize").put("enabled", false)
        .put("conditions", new JsonObject().put("state_type", "closed").put("queue_id", new JsonArray().add(queue))));
    String id = policy.getString("id");
    var dry = api.post("/retention-policies/" + id + "/dry-run", admin, null);
    assertEquals(200, dry.statusCode(), dry.bodyAsString());
    assertEquals(1, dry.bodyAsJsonObject().getInteger("rows"), "the dry run counts what a run would change");
    assertEquals("Printer of alice", server.scalar("SELECT title FROM ticket WHERE id = ?", oldClosed), "and changes nothing");
    assertEquals(403, api.post("/retention-policies/" + id + "/dry-run", agent, null).statusCode());
    var run = api.post("/retention-policies/" + id + "/run", admin, null);
    assertEquals(200, run.statusCode(), run.bodyAsString());
    assertEquals(1, run.bodyAsJsonObject().getInteger("rows"));

    Map<String, Object> blanked = row("""
        SELECT t.title, t.customer_id, t.customer_user_id, t.tags, t.tn, s.name AS state, t.queue_id
          FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id WHERE t.id = ?""", oldClosed);
    assertEquals("[anonymized]", blanked.get("title"));
    assertNull(blanked.get("customer_id"));
    assertNull(blanked.get("customer_user_id"));
    assertEquals("closed successful", blanked.get("state"), "the state stays for statistics");
    assertEquals(queue, ((Number) blanked.get("queue_id")).intValue());
    assertEquals(0L, ((Number) server.scalar(
        "SELECT count(*) FROM article WHERE ticket_id = ? AND (body LIKE '%555%' OR from_address IS NOT NULL)", oldClosed))
        .longValue());
    assertEquals(0L, ((Number) server.scalar(
        "SELECT count(*) FROM ticket_history WHERE ticket_id = ? AND (name LIKE '%alice%' OR new_value LIKE '%alice%')",
        oldClosed)).longValue());
    for (long untouched : new long[] {recentClosed, oldOpen, otherQueue}) {
      assertEquals("Printer of alice", server.scalar("SELECT title FROM ticket WHERE id = ?", untouched));
      assertEquals(1L, ((Number) server.scalar(
          "SELECT count(*) FROM article WHERE ticket_id = ? AND body LIKE '%555%'", untouched)).longValue());
    }
    assertEquals(ticketsBefore, ((Number) server.scalar("SELECT count(*) FROM ticket")).longValue(), "still countable");

    List<Map<String, Object>> audited = server.sql("""
        SELECT result, new_values::text AS what FROM audit_log WHERE action = 'retention.run' AND object_id = ?""", id);
    assertEquals(1, audited.size());
    assertEquals("success", audited.get(0).get("result"));
    JsonObject what = new JsonObject((String) audited.get(0).get("what"));
    assertEquals(1, what.getInteger("rows"));
    assertEquals("anonymize", what.getString("action"));

    var again = api.post("/retention-policies/" + id + "/run", admin, null);
    assertEquals(0, again.bodyAsJsonObject().getInteger("rows"), "an anonymised ticket is not touched twice");
    assertEquals(0, api.post("/retention-policies/" + id + "/dry-run", admin, null).bodyAsJsonObject()
        .getInteger("rows"), "nor counted again");
  }

  @Test
  @DisplayName("the scheduler runs due policies: old closed tickets are archived and the policy's next run moves a day on")
  void schedulerArchives() {
    int queue = fixtures.queue("Retention archive", group);
    fixtures.customer("bob", "pw", "ACME");
    long old = ticket(queue, "bob", true, 40);
    long fresh = ticket(queue, "bob", true, 1);
    String id = policy(new JsonObject().put("table_name", "ticket").put("retention_days", 30).put("action", "archive")
        .put("conditions", new JsonObject().put("queue_id", queue))).getString("id");
    Await.until(Duration.ofSeconds(10),
        () -> ((Number) server.scalar("SELECT archive_flag FROM ticket WHERE id = ?", old)).intValue() == 1,
        () -> "the scheduler did not archive the old ticket");
    assertEquals(0, ((Number) server.scalar("SELECT archive_flag FROM ticket WHERE id = ?", fresh)).intValue());
    JsonObject after = api.get("/retention-policies/" + id, admin).bodyAsJsonObject();
    assertTrue(after.getString("next_run").compareTo(java.time.Instant.now().plusSeconds(23 * 3600).toString()) > 0,
        after.encode());
    assertEquals("00000000-0000-0000-0000-000000000001", server.scalar(
        "SELECT user_id::text FROM audit_log WHERE action = 'retention.run' AND object_id = ?", id));
  }

  @Test
  @DisplayName("deleting old tickets removes them with their articles; anonymising a customer user ends who they were")
  void deleteTicketsAndAnonymiseCustomers() {
    int queue = fixtures.queue("Retention delete", group);
    fixtures.customer("carol", "pw", "ACME");
    long old = ticket(queue, "carol", true, 400);
    long kept = ticket(queue, "carol", true, 10);
    String delete = policy(new JsonObject().put("table_name", "ticket").put("retention_days", 365).put("action", "delete")
        .put("enabled", false).put("conditions", new JsonObject().put("queue_id", queue))).getString("id");
    assertEquals(1, api.post("/retention-policies/" + delete + "/run", admin, null).bodyAsJsonObject()
        .getInteger("rows"));
    assertEquals(404, api.get("/tickets/" + old, agent).statusCode());
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", old)).longValue());
    assertEquals(200, api.get("/tickets/" + kept, agent).statusCode());

    server.sql("UPDATE customer_user SET change_time = now() - interval '3 years' WHERE login = 'carol'");
    String anonymise = policy(new JsonObject().put("table_name", "customer_user").put("retention_days", 730)
        .put("action", "anonymize").put("enabled", false)
        .put("conditions", new JsonObject().put("customer_id", "ACME"))).getString("id");
    assertEquals(1, api.post("/retention-policies/" + anonymise + "/run", admin, null).bodyAsJsonObject()
        .getInteger("rows"));
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM customer_user WHERE login = 'carol'")).longValue());
    assertEquals(1L, ((Number) server.scalar(
        "SELECT count(*) FROM customer_user WHERE login LIKE 'anonymized-%' AND first_name IS NULL")).longValue());
  }

  @Test
  @DisplayName("policies are for administrators and are checked against the tables they may act on")
  void validation() {
    assertEquals(403, api.get("/retention-policies", agent).statusCode());
    assertEquals(403, api.post("/retention-policies", agent, new JsonObject()).statusCode());
    var wrong = api.post("/retention-policies", admin, new JsonObject().put("table_name", "customer_user")
        .put("column_name", "password_hash").put("retention_days", 0).put("action", "delete")
        .put("conditions", new JsonObject().put("login; DROP TABLE ticket", "x")));
    assertEquals(422, wrong.statusCode(), wrong.bodyAsString());
    List<String> fields = wrong.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
    assertEquals(List.of("retention_days", "column_name", "action", "conditions.login; DROP TABLE ticket"), fields);
    assertEquals(422, api.post("/retention-policies", admin, new JsonObject().put("table_name", "users")
        .put("retention_days", 10).put("action", "delete")).statusCode());
    assertEquals(404, api.get("/retention-policies/00000000-0000-0000-0000-000000000000", admin)
        .statusCode());

    String id = policy(new JsonObject().put("table_name", "sessions").put("retention_days", 90).put("action", "delete")
        .put("enabled", false)).getString("id");
    var changed = api.patch("/retention-policies/" + id, admin, new JsonObject().put("retention_days", 30));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(30, changed.bodyAsJsonObject().getInteger("retention_days"));
    assertEquals("expires_at", changed.bodyAsJsonObject().getString("column_name"));
    assertEquals(204, api.delete("/retention-policies/" + id, admin).statusCode());
    assertEquals(404, api.get("/retention-policies/" + id, admin).statusCode());
  }
}
