package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicesTest {

  private TestServer server;
  private Fixtures fixtures;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.start();
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    return server.send(method, "/api/v1" + path, token, body);
  }

  private int create(String path, JsonObject body) {
    var response = send(HttpMethod.POST, path, admin, body);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getInteger("id");
  }

  @Test
  @DisplayName("a service is linked to SLAs and lists their ids; linking twice changes nothing")
  void linkSlas() {
    int service = create("/services", new JsonObject().put("name", "E-Mail").put("criticality", "high"));
    int gold = create("/slas", new JsonObject().put("name", "Gold").put("solution_time", 240));
    int silver = create("/slas", new JsonObject().put("name", "Silver"));
    assertEquals(200, send(HttpMethod.POST, "/services/" + service + "/slas/" + silver, admin, null).statusCode());
    var linked = send(HttpMethod.POST, "/services/" + service + "/slas/" + gold, admin, null);
    assertEquals(200, linked.statusCode(), linked.bodyAsString());
    assertEquals(new JsonArray().add(gold).add(silver), linked.bodyAsJsonObject().getJsonArray("sla_ids"));
    assertEquals(200, send(HttpMethod.POST, "/services/" + service + "/slas/" + gold, admin, null).statusCode());
    assertEquals(2L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ?", service));
    assertEquals(2L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'service.sla_link'"));
    assertEquals(new JsonArray().add(service),
        send(HttpMethod.GET, "/slas/" + gold, admin, null).bodyAsJsonObject().getJsonArray("service_ids"));

    assertEquals(204, send(HttpMethod.DELETE, "/services/" + service + "/slas/" + silver, admin, null).statusCode());
    assertEquals(new JsonArray().add(gold),
        send(HttpMethod.GET, "/services/" + service, admin, null).bodyAsJsonObject().getJsonArray("sla_ids"));
    assertEquals(404, send(HttpMethod.POST, "/services/" + service + "/slas/9999", admin, null).statusCode());
    assertEquals(404, send(HttpMethod.POST, "/services/9999/slas/" + gold, admin, null).statusCode());
    assertEquals(1L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ?", service));
  }

  @Test
  @DisplayName("services form a tree without loops")
  void tree() {
    int it = create("/services", new JsonObject().put("name", "IT"));
    int network = create("/services", new JsonObject().put("name", "IT::Network").put("parent_id", it));
    int wifi = create("/services", new JsonObject().put("name", "IT::Network::WiFi").put("parent_id", network));
    var loop = send(HttpMethod.PATCH, "/services/" + it, admin, new JsonObject().put("parent_id", wifi));
    assertEquals(422, loop.statusCode());
    assertEquals("parent_id", loop.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(422, send(HttpMethod.POST, "/services", admin, new JsonObject().put("name", "Orphan").put("parent_id", 999))
        .statusCode());
    assertEquals(409, send(HttpMethod.POST, "/services", admin, new JsonObject().put("name", "IT")).statusCode());
    assertEquals(3L, server.scalar("SELECT count(*) FROM service WHERE name LIKE 'IT%'"));
    assertEquals(204, send(HttpMethod.DELETE, "/services/" + wifi, admin, null).statusCode());
    assertEquals(2, send(HttpMethod.GET, "/services/" + wifi, admin, null).bodyAsJsonObject().getInteger("valid_id"));
  }

  @Test
  @DisplayName("agents read the catalogue but only administrators change it; customers get 403")
  void permissions() {
    int service = create("/services", new JsonObject().put("name", "Printing"));
    int sla = create("/slas", new JsonObject().put("name", "Bronze"));
    fixtures.agent("catalogue-reader", "agent-pass", 1, "rw");
    String agent = server.login("catalogue-reader", "agent-pass");
    assertTrue(send(HttpMethod.GET, "/services", agent, null).bodyAsJsonObject().getJsonArray("items").size() >= 1);
    assertEquals(403, send(HttpMethod.POST, "/services", agent, new JsonObject().put("name", "Mine")).statusCode());
    assertEquals(403, send(HttpMethod.POST, "/services/" + service + "/slas/" + sla, agent, null).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM service_sla WHERE service_id = ?", service));
    fixtures.company("acme-svc");
    fixtures.customer("svc-customer", "cust-pass", "acme-svc");
    String customer = fixtures.customerLogin("svc-customer", "cust-pass");
    assertEquals(403, send(HttpMethod.GET, "/services", customer, null).statusCode());
    assertEquals(403, send(HttpMethod.GET, "/slas", customer, null).statusCode());
  }
}
