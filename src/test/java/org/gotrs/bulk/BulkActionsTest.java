package org.gotrs.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /tickets/bulk}: each ticket is changed on its own, with its own permission check, history and events;
 * the answer says what happened to each.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkActionsTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private int support;
  private int billing;
  private int hidden;
  private UUID annaId;
  private String anna;
  private String rita;
  private String maria;

  BulkActionsTest(TestServer server, Api api, Fixtures fixtures) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int supportGroup = fixtures.group("support");
    int billingGroup = fixtures.group("billing");
    int hiddenGroup = fixtures.group("hidden");
    support = fixtures.queue("Support", supportGroup);
    billing = fixtures.queue("Billing", billingGroup);
    hidden = fixtures.queue("Hidden", hiddenGroup);
    annaId = fixtures.agent("anna", "pw-anna", supportGroup, "rw");
    fixtures.grant(annaId, billingGroup, "ro");
    fixtures.agent("ben", "pw-ben", supportGroup, "ro");
    UUID ritaId = fixtures.agent("rita", "pw-rita", billingGroup, "rw");
    fixtures.grant(ritaId, supportGroup, "rw");
    fixtures.grant(ritaId, hiddenGroup, "rw");
    fixtures.company("acme");
    fixtures.customer("maria", "pw-maria", "acme");
    anna = server.login("anna", "pw-anna");
    rita = server.login("rita", "pw-rita");
    maria = fixtures.customerLogin("maria", "pw-maria");
  }

  private long ticket(int queue, String title) {
    return fixtures.ticket(rita, queue, title, "please help").getLong("id");
  }

  private JsonObject bulk(String token, List<Long> ids, JsonObject body) {
    var answer = api.post("/tickets/bulk", token, body.copy().put("ticket_ids", new JsonArray(new ArrayList<>(ids))));
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject();
  }

  private static List<Integer> statuses(JsonObject answer) {
    return answer.getJsonArray("results").stream().map(r -> ((JsonObject) r).getInteger("status")).toList();
  }

  private String state(long id) {
    return (String) server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.id = ?", id);
  }

  @Test
  @DisplayName("a bulk close over permitted and forbidden tickets closes only the permitted ones, each answered")
  void onlyPermittedTicketsChange() {
    long mine1 = ticket(support, "Mine one");
    long mine2 = ticket(support, "Mine two");
    long readOnly = ticket(billing, "Billing, read only for anna");
    long unseen = ticket(hidden, "Hidden from anna");
    var answer = bulk(anna, List.of(mine1, readOnly, mine2, unseen, 999_999L),
        new JsonObject().put("changes", new JsonObject().put("state", "closed successful")));
    assertEquals(List.of(200, 403, 200, 404, 404), statuses(answer));
    JsonObject refused = answer.getJsonArray("results").getJsonObject(1);
    assertEquals(readOnly, refused.getLong("ticket_id"));
    assertTrue(refused.getString("detail").contains("rw"), refused.encode());
    assertEquals("closed successful", state(mine1));
    assertEquals("closed successful", state(mine2));
    assertEquals("new", state(readOnly));
    assertEquals("new", state(unseen));
    for (long id : List.of(mine1, mine2)) {
      assertEquals(1L, server.scalar("SELECT count(*) FROM ticket_history h JOIN ticket_history_type y "
          + "ON y.id = h.history_type_id WHERE h.ticket_id = ? AND y.name = 'StateUpdate'", id));
      assertEquals(1L, server.scalar("SELECT count(*) FROM event_log WHERE name = 'ticket.updated' "
          + "AND (data -> 'ticket' ->> 'id')::bigint = ?", id));
    }
    assertEquals(0L, server.scalar("SELECT count(*) FROM ticket_history h JOIN ticket_history_type y "
        + "ON y.id = h.history_type_id WHERE h.ticket_id = ? AND y.name = 'StateUpdate'", readOnly));
  }

  @Test
  @DisplayName("a note and several fields at once: each ticket gets the note, its new priority, queue and owner")
  void noteAndFields() {
    long first = ticket(support, "Note one");
    long second = ticket(support, "Note two");
    var answer = bulk(rita, List.of(first, second), new JsonObject()
        .put("changes", new JsonObject().put("priority_id", 4).put("queue_id", billing).put("tags", new JsonArray()
            .add("batch")))
        .put("article", new JsonObject().put("subject", "Batch").put("body", "handled together")));
    assertEquals(List.of(200, 200), statuses(answer));
    for (long id : List.of(first, second)) {
      assertEquals(billing, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE id = ?", id)).intValue());
      assertEquals(4, ((Number) server.scalar("SELECT ticket_priority_id FROM ticket WHERE id = ?", id)).intValue());
      assertEquals(1L, server.scalar("SELECT count(*) FROM article WHERE ticket_id = ? AND subject = 'Batch'", id));
    }
  }

  @Test
  @DisplayName("an owner without rights on a ticket's queue is refused on that ticket (422) and set on the others")
  void ownerCheckedPerTicket() {
    long supportTicket = ticket(support, "Owner support");
    long billingTicket = ticket(billing, "Owner billing");
    var answer = bulk(rita, List.of(supportTicket, billingTicket),
        new JsonObject().put("changes", new JsonObject().put("user_id", annaId.toString())));
    assertEquals(List.of(200, 422), statuses(answer));
    assertEquals(annaId, server.scalar("SELECT user_id FROM ticket WHERE id = ?", supportTicket));
    assertEquals(null, server.scalar("SELECT user_id FROM ticket WHERE id = ?", billingTicket));
  }

  @Test
  @DisplayName("a ro agent's bulk changes nothing: every ticket answers 403")
  void roAgentChangesNothing() {
    String ben = server.login("ben", "pw-ben");
    long id = ticket(support, "Ro bulk");
    var answer = bulk(ben, List.of(id), new JsonObject().put("changes", new JsonObject().put("priority_id", 5)));
    assertEquals(List.of(403), statuses(answer));
    assertEquals(3, ((Number) server.scalar("SELECT ticket_priority_id FROM ticket WHERE id = ?", id)).intValue());
  }

  @Test
  @DisplayName("bad requests are 4xx problems: no tickets, too many, wrong ids, nothing to do, a bad field, customers")
  void badRequests() {
    var change = new JsonObject().put("state", "open");
    assertEquals(422, api.post("/tickets/bulk", anna, new JsonObject().put("changes", change)).statusCode());
    assertEquals(422, api.post("/tickets/bulk", anna, new JsonObject().put("ticket_ids", new JsonArray())
        .put("changes", change)).statusCode());
    var tooMany = new JsonArray(new ArrayList<>(LongStream.rangeClosed(1, 501).boxed().toList()));
    assertEquals(422, api.post("/tickets/bulk", anna, new JsonObject().put("ticket_ids", tooMany)
        .put("changes", change)).statusCode());
    assertEquals(422, api.post("/tickets/bulk", anna, new JsonObject().put("ticket_ids", new JsonArray().add("x"))
        .put("changes", change)).statusCode());
    assertEquals(422, api.post("/tickets/bulk", anna, new JsonObject().put("ticket_ids", new JsonArray().add(1)))
        .statusCode());
    var badField = api.post("/tickets/bulk", anna, new JsonObject().put("ticket_ids", new JsonArray().add(1))
        .put("changes", new JsonObject().put("ticket_lock_id", 7)));
    assertEquals(422, badField.statusCode());
    assertEquals("changes.ticket_lock_id",
        badField.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(403, api.post("/tickets/bulk", maria, new JsonObject().put("ticket_ids", new JsonArray().add(1))
        .put("changes", change)).statusCode());
  }

  @Test
  @DisplayName("merge_into merges each ticket into the one named")
  void mergeInto() {
    long target = ticket(support, "Merge target");
    long a = ticket(support, "Merge a");
    long b = ticket(support, "Merge b");
    var answer = bulk(rita, List.of(a, b), new JsonObject().put("merge_into", target));
    assertEquals(List.of(200, 200), statuses(answer));
    assertEquals("merged", state(a));
    assertEquals("merged", state(b));
  }
}
