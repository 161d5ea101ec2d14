package org.gotrs.drills;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;

/**
 * The people and things the hostile-input and access drills act on: two customers of two companies with a
 * ticket each (with an article and an attachment), agents without a group, with {@code ro} and with {@code rw}
 * on the customers' queue, an administrator, and one throwaway object of every admin resource, so requests
 * that happen to succeed change those and not the seed data.
 */
final class DrillWorld {

  static final String PASSWORD = "drill-pass-1";

  final TestServer server;
  final Http http;
  final String admin;
  final int group;
  final int queue;
  final String companyA = "drill-co-a";
  final String companyB = "drill-co-b";
  final String customerA;
  final String customerB;
  final String agentRw;
  final String agentRo;
  final String agentNoGroup;
  final UUID agentRwId;
  final JsonObject ticketA;
  final JsonObject ticketB;
  final long articleA;
  final long articleB;
  final long attachmentA;
  final long attachmentB;
  /** The administrator's GenericInterface {@code SessionID}. */
  final String giSession;
  /** The value each path parameter gets, by the path segment before it (tickets → a ticket id, ...). */
  final Map<String, String> parameters = new HashMap<>();

  DrillWorld(TestServer server, Http http) {
    this.server = server;
    this.http = http;
    Fixtures fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    group = fixtures.group("drill-desk");
    queue = fixtures.queue("Drill desk", group);
    fixtures.offerToCustomers(queue);
    server.sql("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) "
        + "SELECT id, ?, 'rw', 1 FROM users WHERE login = ?", group, TestServer.ADMIN_LOGIN);
    agentRwId = fixtures.agent("drill-rw", PASSWORD, group, "rw");
    fixtures.agent("drill-ro", PASSWORD, group, "ro");
    fixtures.agent("drill-nogroup", PASSWORD, null);
    agentRw = server.login("drill-rw", PASSWORD);
    agentRo = server.login("drill-ro", PASSWORD);
    agentNoGroup = server.login("drill-nogroup", PASSWORD);
    fixtures.company(companyA);
    fixtures.company(companyB);
    fixtures.customer("drill-cust-a", PASSWORD, companyA);
    fixtures.customer("drill-cust-b", PASSWORD, companyB);
    customerA = fixtures.customerLogin("drill-cust-a", PASSWORD);
    customerB = fixtures.customerLogin("drill-cust-b", PASSWORD);
    ticketA = created(http.json(HttpMethod.POST, "/api/v1/tickets", customerA, ticket("Alpha-secret-7f3a")));
    ticketB = created(http.json(HttpMethod.POST, "/api/v1/tickets", customerB, ticket("Bravo-secret-9c1e")));
    articleA = firstArticle(ticketA);
    articleB = firstArticle(ticketB);
    attachmentA = attach(ticketA.getLong("id"), articleA, "alpha-file.txt");
    attachmentB = attach(ticketB.getLong("id"), articleB, "bravo-file.txt");

    parameters.put("tickets", String.valueOf(ticketA.getLong("id")));
    parameters.put("report", "volume");
    parameters.put("articles", String.valueOf(articleA));
    parameters.put("attachments", String.valueOf(attachmentA));
    parameters.put("queues", id(http.json(HttpMethod.POST, "/api/v1/queues", admin,
        new JsonObject().put("name", "Drill throwaway").put("group_id", group))));
    parameters.put("groups", id(http.json(HttpMethod.POST, "/api/v1/groups", admin,
        new JsonObject().put("name", "drill-throwaway"))));
    parameters.put("roles", id(http.json(HttpMethod.POST, "/api/v1/roles", admin,
        new JsonObject().put("name", "drill-throwaway"))));
    parameters.put("users", id(http.json(HttpMethod.POST, "/api/v1/users", admin, new JsonObject()
        .put("login", "drill-throwaway").put("email", "drill-throwaway@example.com").put("password", PASSWORD)
        .put("first_name", "Throw").put("last_name", "Away"))));
    parameters.put("states", id(http.json(HttpMethod.POST, "/api/v1/states", admin,
        new JsonObject().put("name", "drill throwaway").put("type_id", 2))));
    parameters.put("priorities", id(http.json(HttpMethod.POST, "/api/v1/priorities", admin,
        new JsonObject().put("name", "drill throwaway"))));
    parameters.put("types", id(http.json(HttpMethod.POST, "/api/v1/types", admin,
        new JsonObject().put("name", "drill throwaway"))));
    parameters.put("services", id(http.json(HttpMethod.POST, "/api/v1/services", admin,
        new JsonObject().put("name", "Drill throwaway"))));
    parameters.put("slas", id(http.json(HttpMethod.POST, "/api/v1/slas", admin,
        new JsonObject().put("name", "Drill throwaway"))));
    parameters.put("custom-fields", id(http.json(HttpMethod.POST, "/api/v1/custom-fields", admin, new JsonObject()
        .put("object_type", "ticket").put("field_name", "drill_throwaway").put("field_type", "text"))));
    parameters.put("api-keys", id(http.json(HttpMethod.POST, "/api/v1/api-keys", admin,
        new JsonObject().put("name", "drill throwaway"))));
    created(http.json(HttpMethod.POST, "/api/v1/customer-companies", admin,
        new JsonObject().put("customer_id", "drill-throwaway").put("name", "Throwaway Ltd")));
    parameters.put("customer-companies", "drill-throwaway");
    parameters.put("customer_id", "drill-throwaway");
    parameters.put("customer-users", id(http.json(HttpMethod.POST, "/api/v1/customer-users", admin, new JsonObject()
        .put("login", "drill-throwaway-cu").put("email", "throwaway@customer.example")
        .put("customer_id", "drill-throwaway").put("password", PASSWORD))));
    parameters.put("group_id", parameters.get("groups"));
    parameters.put("role_id", parameters.get("roles"));
    parameters.put("sla_id", parameters.get("slas"));
    parameters.put("article_id", parameters.get("articles"));
    parameters.put("attachment_id", parameters.get("attachments"));
    parameters.put("TicketID", parameters.get("tickets"));
    giSession = http.json(HttpMethod.POST, GenericTicketConnector.BASE + "/Session", null, new JsonObject()
        .put("UserLogin", TestServer.ADMIN_LOGIN).put("Password", TestServer.ADMIN_PASSWORD)).json().getString("SessionID");
  }

