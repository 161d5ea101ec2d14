package org.gotrs.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatInvitationTest {

  private static final String PATH = "/admin/chat-invitations";

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private String agent;
  private int helpDesk;
  private int quietDesk;

  ChatInvitationTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int helpers = fixtures.group("invite-helpers");
    helpDesk = fixtures.queue("Invite Help", helpers);
    quietDesk = fixtures.queue("Invite Quiet", fixtures.group("invite-nobody"));
    fixtures.agent("invite-agent", "pw", helpers, "rw");
    agent = server.login("invite-agent", "pw");
  }

  private JsonObject rule(String name, int queueId) {
    return new JsonObject().put("name", name).put("url_pattern", "*/pricing*").put("seconds_on_page", 5)
        .put("greeting", "Questions about " + name + "?").put("queue_id", queueId);
  }

  private JsonObject created(JsonObject body) {
    var response = api.post(PATH, admin, body);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private List<String> greetingsShown(String queue) {
    var response = api.get("/chats/availability?queue=" + queue.replace(" ", "%20"), null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("invitations").stream()
        .map(item -> ((JsonObject) item).getString("greeting")).toList();
  }

  @Test
  @DisplayName("an administrator adds, reads, changes and deletes an invitation rule, and each change is audited")
  void crud() {
    JsonObject rule = created(rule("Pricing", helpDesk));
    assertTrue(rule.getBoolean("active"), "active unless said otherwise");
    assertTrue(rule.getBoolean("only_when_agent_free"), "waits for a free agent unless said otherwise");
    String one = PATH + "/" + rule.getInteger("id");
    assertEquals("*/pricing*", api.get(one, admin).bodyAsJsonObject().getString("url_pattern"));
    assertTrue(api.get(PATH, admin).bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(item -> "Pricing".equals(((JsonObject) item).getString("name"))));

    var changed = api.put(one, admin, new JsonObject().put("seconds_on_page", 30).put("active", false));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(30, changed.bodyAsJsonObject().getInteger("seconds_on_page"));
    assertFalse(changed.bodyAsJsonObject().getBoolean("active"));
    assertEquals("Questions about Pricing?", changed.bodyAsJsonObject().getString("greeting"), "fields left out stay");

    assertEquals(204, api.delete(one, admin).statusCode());
    assertEquals(404, api.get(one, admin).statusCode());
    assertEquals(404, api.delete(one, admin).statusCode());
    assertEquals(3, server.scalar("""
        SELECT count(*)::int FROM audit_log
         WHERE object_type = 'chat_invitation' AND object_id = ?
           AND action IN ('chat_invitation.create', 'chat_invitation.update', 'chat_invitation.delete')""",
        String.valueOf(rule.getInteger("id"))));
  }

  @Test
  @DisplayName("a rule without name, pattern or greeting, or with too many seconds, is a 422 naming each field")
  void validation() {
    var wrong = api.post(PATH, admin, new JsonObject().put("name", " ").put("seconds_on_page", 3601)
        .put("greeting", ""));
    assertEquals(422, wrong.statusCode(), wrong.bodyAsString());
    List<String> fields = wrong.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).sorted().toList();
    assertEquals(List.of("greeting", "name", "seconds_on_page", "url_pattern"), fields);

    var noQueue = api.post(PATH, admin, rule("Nowhere", 999_999));
    assertEquals(422, noQueue.statusCode(), noQueue.bodyAsString());
    assertEquals("queue_id", noQueue.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));

    created(rule("Twice", helpDesk));
    assertEquals(409, api.post(PATH, admin, rule("Twice", helpDesk)).statusCode());

    JsonObject kept = created(rule("Kept", helpDesk));
    var negative = api.put(PATH + "/" + kept.getInteger("id"), admin, new JsonObject().put("seconds_on_page", -1));
    assertEquals(422, negative.statusCode(), negative.bodyAsString());
    assertEquals(5, api.get(PATH + "/" + kept.getInteger("id"), admin).bodyAsJsonObject().getInteger("seconds_on_page"));
    assertEquals(400, api.post(PATH, admin, "{not json").statusCode());
  }

  @Test
  @DisplayName("only administrators keep the rules: an agent is refused with 403, a caller without a token with 401")
  void adminsOnly() {
    assertEquals(403, api.get(PATH, agent).statusCode());
    assertEquals(403, api.post(PATH, agent, rule("By an agent", helpDesk)).statusCode());
    JsonObject rule = created(rule("Guarded", helpDesk));
    assertEquals(403, api.put(PATH + "/" + rule.getInteger("id"), agent, new JsonObject().put("active", false))
        .statusCode());
    assertEquals(403, api.delete(PATH + "/" + rule.getInteger("id"), agent).statusCode());
    assertEquals(401, api.get(PATH, null).statusCode());
  }

  @Test
  @DisplayName("the widget reads the active rules only, and a rule waiting for a free agent only while one is free")
  void publicRead() {
    created(rule("Shown always", quietDesk).put("only_when_agent_free", false));
    created(rule("Switched off", quietDesk).put("only_when_agent_free", false).put("active", false));
    created(rule("Needs an agent", helpDesk));
    JsonObject shown = api.get("/chats/availability?queue=Invite%20Quiet", null).bodyAsJsonObject()
        .getJsonArray("invitations").stream().map(JsonObject.class::cast)
        .filter(item -> "Questions about Shown always?".equals(item.getString("greeting"))).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("url_pattern", "*/pricing*").put("seconds_on_page", 5)
        .put("greeting", "Questions about Shown always?").put("queue", "Invite Quiet"), shown);

    List<String> nobodyOnline = greetingsShown("Invite Quiet");
    assertFalse(nobodyOnline.contains("Questions about Switched off?"));
    assertFalse(nobodyOnline.contains("Questions about Needs an agent?"), "no agent of Invite Help is online");
    try (LiveClient online = LiveClient.agent(server, agent)) {
      // the agent's presence is recorded once their connection is ready, a moment after it opened
      Await.until(Duration.ofSeconds(10), () -> greetingsShown("Invite Quiet").contains("Questions about Needs an agent?"),
          () -> "still hidden while an agent of Invite Help is online: " + greetingsShown("Invite Quiet"));
      assertFalse(greetingsShown("Invite Quiet").contains("Questions about Switched off?"));
    }
  }

  @Test
  @DisplayName("a rule without a queue waits for an agent of the queue the widget asks about")
  void ruleWithoutQueue() {
    created(new JsonObject().put("name", "Any queue").put("url_pattern", "*").put("seconds_on_page", 0)
        .put("greeting", "Hello from anywhere"));
    try (LiveClient online = LiveClient.agent(server, agent)) {
      Await.until(Duration.ofSeconds(10), () -> greetingsShown("Invite Help").contains("Hello from anywhere"),
          () -> "still hidden while an agent of Invite Help is online");
      assertFalse(greetingsShown("Invite Quiet").contains("Hello from anywhere"), "nobody works Invite Quiet");
    }
  }
}
