package org.gotrs.drills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.gotrs.otrs.connector.GenericTicketConnector;

/**
 * A valid body for each route that takes one, so a hostile variant differs from an acceptable request in one
 * field only and reaches the validation behind the first check. Routes without a template get {@code {}}. The
 * GenericInterface's GET operations take theirs as query parameters, as OTRS clients send them.
 */
final class Templates {

  private static final String PLACEHOLDER = "@@hostile-value@@";
  private static final String GI = GenericTicketConnector.BASE;

  private Templates() {}

  static JsonObject of(RouteCatalog.Endpoint endpoint, DrillWorld world) {
    JsonObject article = new JsonObject().put("subject", "s").put("body", "b").put("content_type", "text/plain")
        .put("internal_note", false);
    JsonArray ro = new JsonArray().add("ro");
    JsonObject otrsArticle = new JsonObject().put("CommunicationChannel", "Internal").put("IsVisibleForCustomer", 1)
        .put("Subject", "s").put("Body", "b").put("ContentType", "text/plain; charset=utf8");
    return switch (endpoint.method() + " " + endpoint.path()) {
      case "POST " + GI + "/Session" -> new JsonObject().put("UserLogin", "nobody@nowhere.example").put("Password", "wrong");
      case "POST " + GI + "/Ticket" -> new JsonObject().put("SessionID", world.giSession)
          .put("Ticket", new JsonObject().put("Title", "t").put("Queue", "Drill desk").put("State", "new")
              .put("Priority", "3 normal").put("CustomerUser", "drill-cust-a").put("CustomerID", world.companyA))
          .put("Article", otrsArticle)
          .put("DynamicField", new JsonObject().put("Name", "drill_throwaway").put("Value", "v"))
          .put("Attachment", new JsonObject().put("Content", "ZHJpbGw=").put("ContentType", "text/plain")
              .put("Filename", "drill.txt"));
      case "PATCH " + GI + "/Ticket/{TicketID}" -> new JsonObject().put("SessionID", world.giSession)
          .put("Ticket", new JsonObject().put("Title", "x").put("State", "open").put("Priority", "3 normal")
              .put("PendingTime", new JsonObject().put("Diff", 60)))
          .put("Article", otrsArticle.copy().put("SenderType", "agent"));
      case "GET " + GI + "/Ticket" -> new JsonObject().put("SessionID", world.giSession).put("Title", "*secret*")
          .put("TicketNumber", "*").put("Queues", "Drill desk").put("StateType", "Open").put("PriorityIDs", 3)
          .put("CustomerID", world.companyA).put("CustomerUserLogin", "drill-cust-*").put("MIMEBase_Body", "*words*")
          .put("TicketCreateTimeNewerDate", "2020-01-01 00:00:00").put("TicketCreateTimeOlderMinutes", 0)
          .put("SearchInArchive", "AllTickets").put("SortBy", "Age").put("OrderBy", "Down").put("Limit", 10);
      case "GET " + GI + "/Ticket/{TicketID}" -> new JsonObject().put("SessionID", world.giSession)
          .put("AllArticles", 1).put("Attachments", 1).put("DynamicFields", 1).put("Extended", 1);
      case "GET " + GI + "/TicketList" -> new JsonObject().put("SessionID", world.giSession)
          .put("TicketID", world.parameters.get("tickets")).put("AllArticles", 1);
      case "GET " + GI + "/TicketHistory/{TicketID}" -> new JsonObject().put("SessionID", world.giSession);
      case "POST /api/v1/tickets" -> new JsonObject().put("title", "t").put("queue_id", world.queue)
          .put("priority", "3 normal").put("state", "new").put("customer_user", "drill-cust-a")
          .put("tags", new JsonArray().add("a")).put("custom_fields", new JsonObject()).put("article", article);
      case "PATCH /api/v1/tickets/{id}" -> new JsonObject().put("title", "x").put("state", "open").put("priority_id", 3)
          .put("tags", new JsonArray().add("b")).put("owner_id", world.agentRwId.toString()).put("until_time", 0);
      case "POST /api/v1/tickets/{id}/articles" -> article.copy();
      case "POST /api/v1/tickets/{id}/merge" -> new JsonObject().put("into_ticket_id", 999_999);
      case "POST /api/v1/tickets/{id}/links" -> new JsonObject().put("ticket_id", 999_999).put("type", "normal");
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

  /** A template's top-level fields as a query string, the way GET requests carry them. */
  static String query(JsonObject template) {
    return template.fieldNames().stream().map(name -> parameter(name, template.getValue(name)))
        .collect(Collectors.joining("&"));
  }

  /** The query with one parameter's value set to a hostile JSON value: a string's text, anything else as written. */
  static String queryWithValue(JsonObject template, String field, String rawJson) {
    JsonObject copy = template.copy();
    copy.put(field, PLACEHOLDER);
    Object value = rawJson.startsWith("\"") ? io.vertx.core.json.Json.decodeValue(rawJson) : rawJson;
    return query(copy).replace(parameter(field, PLACEHOLDER), parameter(field, value));
  }

  private static String parameter(String name, Object value) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
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