  private JsonObject ticket(String title) {
    return new JsonObject().put("title", title).put("queue_id", queue)
        .put("article", new JsonObject().put("subject", title).put("body", "the words of " + title));
  }

  /** A concrete path for a route: each {param} gets the value for the segment before it. */
  String fill(String path) {
    StringBuilder filled = new StringBuilder();
    String previous = "";
    for (String segment : path.split("/", -1)) {
      if (!filled.isEmpty() || !segment.isEmpty()) {
        filled.append('/');
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String name = segment.substring(1, segment.length() - 1);
        String value = name.equals("id") ? parameters.get(previous) : parameters.get(name);
        filled.append(value == null ? "1" : value);
      } else {
        filled.append(segment);
      }
      previous = segment;
    }
    return filled.toString();
  }

  long firstArticle(JsonObject ticket) {
    Http.Answer articles = http.get("/api/v1/tickets/" + ticket.getLong("id") + "/articles", admin);
    JsonArray items = articles.json().getJsonArray("items");
    return items.getJsonObject(0).getLong("id");
  }

  private long attach(long ticketId, long articleId, String filename) {
    String boundary = "drill-boundary-" + UUID.randomUUID();
    Buffer body = Buffer.buffer()
        .appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
            + "\"\r\nContent-Type: text/plain\r\n\r\nattached words of " + filename + "\r\n--" + boundary + "--\r\n");
    Http.Answer answer = http.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/articles/" + articleId
        + "/attachments", admin, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), body);
    return created(answer).getJsonArray("items").getJsonObject(0).getLong("id");
  }

  private static JsonObject created(Http.Answer answer) {
    if (answer.status() != 201) {
      throw new AssertionError("fixture not created: " + answer.status() + " " + answer.text());
    }
    return answer.json();
  }

  private static String id(Http.Answer answer) {
    return String.valueOf(created(answer).getValue("id"));
  }
}
