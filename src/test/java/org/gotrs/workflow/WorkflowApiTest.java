package org.gotrs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
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

/** Workflows over HTTP. Each test works in a queue of its own and its workflows only act on that queue. */
@GotrsServer(config = """
    {"workflows": {"max_depth": 2, "webhook_backoff_millis": 100}, "scheduler": {"intervals": {"time_workflows": 1}}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowApiTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private String agent;
  private int group;

  WorkflowApiTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    group = fixtures.group("workflows");
    fixtures.agent("wf-agent", "pw", group, "rw");
    agent = server.login("wf-agent", "pw");
  }

  private static JsonObject inQueue(int queue, JsonObject... more) {
    JsonArray all = new JsonArray().add(new JsonObject().put("field", "queue_id").put("op", "eq").put("value", queue));
    for (JsonObject condition : more) {
      all.add(condition);
    }
    return new JsonObject().put("all", all);
  }

  private static JsonObject condition(String field, String op, Object value) {
    return new JsonObject().put("field", field).put("op", op).put("value", value);
  }

  private static JsonObject action(String type, Object value) {
    return new JsonObject().put("type", type).put("value", value);
  }

  private static JsonObject note(String body) {
    return new JsonObject().put("type", "add_note").put("body", body);
  }

  private String workflow(String name, String trigger, JsonObject config, JsonObject conditions, JsonObject... actions) {
    var created = api.post("/workflows", admin, new JsonObject().put("name", name)
        .put("trigger_type", trigger).put("trigger_config", config).put("conditions", conditions)
        .put("actions", new JsonArray(List.of((Object[]) actions))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getString("id");
  }

  private static JsonObject on(String... events) {
    return new JsonObject().put("events", new JsonArray(List.of((Object[]) events)));
  }

  private JsonObject ticket(long id) {
    return api.get("/tickets/" + id, agent).bodyAsJsonObject();
  }

  private List<JsonObject> runs(String workflowId) {
    var response = api.get("/workflows/" + workflowId + "/history", admin);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  private long notes(long ticketId, String body) {
    return ((Number) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ? AND body = ?", ticketId, body))
        .longValue();
  }



  /**
   * Waits until the workflows have acted on every event so far, the events of their own changes included (the
   * cursor moves past an event in the transaction that makes the changes it caused): after that, no run is late.
   */
  /**
   * Until the workflows have acted on every event committed so far: every one numbered (an event waits for its number
   * while an older transaction is open) and the cursor past the newest. Without the first, a ticket's own events still
   * waiting for their numbers were acted on by workflows saved after them.
   */
  private void awaitCaughtUp() {
    Await.until(WAIT, () -> (Boolean) server.scalar("""
            SELECT NOT EXISTS (SELECT 1 FROM event_log WHERE seq IS NULL)
                   AND (SELECT last_seq FROM workflow_cursor) >= (SELECT coalesce(max(seq), 0) FROM event_log)"""),
        () -> "the workflows did not catch up with the event log");
  }

  @Test
  @DisplayName("an administrator creates, reads, changes and deletes a workflow; agents may read but not write")
  void crud() {
    int queue = fixtures.queue("WF crud", group);
    var created = api.post("/workflows", admin, new JsonObject().put("name", "urgent (crud)")
        .put("trigger_type", "event").put("trigger_config", on("ticket.created"))
        .put("conditions", inQueue(queue, condition("title", "contains", "URGENT")))
        .put("actions", new JsonArray().add(action("set_priority", "5 very high"))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject workflow = created.bodyAsJsonObject();
    String id = workflow.getString("id");
    assertEquals(true, workflow.getBoolean("enabled"));
    assertEquals(0, workflow.getInteger("execution_count"));
    assertEquals("set_priority", workflow.getJsonArray("actions").getJsonObject(0).getString("type"));

    assertEquals(200, api.get("/workflows/" + id, agent).statusCode());
    assertEquals(403, api.post("/workflows", agent, new JsonObject().put("name", "x")).statusCode());
    assertEquals(403, api.patch("/workflows/" + id, agent, new JsonObject().put("enabled", false)).statusCode());
    assertEquals(409, api.post("/workflows", admin, new JsonObject().put("name", "urgent (crud)")
        .put("trigger_type", "manual").put("actions", new JsonArray().add(action("add_tag", "x")))).statusCode());

    var disabled = api.patch("/workflows/" + id, admin, new JsonObject().put("enabled", false));
    assertEquals(200, disabled.statusCode(), disabled.bodyAsString());
    assertEquals(false, disabled.bodyAsJsonObject().getBoolean("enabled"));
    assertEquals("5 very high", disabled.bodyAsJsonObject().getJsonArray("actions").getJsonObject(0).getString("value"));

    assertEquals(204, api.delete("/workflows/" + id, admin).statusCode());
    assertEquals(404, api.get("/workflows/" + id, admin).statusCode());
    assertEquals(404, api.get("/workflows/not-a-uuid", admin).statusCode());
    assertEquals(List.of("workflow.create", "workflow.update", "workflow.delete"), server.sql(
        "SELECT action FROM audit_log WHERE object_id = ? ORDER BY \"timestamp\"", id).stream()
        .map(row -> row.get("action")).toList());
  }

  @Test
  @DisplayName("a bad workflow is refused with 422 naming every wrong field")
  void validation() {
    var response = api.post("/workflows", admin, new JsonObject().put("name", "broken")
        .put("trigger_type", "event").put("trigger_config", on("ticket.exploded"))
        .put("conditions", new JsonObject().put("all", new JsonArray()
            .add(condition("title", "resembles", "x")).add(condition("no_such_field", "eq", 1))))
        .put("actions", new JsonArray().add(action("set_state", "no such state")).add(new JsonObject().put("type", "webhook")
            .put("url", "ftp://example.com")).add(new JsonObject().put("type", "email").put("to", "a@example.com")
            .put("subject", "s").put("body", "b"))));
    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    List<String> fields = response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("trigger_config.events", "conditions.all[0].op", "conditions.all[1].field",
        "actions[1].url", "actions[2]")), fields.toString());

    var unknownState = api.post("/workflows", admin, new JsonObject().put("name", "unknown state")
        .put("trigger_type", "manual").put("actions", new JsonArray().add(action("set_state", "no such state"))));
    assertEquals(422, unknownState.statusCode(), unknownState.bodyAsString());
    assertEquals("actions[0].value", unknownState.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));

    var badCron = api.post("/workflows", admin, new JsonObject().put("name", "bad cron")
        .put("trigger_type", "time").put("trigger_config", new JsonObject().put("schedule", "61 * * * *"))
        .put("actions", new JsonArray().add(action("add_tag", "x"))));
    assertEquals(422, badCron.statusCode());
    assertEquals(400, api.post("/workflows", admin, Buffer.buffer("{nope")).statusCode());
  }

  @Test
  @DisplayName("a workflow changes a matching new ticket and records its run; a ticket that does not match is left alone")
  void eventWorkflowChangesTicket() {
    int queue = fixtures.queue("WF urgent", group);
    String id = workflow("urgent", "event", on("ticket.created"),
        inQueue(queue, condition("title", "contains", "URGENT")),
        action("set_priority", "5 very high"), action("add_tag", "urgent"));
    long urgent = fixtures.ticket(agent, queue, "URGENT: the server is down", "help").getLong("id");
    long calm = fixtures.ticket(agent, queue, "a question", "when you have time").getLong("id");

    Await.until(WAIT, () -> "5 very high".equals(ticket(urgent).getString("priority")),
        () -> "timed out waiting for the priority to change");
    assertEquals(List.of("urgent"), ticket(urgent).getJsonArray("tags").getList());
    Await.until(WAIT, () -> runs(id).size() == 1, () -> "timed out waiting for the run to be recorded");
    JsonObject run = runs(id).get(0);
    assertEquals("success", run.getString("status"));
    assertEquals("ticket.created", run.getString("trigger"));
    assertEquals(urgent, run.getLong("ticket_id"));
    assertEquals(List.of("set_priority", "add_tag"), run.getJsonArray("actions_taken").stream()
        .map(taken -> ((JsonObject) taken).getString("type")).toList());
    JsonObject workflow = api.get("/workflows/" + id, admin).bodyAsJsonObject();
    assertEquals(1, workflow.getInteger("execution_count"));
    assertTrue(workflow.getString("last_execution") != null);
    assertEquals("3 normal", ticket(calm).getString("priority"));
    assertEquals("00000000-0000-0000-0000-000000000001", server.scalar("""
        SELECT h.create_by::text FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'PriorityUpdate'""", urgent));
  }

  @Test
  @DisplayName("changed_to and custom fields: closing a ticket whose severity is high adds a note")
  void changedToAndCustomFields() {
    int queue = fixtures.queue("WF severity", group);
    assertEquals(201, api.post("/custom-fields", admin, new JsonObject().put("object_type", "ticket")
        .put("field_name", "severity").put("field_type", "text")).statusCode());
    String id = workflow("closing high severity", "event", on("ticket.updated"), inQueue(queue,
            condition("state", "changed_to", "closed successful"),
            condition("custom_fields.severity", "in", new JsonArray().add("high").add("critical"))),
        note("closed with high severity"), new JsonObject().put("type", "set_custom_field").put("field", "severity")
            .put("value", "handled"));
    long high = fixtures.ticket(agent, queue, "high", "x").getLong("id");
    long low = fixtures.ticket(agent, queue, "low", "x").getLong("id");
    for (long ticket : new long[] {high, low}) {
      assertEquals(200, api.patch("/tickets/" + ticket, agent, new JsonObject()
          .put("custom_fields", new JsonObject().put("severity", ticket == high ? "high" : "low"))).statusCode());
      assertEquals(200, api.patch("/tickets/" + ticket, agent, new JsonObject()
          .put("title", "renamed " + ticket)).statusCode());
      assertEquals(200, api.patch("/tickets/" + ticket, agent, new JsonObject()
          .put("state", "closed successful")).statusCode());
    }
    Await.until(WAIT, () -> notes(high, "closed with high severity") == 1, () -> "timed out waiting for the note");
    Await.until(WAIT, () -> "handled".equals(ticket(high).getJsonObject("custom_fields").getString("severity")),
        () -> "timed out waiting for the field");
    awaitCaughtUp();
    assertEquals(0, notes(low, "closed with high severity"));
    assertEquals(1, runs(id).size(), "runs only when the state changed to closed, not on the other updates");
  }

  @Test
  @DisplayName("a workflow whose own change would trigger it again runs once")
  void ownChangeDoesNotRetrigger() {
    int queue = fixtures.queue("WF self", group);
    String id = workflow("note on every change", "event", on("ticket.updated", "article.created"), inQueue(queue),
        note("noted"), action("add_tag", "noted"));
    long ticket = fixtures.ticket(agent, queue, "self", "x").getLong("id");
    assertEquals(200, api.patch("/tickets/" + ticket, agent, new JsonObject().put("title", "changed"))
        .statusCode());
    Await.until(WAIT, () -> notes(ticket, "noted") >= 1, () -> "timed out waiting for the note");
    awaitCaughtUp();
    assertEquals(2, notes(ticket, "noted"), "once for the ticket's first article, once for the change, never for its own");
    assertEquals(2, runs(id).size());
  }

  @Test
  @DisplayName("workflows triggering each other stop at the depth limit, with LoopProtection in the ticket history")
  void chainsStopAtTheDepthLimit() {
    int queue = fixtures.queue("WF chain", group);
    long ticket = fixtures.ticket(agent, queue, "chain", "x").getLong("id");
    // The ticket's own first events are behind us before the workflows exist.
    awaitCaughtUp();
    List<String> ids = List.of(
        workflow("chain a", "event", on("article.created"), inQueue(queue), note("from a")),
        workflow("chain b", "event", on("article.created"), inQueue(queue), note("from b")),
        workflow("chain c", "event", on("article.created"), inQueue(queue), note("from c")));
    assertEquals(201, api.post("/tickets/" + ticket + "/articles", agent,
        new JsonObject().put("body", "start").put("internal_note", true)).statusCode());
    // depth 0: a, b, c answer "start"; depth 1: each note is answered by the two others; depth 2 is stopped.
    String stoppedRuns = "SELECT count(*) FROM workflow_history WHERE ticket_id = ? AND status = 'stopped'";
    Await.until(WAIT, () -> ((Number) server.scalar(stoppedRuns, ticket)).longValue() >= 6,
        () -> "timed out waiting for the stopped runs");
    awaitCaughtUp();
    assertEquals(6L, ((Number) server.scalar(stoppedRuns, ticket)).longValue());
    long notes = ((Number) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ? AND body LIKE 'from %'", ticket))
        .longValue();
    assertEquals(9, notes);
    assertEquals(6L, ((Number) server.scalar("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'LoopProtection'""", ticket)).longValue());
    ids.forEach(id -> api.delete("/workflows/" + id, admin));
  }

  @Test
  @DisplayName("a dry run says what would change and changes nothing; a manual run makes the change")
  void dryRunThenRun() {
    int queue = fixtures.queue("WF manual", group);
    String id = workflow("close and tag", "manual", new JsonObject(), inQueue(queue),
        action("set_state", "closed successful"), action("add_tag", "done"),
        new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:9/nowhere"));
    long ticket = fixtures.ticket(agent, queue, "manual", "x").getLong("id");

    var dry = api.post("/workflows/" + id + "/dry-run", agent, new JsonObject().put("ticket_id", ticket));
    assertEquals(200, dry.statusCode(), dry.bodyAsString());
    JsonObject changes = dry.bodyAsJsonObject().getJsonObject("changes");
    assertEquals(new JsonObject().put("from", "new").put("to", "closed successful"), changes.getJsonObject("state"));
    assertEquals(new JsonArray().add("done"), changes.getJsonObject("tags").getJsonArray("to"));
    assertEquals("would_send", dry.bodyAsJsonObject().getJsonArray("actions").getJsonObject(2).getString("status"));
    assertEquals("new", ticket(ticket).getString("state"), "the dry run changed nothing");
    assertEquals(0, runs(id).size());

    var run = api.post("/workflows/" + id + "/run", agent, new JsonObject().put("ticket_id", ticket));
    assertEquals(200, run.statusCode(), run.bodyAsString());
    assertEquals("closed successful", ticket(ticket).getString("state"));
    assertEquals("partial", run.bodyAsJsonObject().getString("status"), "the webhook to nowhere failed");
    assertEquals("manual", runs(id).get(0).getString("trigger"));

    long elsewhere = fixtures.ticket(agent, fixtures.queue("WF manual other", group), "other", "x").getLong("id");
    var skipped = api.post("/workflows/" + id + "/run", agent, new JsonObject().put("ticket_id", elsewhere));
    assertEquals("skipped", skipped.bodyAsJsonObject().getString("status"));
    assertEquals(404, api.post("/workflows/" + id + "/run", agent, new JsonObject().put("ticket_id", 999_999))
        .statusCode());
    assertEquals(422, api.post("/workflows/" + id + "/run", agent, new JsonObject()).statusCode());
  }

  @Test
  @DisplayName("a run by hand changes the ticket only as far as the agent's own keys reach: a move they may not make fails")
  void manualRunNeedsTheAgentsKeys() {
    int queue = fixtures.queue("WF desk", group);
    int vault = fixtures.queue("WF vault", fixtures.group("wf-vault"));
    String id = workflow("move to the vault", "manual", new JsonObject(), inQueue(queue),
        action("set_queue", "WF vault"), action("add_tag", "vaulted"));
    long ticket = fixtures.ticket(agent, queue, "valuables", "x").getLong("id");

    var dry = api.post("/workflows/" + id + "/dry-run", agent, new JsonObject().put("ticket_id", ticket));
    assertEquals(200, dry.statusCode(), dry.bodyAsString());
    assertEquals("failed", dry.bodyAsJsonObject().getJsonArray("actions").getJsonObject(0).getString("status"));
    assertNull(dry.bodyAsJsonObject().getJsonObject("changes").getJsonObject("queue_id"));

    var run = api.post("/workflows/" + id + "/run", agent, new JsonObject().put("ticket_id", ticket));
    assertEquals(200, run.statusCode(), run.bodyAsString());
    assertEquals("partial", run.bodyAsJsonObject().getString("status"));
    JsonObject move = run.bodyAsJsonObject().getJsonArray("actions_taken").getJsonObject(0);
    assertEquals("failed", move.getString("status"));
    assertTrue(move.getString("error").contains("move_into"), move.encode());
    assertEquals(queue, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE id = ?", ticket)).intValue());
    assertEquals(0L, server.scalar("SELECT count(*) FROM ticket WHERE queue_id = ?", vault));
    assertTrue(ticket(ticket).getJsonArray("tags").contains("vaulted"), "the action the agent may take is taken");
  }

  @Test
  @DisplayName("an administrator dry-runs a workflow not saved yet: what it would change, nothing stored, names checked like a save")
  void dryRunOfADraft() {
    int queue = fixtures.queue("WF draft", group);
    fixtures.grant((java.util.UUID) server.scalar("SELECT id FROM users WHERE login = ?", TestServer.ADMIN_LOGIN), group, "ro");
    long ticket = fixtures.ticket(agent, queue, "draft me", "x").getLong("id");
    JsonObject draft = new JsonObject().put("name", "draft").put("trigger_type", "event")
        .put("trigger_config", on("ticket.created")).put("conditions", inQueue(queue))
        .put("actions", new JsonArray().add(action("set_priority", "5 very high")).add(action("add_tag", "tried")));
    long before = (Long) server.scalar("SELECT count(*) FROM workflows");

    var dry = api.post("/workflows/dry-run", admin, draft.copy().put("ticket_id", ticket));
    assertEquals(200, dry.statusCode(), dry.bodyAsString());
    assertTrue(dry.bodyAsJsonObject().getBoolean("matched"));
    assertEquals(new JsonObject().put("from", "3 normal").put("to", "5 very high"),
        dry.bodyAsJsonObject().getJsonObject("changes").getJsonObject("priority"));
    assertEquals("3 normal", ticket(ticket).getString("priority"), "the dry run changed nothing");
    assertEquals(before, server.scalar("SELECT count(*) FROM workflows"), "the draft was not saved");

    long elsewhere = fixtures.ticket(agent, fixtures.queue("WF draft other", group), "other", "x").getLong("id");
    var skipped = api.post("/workflows/dry-run", admin, draft.copy().put("ticket_id", elsewhere));
    assertEquals(200, skipped.statusCode(), skipped.bodyAsString());
    assertEquals(false, skipped.bodyAsJsonObject().getBoolean("matched"));
    assertEquals(new JsonObject(), skipped.bodyAsJsonObject().getJsonObject("changes"));

    var badName = api.post("/workflows/dry-run", admin, draft.copy().put("ticket_id", ticket)
        .put("actions", new JsonArray().add(action("set_state", "no such state"))));
    assertEquals(422, badName.statusCode(), badName.bodyAsString());
    assertTrue(badName.bodyAsString().contains("actions[0].value"), badName.bodyAsString());
    assertEquals(422, api.post("/workflows/dry-run", admin, draft.copy()).statusCode(), "a ticket is needed");
    assertEquals(404, api.post("/workflows/dry-run", admin, draft.copy().put("ticket_id", 999_999)).statusCode());
    assertEquals(403, api.post("/workflows/dry-run", agent, draft.copy().put("ticket_id", ticket)).statusCode(),
        "agents dry-run saved workflows only");
  }

  @Test
  @DisplayName("a time workflow runs on the open tickets it matches when its schedule comes due")
  void timeWorkflow() {
    int queue = fixtures.queue("WF nightly", group);
    long old = fixtures.ticket(agent, queue, "stale one", "x").getLong("id");
    long fresh = fixtures.ticket(agent, queue, "fresh one", "x").getLong("id");
    String id = workflow("nightly", "time", new JsonObject().put("schedule", "0 3 * * *").put("timezone", "Europe/Berlin"),
        inQueue(queue, condition("title", "contains", "stale")), action("add_tag", "stale"));
    String nextRun = api.get("/workflows/" + id, admin).bodyAsJsonObject().getString("next_run");
    assertTrue(nextRun != null && nextRun.endsWith(":00:00Z"), nextRun);
    server.sql("UPDATE workflows SET next_run = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE id = ?::uuid", id);
    Await.until(WAIT, () -> ticket(old).getJsonArray("tags").contains("stale"),
        () -> "timed out waiting for the time workflow to run");
    assertEquals(List.of(), ticket(fresh).getJsonArray("tags").getList());
    assertEquals("time", runs(id).get(0).getString("trigger"));
    assertTrue(api.get("/workflows/" + id, admin).bodyAsJsonObject().getString("next_run")
        .compareTo(java.time.Instant.now().toString()) > 0, "the schedule moved on");
  }
}
