package org.gotrs.drills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid body for each route that takes one, so a hostile variant differs from an acceptable request in one
 * field only and reaches the validation behind the first check. Routes without a template get {@code {}}.
 */
final class Templates {

  private static final String PLACEHOLDER = "@@hostile-value@@";

  private Templates() {}

  static JsonObject of(RouteCatalog.Endpoint endpoint, DrillWorld world) {
    JsonObject article = new JsonObject().put("subject", "s").put("body", "b").put("content_type", "text/plain")
        .put("internal_note", false);
    JsonArray ro = new JsonArray().add("ro");
    return switch (endpoint.method() + " " + endpoint.path()) {
      case "POST /api/v1/tickets" -> new JsonObject().put("title", "t").put("queue_id", world.queue)
          .put("priority", "3 normal").put("state", "new").put("customer_user", "drill-cust-a")
          .put("tags", new JsonArray().add("a")).put("custom_fields", new JsonObject()).put("article", article);
      case "PATCH /api/v1/tickets/{id}" -> new JsonObject().put("title", "x").put("state", "open").put("priority_id", 3)
          .put("tags", new JsonArray().add("b")).put("owner_id", world.agentRwId.toString()).put("until_time", 0);
      case "POST /api/v1/tickets/{id}/articles" -> article.copy();
      case "POST /api/v1/tickets/{id}/merge" -> new JsonObject().put("into_ticket_id", 999_999);
      case "POST /api/v1/tickets/{id}/articles/{article_id}/split" ->
          new JsonObject().put("title", "split").put("queue_id", world.queue);
      case "POST /api/v1/auth/login", "POST /api/v1/auth/customer/login" ->
          new JsonObject().put("login", "nobody@nowhere.example").put("password", "wrong").put("otp", "000000");
      case "POST /api/v1/auth/refresh" -> new JsonObject().put("refresh_token", "not-a-refresh-token");
      case "POST /api/v1/auth/mfa/enable", "POST /api/v1/auth/mfa/disable" -> new JsonObject().put("otp", "000000");
      case "POST /api/v1/api-keys" -> new JsonObject().put("name", "k").put("permissions", new JsonArray().add("read"))
          .put("expires_at", "2030-01-01T00:00:00Z");
      case "POST /api/v1/queues" -> new JsonObject().put("name", "q").put("group_id", world.group).put("comments", "c");
      case "POST /api/v1/states" -> new JsonObject().put("name", "s").put("type_id", 2);
      case "POST /api/v1/priorities" -> new JsonObject().put("name", "p").put("color", "#ff0000");
      case "POST /api/v1/slas" -> new JsonObject().put("name", "sla").put("first_response_time", 60)
          .put("business_hours", new JsonObject());
      case "POST /api/v1/custom-fields" -> new JsonObject().put("object_type", "ticket").put("field_name", "f")
          .put("field_type", "text");
      case "POST /api/v1/users" -> new JsonObject().put("login", "u").put("email", "u@example.com")
          .put("password", "pw-123456").put("first_name", "a").put("last_name", "b");
      case "POST /api/v1/customer-companies" -> new JsonObject().put("customer_id", "c").put("name", "n");
      case "POST /api/v1/customer-users" -> new JsonObject().put("login", "l").put("email", "l@example.com")
          .put("customer_id", "drill-throwaway").put("password", "pw-123456");
      case "PUT /api/v1/users/{id}/groups/{group_id}", "PUT /api/v1/roles/{id}/groups/{group_id}" ->
          new JsonObject().put("permissions", ro);
      case "PUT /api/v1/users/{id}/preferences" -> new JsonObject().put("theme", "dark");
      case "POST /api/v1/chats/{id}/messages" -> new JsonObject().put("text", "hello");
      default -> endpoint.method().name().equals("PATCH") || endpoint.method().name().equals("POST")
          ? new JsonObject().put("name", "n") : new JsonObject();
    };
  }

  /** The template's fields, nested ones as {@code article.body}. */
  static List<String> fields(JsonObject template) {
    List<String> fields = new ArrayList<>();
    for (String name : template.fieldNames()) {
      fields.add(name);
      if (template.getValue(name) instanceof JsonObject nested) {
        nested.fieldNames().forEach(inner -> fields.add(name + "." + inner));
      }
    }
    return fields;
  }

  /** The template with one field's value replaced by raw JSON text. */
  static String withValue(JsonObject template, String field, String rawJson) {
    JsonObject copy = template.copy();
    put(copy, field, PLACEHOLDER);
    return copy.encode().replace("\"" + PLACEHOLDER + "\"", rawJson);
  }

  static String without(JsonObject template, String field) {
    JsonObject copy = template.copy();
    String[] path = field.split("\\.");
    JsonObject parent = path.length == 1 ? copy : copy.getJsonObject(path[0]);
    parent.remove(path[path.length - 1]);
    return copy.encode();
  }

  static String withExtras(JsonObject template) {
    String encoded = template.encode();
    return "{" + Hostile.EXTRA_FIELDS + (template.isEmpty() ? "" : ",") + encoded.substring(1);
  }

  private static void put(JsonObject json, String field, Object value) {
    String[] path = field.split("\\.");
    JsonObject parent = path.length == 1 ? json : json.getJsonObject(path[0]);
    parent.put(path[path.length - 1], value);
  }
}
