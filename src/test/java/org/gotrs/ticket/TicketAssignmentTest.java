package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Assigning tickets: a team lead with {@code owner} on a queue lists the agents who may own its tickets and assigns
 * one; an agent without {@code owner} or {@code rw} there can be neither owner nor responsible.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketAssignmentTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private int support;
  private int escalations;
  private UUID annaId;
  private UUID benId;
  private UUID olgaId;
  private String henrik;
  private String anna;
  private String ben;

  TicketAssignmentTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int supportGroup = fixtures.group("support");
    int escalationGroup = fixtures.group("second-level");
    support = fixtures.queue("Support", supportGroup);
    escalations = fixtures.queue("Second level", escalationGroup);
    fixtures.agent("henrik", "pw-henrik", supportGroup, "ro", "owner");
    annaId = fixtures.agent("anna", "pw-anna", supportGroup, "rw");
    fixtures.grant(annaId, escalationGroup, "move_into");
    benId = fixtures.agent("ben", "pw-ben", supportGroup, "ro");
    olgaId = fixtures.agent("olga", "pw-olga", escalationGroup, "rw");
    henrik = server.login("henrik", "pw-henrik");
    anna = server.login("anna", "pw-anna");
    ben = server.login("ben", "pw-ben");
  }

  private long ticket(String title) {
    return fixtures.ticket(anna, support, title, "please help").getLong("id");
  }

  private List<String> logins(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("login")).toList();
  }

  @Test
  @DisplayName("a team lead lists the agents who may own tickets in the queue: owner or rw there, not ro")
  void queueAgentsAreThoseWithOwnerOrRw() {
    var listed = api.get("/queues/" + support + "/agents", henrik);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    List<String> logins = logins(listed.bodyAsJsonObject());
    assertTrue(logins.containsAll(List.of("henrik", "anna")), logins.toString());
    assertFalse(logins.contains("ben"), "ro is not enough to own tickets: " + logins);
    JsonObject first = listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertTrue(first.containsKey("id") && first.containsKey("first_name") && first.containsKey("last_name"));
  }

  @Test
  @DisplayName("who may not assign in a queue cannot list its agents: 403 for ro, 404 for a queue that does not exist")
  void queueAgentsNeedOwnerOnTheQueue() {
    assertEquals(403, api.get("/queues/" + support + "/agents", ben).statusCode());
    assertEquals(403, api.get("/queues/" + escalations + "/agents", henrik).statusCode());
    assertEquals(404, api.get("/queues/999999/agents", henrik).statusCode());
    int malformed = api.get("/queues/abc/agents", henrik).statusCode();
    assertTrue(malformed >= 400 && malformed < 500, "a malformed id is the caller's error: " + malformed);
    assertEquals(200, api.get("/queues/" + escalations + "/agents", admin).statusCode());
  }

  @Test
  @DisplayName("a team lead assigns a ticket to an agent of the queue; the database and the history say so")
  void teamLeadAssignsTicket() {
    long id = ticket("Printer on fire");
    var assigned = api.patch("/tickets/" + id, henrik, new JsonObject().put("user_id", annaId.toString()));
    assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
    assertEquals("anna", assigned.bodyAsJsonObject().getString("owner"));
    assertEquals(annaId, server.scalar("SELECT user_id FROM ticket WHERE id = ?", id));
    assertEquals(1L, server.scalar("SELECT count(*) FROM ticket_history h JOIN ticket_history_type y "
        + "ON y.id = h.history_type_id WHERE h.ticket_id = ? AND y.name = 'OwnerUpdate'", id));
  }

  @Test
  @DisplayName("assigning a ticket to an agent without owner or rw on its queue is a 422 naming user_id; nothing changes")
  void assigningToAgentWithoutRightsIs422() {
    long id = ticket("Screen flickers");
    var refused = api.patch("/tickets/" + id, henrik, new JsonObject().put("user_id", benId.toString()));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.getHeader("Content-Type").startsWith("application/problem+json"));
    assertEquals("user_id", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertNull(server.scalar("SELECT user_id FROM ticket WHERE id = ?", id));
  }

  @Test
  @DisplayName("the responsible agent must at least read the queue: ben (ro) may be, olga (another queue) may not")
  void responsibleNeedsToReadTheQueue() {
    long id = ticket("VPN drops");
    var refused = api.patch("/tickets/" + id, anna, new JsonObject().put("responsible_user_id", olgaId.toString()));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertEquals("responsible_user_id",
        refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    var set = api.patch("/tickets/" + id, anna, new JsonObject().put("responsible_user_id", benId.toString()));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    assertEquals(benId, server.scalar("SELECT responsible_user_id FROM ticket WHERE id = ?", id));
  }

  @Test
  @DisplayName("moving a ticket with a new owner checks the owner against the queue it moves into")
  void ownerIsCheckedAgainstTheTargetQueue() {
    long id = ticket("Needs second level");
    var refused = api.patch("/tickets/" + id, anna, new JsonObject().put("queue_id", escalations)
        .put("user_id", annaId.toString()));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertEquals((long) support, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE id = ?", id)).longValue());
  }

  @Test
  @DisplayName("the move select's queues: every valid queue the agent may move into, read or not; a bad key is a 422")
  void queuesByPermission() {
    var targets = api.get("/queues?permission=move_into", anna);
    assertEquals(200, targets.statusCode(), targets.bodyAsString());
    List<String> names = targets.bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("name")).toList();
    assertTrue(names.containsAll(List.of("Support", "Second level")), names.toString());
    var readable = api.get("/queues", anna).bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("name")).toList();
    assertFalse(readable.contains("Second level"), "move_into alone does not let anna read the queue");
    assertEquals(422, api.get("/queues?permission=admin", anna).statusCode());
  }
}
