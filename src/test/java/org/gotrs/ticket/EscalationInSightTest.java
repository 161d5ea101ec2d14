package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A deadline at risk shows before it breaches; a searchable custom field's value finds its tickets. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class EscalationInSightTest {

  private static List<Long> ids(Api api, String token, String query) {
    var response = api.get("/tickets?" + query, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(item -> item.getLong("id")).toList();
  }

  @Test
  @DisplayName("a ticket whose next deadline reached its SLA's notify percentage is at risk until it breaches")
  void atRisk(TestServer server, Fixtures fixtures, Api api, @Admin String admin) {
    int group = fixtures.group("risk");
    int queue = fixtures.queue("Risk desk", group);
    fixtures.agent("risk-agent", "pw", group, "rw");
    String token = server.login("risk-agent", "pw");
    var sla = api.post("/slas", admin, new JsonObject().put("name", "Risky hour").put("first_response_time", 60)
        .put("first_response_notify", 80));
    assertEquals(201, sla.statusCode(), sla.bodyAsString());
    int slaId = sla.bodyAsJsonObject().getInteger("id");
    long risky = create(api, token, queue, slaId, "Nearly late");
    long calm = create(api, token, queue, slaId, "Plenty of time");
    long none = create(api, token, queue, null, "No SLA");

    JsonObject fresh = api.get("/tickets/" + calm, token).bodyAsJsonObject();
    long deadline = fresh.getLong("escalation_time");
    long warning = fresh.getLong("escalation_warning_time");
    assertTrue(deadline > Instant.now().getEpochSecond(), fresh.encode());
    assertEquals(deadline - 12 * 60, warning, 5, "the warning comes at 80% of the hour: " + fresh.encode());
    assertEquals(0L, api.get("/tickets/" + none, token).bodyAsJsonObject().getLong("escalation_warning_time"));

    // 50 minutes of the hour have passed for one ticket: its warning is due, its deadline still ahead
    server.sql("UPDATE escalation_alert SET due_at = due_at - 50 * 60 WHERE ticket_id = ? AND level = 'warning'", risky);
    assertEquals(List.of(risky), ids(api, token, "queue_id=" + queue + "&at_risk=true"));
    assertEquals(List.of(none, calm), ids(api, token, "queue_id=" + queue + "&at_risk=false"));
    assertEquals(422, api.get("/tickets?at_risk=soon", token).statusCode());

    var view = api.post("/views", token, new JsonObject().put("name", "At risk here")
        .put("filters", new JsonObject().put("queue_id", queue).put("at_risk", "true")));
    assertEquals(201, view.statusCode(), view.bodyAsString());
    JsonArray counts = api.get("/views/counts", token).bodyAsJsonObject().getJsonArray("items");
    long viewId = view.bodyAsJsonObject().getLong("id");
    assertTrue(counts.stream().map(JsonObject.class::cast)
        .anyMatch(count -> count.getLong("view_id") == viewId && count.getLong("count") == 1), counts.encode());
  }

  private static long create(Api api, String token, int queue, Integer slaId, String title) {
    JsonObject body = new JsonObject().put("title", title).put("queue_id", queue)
        .put("article", new JsonObject().put("subject", title).put("body", "x").put("article_type", "phone")
            .put("article_sender_type_id", 3));
    if (slaId != null) {
      body.put("sla_id", slaId);
    }
    var created = api.post("/tickets", token, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
  }

  @Test
  @DisplayName("q that is a searchable custom field's whole value finds its tickets; a field not searchable does not")
  void searchableCustomFields(TestServer server, Fixtures fixtures, Api api, @Admin String admin) {
    int group = fixtures.group("fields-search");
    int queue = fixtures.queue("Fields search", group);
    int hiddenGroup = fixtures.group("fields-hidden");
    int hiddenQueue = fixtures.queue("Fields hidden", hiddenGroup);
    fixtures.agent("field-searcher", "pw", group, "rw");
    var lead = fixtures.agent("field-lead", "pw", group, "rw");
    fixtures.grant(lead, hiddenGroup, "rw");
    String token = server.login("field-searcher", "pw");
    String leadToken = server.login("field-lead", "pw");
    for (var field : List.of(new JsonObject().put("field_name", "contract_no").put("searchable", true),
        new JsonObject().put("field_name", "internal_code").put("searchable", false))) {
      var created = api.post("/custom-fields", admin, field.put("object_type", "ticket").put("field_type", "text"));
      assertEquals(201, created.statusCode(), created.bodyAsString());
    }
    long contract = fixtures.ticket(token, queue, "Renewal", "x").getLong("id");
    long coded = fixtures.ticket(token, queue, "Coded", "x").getLong("id");
    long elsewhere = fixtures.ticket(leadToken, hiddenQueue, "Same contract, other desk", "x").getLong("id");
    assertEquals(200, api.patch("/tickets/" + contract, token, new JsonObject().put("custom_fields",
        new JsonObject().put("contract_no", "CT-2026-0042"))).statusCode());
    assertEquals(200, api.patch("/tickets/" + elsewhere, leadToken, new JsonObject().put("custom_fields",
        new JsonObject().put("contract_no", "CT-2026-0042"))).statusCode());
    assertEquals(200, api.patch("/tickets/" + coded, token, new JsonObject().put("custom_fields",
        new JsonObject().put("internal_code", "ZX-991"))).statusCode());

    assertEquals(List.of(contract), ids(api, token, "q=ct-2026-0042"), "case does not matter; only readable tickets");
    assertEquals(List.of(elsewhere, contract), ids(api, leadToken, "q=CT-2026-0042"));
    assertEquals(List.of(), ids(api, token, "q=ZX-991"), "a field not searchable is not searched");
  }
}
