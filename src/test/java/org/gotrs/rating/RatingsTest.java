package org.gotrs.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The customer who opened a ticket rates it once it is closed, once; agents and the company see the rating. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingsTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final Api api;
  private int queue;
  private String agent;
  private String maria;
  private String colleague;
  private String stranger;

  RatingsTest(TestServer server, Fixtures fixtures, Api api) {
    this.server = server;
    this.fixtures = fixtures;
    this.api = api;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("rated");
    queue = fixtures.queue("Rated", group);
    fixtures.offerToCustomers(queue);
    fixtures.agent("rater-agent", "pw", group, "rw");
    fixtures.company("acme");
    fixtures.company("globex");
    fixtures.customer("maria", "pw", "acme");
    fixtures.customer("martin", "pw", "acme");
    fixtures.customer("gina", "pw", "globex");
    agent = server.login("rater-agent", "pw");
    maria = fixtures.customerLogin("maria", "pw");
    colleague = fixtures.customerLogin("martin", "pw");
    stranger = fixtures.customerLogin("gina", "pw");
  }

  private long ticket(String title) {
    return fixtures.ticket(maria, queue, title, "Please help.").getLong("id");
  }

  private void close(long id) {
    assertEquals(200, api.patch("/tickets/" + id, agent, new JsonObject().put("state", "closed successful")).statusCode());
  }

  private long ratings() {
    return ((Number) server.scalar("SELECT count(*) FROM ticket_rating")).longValue();
  }

  @Test
  @DisplayName("maria rates her closed ticket once; agents and her company see it; a second rating is 409")
  void rateOnce() {
    long id = ticket("Slow VPN");
    close(id);
    var rated = api.post("/tickets/" + id + "/rating", maria, new JsonObject().put("score", 4).put("comment", " Quick, thanks "));
    assertEquals(201, rated.statusCode(), rated.bodyAsString());
    assertEquals(4, rated.bodyAsJsonObject().getInteger("score"));
    assertEquals("Quick, thanks", rated.bodyAsJsonObject().getString("comment"));
    assertEquals(4, api.get("/tickets/" + id + "/rating", agent).bodyAsJsonObject().getInteger("score"));
    assertEquals(200, api.get("/tickets/" + id + "/rating", colleague).statusCode());
    assertEquals(409, api.post("/tickets/" + id + "/rating", maria, new JsonObject().put("score", 1)).statusCode());
    assertEquals(4, ((Number) server.scalar("SELECT score FROM ticket_rating WHERE ticket_id = ?", id)).intValue(),
        "the first rating stays");
  }

  @Test
  @DisplayName("nobody else rates: not before it is closed, not a colleague, not an agent, not another company")
  void onlyTheCustomerOfAClosedTicket() {
    long id = ticket("Printer");
    long before = ratings();
    assertEquals(409, api.post("/tickets/" + id + "/rating", maria, new JsonObject().put("score", 5)).statusCode(),
        "an open ticket is not rated yet");
    close(id);
    assertEquals(403, api.post("/tickets/" + id + "/rating", colleague, new JsonObject().put("score", 5)).statusCode());
    assertEquals(403, api.post("/tickets/" + id + "/rating", agent, new JsonObject().put("score", 5)).statusCode());
    assertEquals(404, api.post("/tickets/" + id + "/rating", stranger, new JsonObject().put("score", 5)).statusCode());
    assertEquals(404, api.get("/tickets/" + id + "/rating", stranger).statusCode());
    assertEquals(404, api.get("/tickets/" + id + "/rating", agent).statusCode(), "no rating yet");
    assertEquals(422, api.post("/tickets/" + id + "/rating", maria, new JsonObject().put("score", 6)).statusCode());
    assertEquals(422, api.post("/tickets/" + id + "/rating", maria, new JsonObject().put("comment", "no score"))
        .statusCode());
    assertEquals(before, ratings(), "nothing written");
  }
}
