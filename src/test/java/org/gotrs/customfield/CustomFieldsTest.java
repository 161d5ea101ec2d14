package org.gotrs.customfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
class CustomFieldsTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;

  CustomFieldsTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  private List<String> fields(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private long definitions() {
    return (Long) server.scalar("SELECT count(*) FROM custom_field_definitions");
  }

  private JsonObject select(String name) {
    return new JsonObject().put("object_type", "ticket").put("field_name", name).put("field_type", "select")
        .put("field_config", new JsonObject().put("options", new JsonArray().add("hardware").add("software")))
        .put("required", true).put("position", 2);
  }

  @Test
  @DisplayName("an administrator defines, lists, changes and deletes a custom field; its values go with it")
  void crud() {
    var created = api.post("/custom-fields", admin, select("category"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject field = created.bodyAsJsonObject();
    String id = field.getString("id");
    assertEquals(true, field.getBoolean("required"));
    assertEquals(true, field.getBoolean("visible_for_customer"));
    assertEquals(2, field.getInteger("position"));

    var listed = api.get("/custom-fields?object_type=ticket", admin).bodyAsJsonObject();
    assertEquals(List.of("category"), listed.getJsonArray("items").stream()
        .map(f -> ((JsonObject) f).getString("field_name")).toList());
    assertFalse(api.get("/custom-fields?object_type=user", admin).bodyAsJsonObject()
        .getJsonArray("items").stream().anyMatch(f -> ((JsonObject) f).getString("object_type").equals("ticket")));
    assertEquals(422, api.get("/custom-fields?object_type=invoice", admin).statusCode());

    var changed = api.patch("/custom-fields/" + id, admin, new JsonObject().put("required", false)
        .put("field_config", new JsonObject().put("options", new JsonArray().add("hardware").add("software").add("network"))));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(false, changed.bodyAsJsonObject().getBoolean("required"));
    assertEquals(3, changed.bodyAsJsonObject().getJsonObject("field_config").getJsonArray("options").size());

    server.sql("INSERT INTO custom_field_values (field_id, object_id, value_text) VALUES (?::uuid, '1', 'hardware')", id);
    assertEquals(204, api.delete("/custom-fields/" + id, admin).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM custom_field_values WHERE field_id = ?::uuid", id));
    assertEquals(404, api.get("/custom-fields/" + id, admin).statusCode());
    assertEquals(List.of("custom_field.create", "custom_field.update", "custom_field.delete"), server.sql(
            "SELECT action FROM audit_log WHERE object_id = ? ORDER BY \"timestamp\"", id)
        .stream().map(row -> row.get("action")).toList());
  }

  @Test
  @DisplayName("a field name is unique per object type (409) but may repeat across object types")
  void uniqueness() {
    assertEquals(201, api.post("/custom-fields", admin, select("region")).statusCode());
    long before = definitions();
    assertEquals(409, api.post("/custom-fields", admin, select("region")).statusCode());
    assertEquals(before, definitions());
    assertEquals(201, api.post("/custom-fields", admin, select("region").put("object_type", "customer"))
        .statusCode());
  }

  @Test
  @DisplayName("bad definitions are a 422 naming the fields, and nothing is written")
  void badDefinitions() {
    long before = definitions();
    var wrong = api.post("/custom-fields", admin, new JsonObject().put("object_type", "invoice")
        .put("field_name", "Bad Name").put("field_type", "colour").put("required", "yes"));
    assertEquals(422, wrong.statusCode());
    assertEquals(List.of("object_type", "field_name", "field_type", "required"), fields(wrong));
    var noOptions = api.post("/custom-fields", admin, select("empty").put("field_config", new JsonObject()));
    assertEquals(List.of("field_config.options"), fields(noOptions));
    var badRange = api.post("/custom-fields", admin, new JsonObject().put("object_type", "ticket")
        .put("field_name", "score").put("field_type", "number").put("field_config", new JsonObject().put("min", 5).put("max", 1)));
    assertEquals(List.of("field_config.max"), fields(badRange));
    assertEquals(before, definitions());
    assertEquals(404, api.get("/custom-fields/not-a-uuid", admin).statusCode());
    assertEquals(404, api.delete("/custom-fields/00000000-0000-0000-0000-00000000abcd", admin).statusCode());
  }

  @Test
  @DisplayName("object type, name and type of a field cannot be changed")
  void immutableIdentity() {
    String id = api.post("/custom-fields", admin, select("severity")).bodyAsJsonObject().getString("id");
    var retyped = api.patch("/custom-fields/" + id, admin, new JsonObject().put("field_type", "text"));
    assertEquals(422, retyped.statusCode());
    assertEquals(List.of("field_type"), fields(retyped));
    assertEquals(List.of("field_name"), fields(api.patch("/custom-fields/" + id, admin,
        new JsonObject().put("field_name", "sev"))));
    assertEquals("select", server.scalar("SELECT field_type FROM custom_field_definitions WHERE id = ?::uuid", id));
  }

  @Test
  @DisplayName("agents read definitions but cannot change them; customers get 403")
  void permissions() {
    fixtures.agent("field-agent", "agent-pass", 1, "rw");
    String agent = server.login("field-agent", "agent-pass");
    long before = definitions();
    assertEquals(200, api.get("/custom-fields", agent).statusCode());
    assertEquals(403, api.post("/custom-fields", agent, select("agents_field")).statusCode());
    assertEquals(before, definitions());
    fixtures.company("acme-cf");
    fixtures.customer("cf-customer", "cust-pass", "acme-cf");
    String customer = fixtures.customerLogin("cf-customer", "cust-pass");
    assertEquals(403, api.get("/custom-fields", customer).statusCode());
  }

  @Test
  @DisplayName("the loader returns one object type's definitions in position order")
  void loader() {
    api.post("/custom-fields", admin, select("zeta").put("object_type", "user").put("position", 1));
    api.post("/custom-fields", admin, select("alpha").put("object_type", "user").put("position", 5));
    List<Definition> loaded = TestServer.await(CustomFieldService.definitions(server.app().pool(), "user"));
    assertEquals(List.of("zeta", "alpha"), loaded.stream().map(Definition::fieldName).toList());
    assertFalse(loaded.get(0).fieldConfig().isEmpty());
  }
}
