package org.gotrs.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class SlasTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;

  SlasTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  private static JsonObject office(String zone, String from, String to) {
    return new JsonObject().put("timezone", zone).put("week", new JsonObject()
        .put("mon", new JsonArray().add(new JsonArray().add(from).add(to)))
        .put("fri", new JsonArray().add(new JsonArray().add("08:00").add("12:00"))));
  }

  private List<String> fields(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private long slas() {
    return (Long) server.scalar("SELECT count(*) FROM sla");
  }

  @Test
  @DisplayName("an administrator creates an SLA with times in minutes, business hours and holidays, and changes it")
  void crud() {
    var created = api.post("/slas", admin, new JsonObject().put("name", "Premium")
        .put("first_response_time", 60).put("first_response_notify", 80).put("update_time", 120)
        .put("solution_time", 480).put("solution_notify", 90).put("calendar_name", "Berlin office")
        .put("business_hours", office("Europe/Berlin", "08:00", "17:00"))
        .put("holidays", new JsonArray().add("12-25").add("2026-04-03")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject sla = created.bodyAsJsonObject();
    int id = sla.getInteger("id");
    assertEquals(60, sla.getInteger("first_response_time"));
    assertEquals(3, sla.getInteger("escalation_levels"));
    assertEquals("Europe/Berlin", sla.getJsonObject("business_hours").getString("timezone"));
    assertEquals(new JsonArray().add("12-25").add("2026-04-03"), sla.getJsonArray("holidays"));
    assertEquals("Europe/Berlin", server.scalar("SELECT business_hours->>'timezone' FROM sla WHERE id = ?", id));

    var aroundTheClock = api.patch("/slas/" + id, admin,
        new JsonObject().put("business_hours", new JsonObject()).put("solution_time", 240));
    assertEquals(200, aroundTheClock.statusCode(), aroundTheClock.bodyAsString());
    assertEquals(new JsonObject(), aroundTheClock.bodyAsJsonObject().getJsonObject("business_hours"));
    assertEquals(240, aroundTheClock.bodyAsJsonObject().getInteger("solution_time"));
    assertEquals(60, aroundTheClock.bodyAsJsonObject().getInteger("first_response_time"));
    assertEquals(2, aroundTheClock.bodyAsJsonObject().getJsonArray("holidays").size());

    assertEquals(204, api.delete("/slas/" + id, admin).statusCode());
    assertEquals(2, api.get("/slas/" + id, admin).bodyAsJsonObject().getInteger("valid_id"));
    assertEquals(List.of("sla.create", "sla.update", "sla.delete"), server.sql(
            "SELECT action FROM audit_log WHERE object_type = 'sla' AND object_id = ? ORDER BY \"timestamp\"", String.valueOf(id))
        .stream().map(row -> row.get("action")).toList());
  }

  @Test
  @DisplayName("a bad zone, 25:00, an end before its start and 02-30 are refused by field, and nothing is written")
  void badBusinessHours() {
    long before = slas();
    var response = api.post("/slas", admin, new JsonObject().put("name", "Broken")
        .put("business_hours", office("Europe/Atlantis", "08:00", "25:00"))
        .put("holidays", new JsonArray().add("02-30")));
    assertEquals(422, response.statusCode());
    assertEquals(List.of("business_hours.timezone", "business_hours.week.mon[0]", "holidays[0]"), fields(response));
    var backwards = api.post("/slas", admin, new JsonObject().put("name", "Backwards")
        .put("business_hours", office("UTC", "17:00", "08:00")));
    assertEquals(List.of("business_hours.week.mon[0]"), fields(backwards));
    var notAList = api.post("/slas", admin, new JsonObject().put("name", "Odd").put("holidays", "12-25")
        .put("business_hours", "9 to 5"));
    assertEquals(List.of("business_hours", "holidays"), fields(notAList).stream().sorted().toList());
    assertEquals(before, slas());
  }

  @Test
  @DisplayName("a day holds several spans, overlapping ones are refused; holidays may carry a name and keep it")
  void splitDaysAndNamedHolidays() {
    JsonObject split = new JsonObject().put("timezone", "Europe/Berlin").put("week", new JsonObject()
        .put("mon", new JsonArray().add(new JsonArray().add("13:00").add("17:00")).add(new JsonArray().add("08:00").add("12:00"))));
    JsonArray holidays = new JsonArray().add(new JsonObject().put("date", "12-24").put("name", "Christmas Eve")).add("2026-04-03");
    var created = api.post("/slas", admin, new JsonObject().put("name", "Split day")
        .put("business_hours", split).put("holidays", holidays));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject read = api.get("/slas/" + created.bodyAsJsonObject().getInteger("id"), admin).bodyAsJsonObject();
    assertEquals(split, read.getJsonObject("business_hours"));
    assertEquals(holidays, read.getJsonArray("holidays"));
    long before = slas();
    JsonObject overlapping = new JsonObject().put("timezone", "UTC").put("week", new JsonObject()
        .put("mon", new JsonArray().add(new JsonArray().add("08:00").add("12:00")).add(new JsonArray().add("11:00").add("14:00"))));
    var refused = api.post("/slas", admin, new JsonObject().put("name", "Overlap").put("business_hours", overlapping)
        .put("holidays", new JsonArray().add(new JsonObject().put("date", "13-01").put("name", "Nope"))));
    assertEquals(422, refused.statusCode());
    assertEquals(List.of("business_hours.week.mon", "holidays[0].date"), fields(refused));
    assertEquals(before, slas());
  }

  @Test
  @DisplayName("times are minutes of 0 or more, notify a percentage; a name is unique")
  void badNumbers() {
    long before = slas();
    var response = api.post("/slas", admin, new JsonObject().put("name", "Numbers")
        .put("first_response_time", -5).put("update_notify", 101).put("solution_notify", -1).put("escalation_levels", 0));
    assertEquals(422, response.statusCode());
    assertEquals(List.of("first_response_time", "update_notify", "solution_notify", "escalation_levels"), fields(response));
    assertEquals(201, api.post("/slas", admin, new JsonObject().put("name", "Standard")).statusCode());
    assertEquals(409, api.post("/slas", admin, new JsonObject().put("name", "Standard")).statusCode());
    assertEquals(before + 1, slas());
    int id = ((Number) server.scalar("SELECT id FROM sla WHERE name = 'Standard'")).intValue();
    var patch = api.patch("/slas/" + id, admin,
        new JsonObject().put("holidays", new JsonArray().add("2025-02-29")));
    assertEquals(422, patch.statusCode());
    assertEquals("[]", String.valueOf(server.scalar("SELECT holidays::text FROM sla WHERE id = ?", id)));
    assertEquals(404, api.patch("/slas/98765", admin, new JsonObject().put("name", "x")).statusCode());
  }

  @Test
  @DisplayName("agents read SLAs; only administrators change them")
  void adminOnlyWrites() {
    fixtures.agent("sla-reader", "agent-pass", 1, "rw");
    String agent = server.login("sla-reader", "agent-pass");
    long before = slas();
    assertEquals(200, api.get("/slas", agent).statusCode());
    assertEquals(403, api.post("/slas", agent, new JsonObject().put("name", "Agent SLA")).statusCode());
    assertEquals(before, slas());
    assertTrue(api.get("/slas?valid_id=1", admin).bodyAsJsonObject().containsKey("items"));
  }
}
