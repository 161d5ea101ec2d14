package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code q} finds a ticket by its number (whole or the last digits) and a customer user's tickets by who they are. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchByNumberAndCustomerTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private String anna;
  private String olga;
  private JsonObject marias;
  private JsonObject others;

  SearchByNumberAndCustomerTest(TestServer server, Api api, Fixtures fixtures) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("support");
    int queue = fixtures.queue("Support", group);
    int otherGroup = fixtures.group("other");
    fixtures.agent("anna", "pw-anna", group, "rw");
    fixtures.agent("olga", "pw-olga", otherGroup, "rw");
    anna = server.login("anna", "pw-anna");
    olga = server.login("olga", "pw-olga");
    fixtures.company("acme");
    fixtures.customer("maria.jones", "pw-maria", "acme");
    server.sql("UPDATE customer_user SET first_name = 'Maria', last_name = 'Jones' WHERE login = 'maria.jones'");
    marias = create(queue, "Printer jams", "maria.jones");
    others = create(queue, "Mouse broken", null);
  }

  private JsonObject create(int queue, String title, String customer) {
    var body = new JsonObject().put("title", title).put("queue_id", queue)
        .put("article", new JsonObject().put("body", "it does not work"));
    if (customer != null) {
      body.put("customer_user", customer);
    }
    var created = api.post("/tickets", anna, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private List<Long> search(String token, String q, String sort) {
    var answer = api.get("/tickets?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + (sort == null ? "" : "&sort=" + sort), token);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getLong("id")).toList();
  }

  @Test
  @DisplayName("the whole ticket number finds the ticket, in relevance and in date order")
  void wholeNumber() {
    String tn = marias.getString("tn");
    assertEquals(List.of(marias.getLong("id")), search(anna, tn, null));
    assertEquals(List.of(marias.getLong("id")), search(anna, tn, "-created"));
  }

  @Test
  @DisplayName("the last digits of a ticket number find it")
  void lastDigits() {
    String tn = others.getString("tn");
    assertTrue(search(anna, tn.substring(tn.length() - 5), null).contains(others.getLong("id")));
  }

  @Test
  @DisplayName("a customer user's login, e-mail or name finds their tickets, and only theirs")
  void customerUser() {
    for (String q : List.of("maria.jones", "MARIA.JONES@customer.example", "Maria Jones")) {
      List<Long> found = search(anna, q, null);
      assertTrue(found.contains(marias.getLong("id")), q + " → " + found);
      assertFalse(found.contains(others.getLong("id")), q + " → " + found);
    }
  }

  @Test
  @DisplayName("an agent who may not read the queue finds nothing by number or customer")
  void permissionsStillApply() {
    assertEquals(List.of(), search(olga, marias.getString("tn"), null));
    assertEquals(List.of(), search(olga, "maria.jones", null));
  }

  @Test
  @DisplayName("words still find tickets by their text")
  void wordsStillWork() {
    assertTrue(search(anna, "printer", null).contains(marias.getLong("id")));
  }
}
