package org.gotrs.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class PostmasterFilterTestRouteTest {

  private static final String MAIL = """
      From: Billing Bot <bot@invoices.example.com>
      To: support@example.com
      Subject: URGENT invoice overdue
      Message-ID: <pasted-1@example.com>

      Please pay.
      """;

  @Test
  @DisplayName("an administrator pastes a mail and learns which filters apply and what they decide, and nothing is stored")
  void pastedMail(TestServer server, Api api, @Admin String admin) {
    long filtersBefore = (Long) server.scalar("SELECT count(*) FROM postmaster_filter");
    var created = api.post("/postmaster-filters", admin, new JsonObject().put("name", "urgent invoices")
        .put("matches", new JsonArray().add(new JsonObject().put("header", "Subject").put("pattern", "urgent")))
        .put("actions", new JsonObject().put("tags", new JsonArray().add("urgent"))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    api.post("/postmaster-filters", admin, new JsonObject().put("name", "from the shop")
        .put("matches", new JsonArray().add(new JsonObject().put("header", "From").put("pattern", "@shop\\.example")))
        .put("actions", new JsonObject().put("drop", true)));
    long tickets = (Long) server.scalar("SELECT count(*) FROM ticket");

    var tested = api.post("/postmaster-filters/test", admin, new JsonObject().put("mail", MAIL));
    assertEquals(200, tested.statusCode(), tested.bodyAsString());
    JsonObject answer = tested.bodyAsJsonObject();
    assertEquals("URGENT invoice overdue", answer.getString("subject"));
    assertEquals(new JsonArray().add("urgent invoices"), answer.getJsonArray("applied"));
    assertEquals(new JsonArray().add("urgent"), answer.getJsonArray("tags"));
    assertEquals(false, answer.getBoolean("drop"));
    assertEquals(tickets, server.scalar("SELECT count(*) FROM ticket"), "no ticket is made");
    assertEquals(filtersBefore + 2, server.scalar("SELECT count(*) FROM postmaster_filter"));

    assertEquals(422, api.post("/postmaster-filters/test", admin, new JsonObject()).statusCode());
    assertEquals(401, api.post("/postmaster-filters/test", null, new JsonObject().put("mail", MAIL)).statusCode());
  }
}
