package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class ServicesTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;

  ServicesTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  private int create(String path, JsonObject body) {
    var response = api.post(path, admin, body);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getInteger("id");
  }

  @Test
  @DisplayName("a service is linked to SLAs and lists their ids; linking twice changes nothing")
  void linkSlas() {
    int service = create("/services", new JsonObject().put("name", "E-Mail").put("criticality", "high"));
    int gold = create("/slas", new JsonObject().put("name", "Gold").put("solution_time", 240));
    int silver = create("/slas", new JsonObject().put("name", "Silver"));
    assertEquals(200, api.post("/services/" + service + "/slas/" + silver, admin, null).statusCode());
    var linked = api.post("/services/" + service + "/slas/" + gold, admin, null);
    assertEquals(200, linked.statusCode(), linked.bodyAsString());
    assertEquals(new JsonArray().add(gold).add(silver), linked.bodyAsJsonObject().getJsonArray("sla_ids"));
    assertEquals(200, api.post("/services/" + service + "/slas/" + gold, admin, null).statusCode());
    assertEquals(2L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ?", service));
    assertEquals(2L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'service.sla_link'"));
    assertEquals(new JsonArray().add(service),
        api.get("/slas/" + gold, admin).bodyAsJsonObject().getJsonArray("service_ids"));

    assertEquals(204, api.delete("/services/" + service + "/slas/" + silver, admin).statusCode());
    assertEquals(new JsonArray().add(gold),
        api.get("/services/" + service, admin).bodyAsJsonObject().getJsonArray("sla_ids"));
    assertEquals(404, api.post("/services/" + service + "/slas/9999", admin, null).statusCode());
    assertEquals(404, api.post("/services/9999/slas/" + gold, admin, null).statusCode());
    assertEquals(1L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ?", service));
  }

  @Test
  @DisplayName("services form a tree without loops")
  void tree() {
    int it = create("/services", new JsonObject().put("name", "IT"));
    int network = create("/services", new JsonObject().put("name", "IT::Network").put("parent_id", it));
    int wifi = create("/services", new JsonObject().put("name", "IT::Network::WiFi").put("parent_id", network));
    var loop = api.patch("/services/" + it, admin, new JsonObject().put("parent_id", wifi));
    assertEquals(422, loop.statusCode());
    assertEquals("parent_id", loop.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(422, api.post("/services", admin, new JsonObject().put("name", "Orphan").put("parent_id", 999))
        .statusCode());
    assertEquals(409, api.post("/services", admin, new JsonObject().put("name", "IT")).statusCode());
    assertEquals(3L, server.scalar("SELECT count(*) FROM service WHERE name LIKE 'IT%'"));
    assertEquals(204, api.delete("/services/" + wifi, admin).statusCode());
    assertEquals(2, api.get("/services/" + wifi, admin).bodyAsJsonObject().getInteger("valid_id"));
  }

  @Test
  @DisplayName("agents read the catalogue but only administrators change it; customers get 403")
  void permissions() {
    int service = create("/services", new JsonObject().put("name", "Printing"));
    int sla = create("/slas", new JsonObject().put("name", "Bronze"));
    fixtures.agent("catalogue-reader", "agent-pass", 1, "rw");
    String agent = server.login("catalogue-reader", "agent-pass");
    assertTrue(api.get("/services", agent).bodyAsJsonObject().getJsonArray("items").size() >= 1);
    assertEquals(403, api.post("/services", agent, new JsonObject().put("name", "Mine")).statusCode());
    assertEquals(403, api.post("/services/" + service + "/slas/" + sla, agent, null).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ?", service));
    fixtures.company("acme-svc");
    fixtures.customer("svc-customer", "cust-pass", "acme-svc");
    String customer = fixtures.customerLogin("svc-customer", "cust-pass");
    assertEquals(403, api.get("/services", customer).statusCode());
    assertEquals(403, api.get("/slas", customer).statusCode());
  }
}
