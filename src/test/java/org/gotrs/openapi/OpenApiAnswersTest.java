package org.gotrs.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.List;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real answers against the document's schemas: each call's status, content type and body must be one the
 * document allows for that operation. Every response schema lists all the fields its record writes, so a renamed
 * or missing field fails here.
 */
@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiAnswersTest {

  private static final String API = "/api/v1";

  private final TestServer server;
  private OpenAPIContract contract;

  OpenApiAnswersTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data() {
    contract = OpenApiDocument.contract(server.app().vertx(), OpenApiDocument.read());
  }

  @Test
  @DisplayName("the ticket API answers as documented, errors included")
  void ticketAnswersMatchTheSchemas() {
    Answers answers = answers(server.loginAdmin());
    JsonObject ticket = answers.check("createTicket", HttpMethod.POST, API + "/tickets", new JsonObject()
        .put("title", "Printer on fire").put("queue", "Raw").put("tags", List.of("hardware"))
        .put("article", new JsonObject().put("subject", "Printer on fire").put("body", "<p>It <b>smokes</b>.</p>")
            .put("content_type", "text/html"))).bodyAsJsonObject();
    String ticketPath = API + "/tickets/" + ticket.getLong("id");
    JsonObject other = answers.check("createTicket", HttpMethod.POST, API + "/tickets", new JsonObject()
        .put("title", "Second printer").put("queue_id", ticket.getInteger("queue_id"))
        .put("article", new JsonObject().put("body", "Also smoking."))).bodyAsJsonObject();

    answers.check("getTicket", HttpMethod.GET, ticketPath, null);
    answers.check("updateTicket", HttpMethod.PATCH, ticketPath, new JsonObject().put("state", "open").put("priority_id", 4));
    answers.check("listTickets", HttpMethod.GET, API + "/tickets?limit=1", null);
    answers.check("listTickets", HttpMethod.GET, API + "/tickets?q=printer", null);
    long article = answers.check("addArticle", HttpMethod.POST, ticketPath + "/articles",
        new JsonObject().put("body", "Looking into it.").put("internal_note", true)).bodyAsJsonObject().getLong("id");
    answers.check("listArticles", HttpMethod.GET, ticketPath + "/articles", null);
    answers.check("splitTicket", HttpMethod.POST, ticketPath + "/articles/" + article + "/split",
        new JsonObject().put("title", "Split off"));
    answers.check("mergeTicket", HttpMethod.POST, API + "/tickets/" + other.getLong("id") + "/merge",
        new JsonObject().put("into_ticket_id", ticket.getLong("id")));
    answers.check("getTicketHistory", HttpMethod.GET, ticketPath + "/history", null);
    answers.check("markArticleRead", HttpMethod.PATCH, ticketPath + "/articles/" + article,
        new JsonObject().put("read_status", false));
    answers.check("getWallboard", HttpMethod.GET, API + "/stats/wallboard", null);

    answers.check("getTicket", HttpMethod.GET, API + "/tickets/999999", null);
    answers.check("createTicket", HttpMethod.POST, API + "/tickets", new JsonObject().put("title", ""));
    answers.check("createTicket", HttpMethod.POST, API + "/tickets", Buffer.buffer("{not json"));
    answers.check("listTickets", HttpMethod.GET, API + "/tickets?limit=0", null);
    answers.check("getTicket", HttpMethod.GET, ticketPath, null, null);
    answers.check("deleteTicket", HttpMethod.DELETE, API + "/tickets/" + other.getLong("id"), null);
  }

  @Test
  @DisplayName("the lookups and the admin resources answer as documented")
  void adminAnswersMatchTheSchemas() {
    Answers answers = answers(server.loginAdmin());
    answers.check("listQueues", HttpMethod.GET, API + "/queues", null);
    answers.check("getQueue", HttpMethod.GET, API + "/queues/1", null);
    answers.check("createQueue", HttpMethod.POST, API + "/queues",
        new JsonObject().put("name", "Support").put("group_id", 1));
    answers.check("listStates", HttpMethod.GET, API + "/states?valid_id=1", null);
    answers.check("getState", HttpMethod.GET, API + "/states/6", null);
    answers.check("listPriorities", HttpMethod.GET, API + "/priorities", null);
    answers.check("listTicketTypes", HttpMethod.GET, API + "/types", null);
    int sla = answers.check("createSla", HttpMethod.POST, API + "/slas", new JsonObject().put("name", "Gold")
        .put("first_response_time", 60).put("solution_time", 480).put("business_hours", new JsonObject()
            .put("timezone", "Europe/Berlin").put("week", new JsonObject().put("mon", List.of(List.of("08:00", "17:00")))))
        .put("holidays", List.of("12-25"))).bodyAsJsonObject().getInteger("id");
    int service = answers.check("createService", HttpMethod.POST, API + "/services",
        new JsonObject().put("name", "E-mail")).bodyAsJsonObject().getInteger("id");
    answers.check("linkServiceSla", HttpMethod.POST, API + "/services/" + service + "/slas/" + sla, null);
    answers.check("listSlas", HttpMethod.GET, API + "/slas", null);
    answers.check("createCustomField", HttpMethod.POST, API + "/custom-fields", new JsonObject()
        .put("object_type", "ticket").put("field_name", "contract").put("field_type", "text"));
    answers.check("listCustomFields", HttpMethod.GET, API + "/custom-fields?object_type=ticket", null);
    answers.check("createQueue", HttpMethod.POST, API + "/queues", new JsonObject().put("name", "x"));

    JsonObject user = answers.check("createUser", HttpMethod.POST, API + "/users", new JsonObject()
        .put("login", "jdoe").put("email", "jdoe@example.com").put("first_name", "Jane").put("password", "long enough"))
        .bodyAsJsonObject();
    String userPath = API + "/users/" + user.getString("id");
    answers.check("listUsers", HttpMethod.GET, API + "/users?limit=1", null);
    int group = answers.check("createGroup", HttpMethod.POST, API + "/groups",
        new JsonObject().put("name", "2nd level")).bodyAsJsonObject().getInteger("id");
    int role = answers.check("createRole", HttpMethod.POST, API + "/roles",
        new JsonObject().put("name", "Billing")).bodyAsJsonObject().getInteger("id");
    answers.check("setUserGroup", HttpMethod.PUT, userPath + "/groups/" + group,
        new JsonObject().put("permissions", List.of("ro", "note")));
    answers.check("setRoleGroup", HttpMethod.PUT, API + "/roles/" + role + "/groups/" + group,
        new JsonObject().put("permissions", List.of("rw")));
    answers.check("grantRole", HttpMethod.PUT, userPath + "/roles/" + role, null);
    answers.check("listUserGroups", HttpMethod.GET, userPath + "/groups", null);
    answers.check("listUserRoles", HttpMethod.GET, userPath + "/roles", null);
    answers.check("listGroups", HttpMethod.GET, API + "/groups", null);
    answers.check("listRoles", HttpMethod.GET, API + "/roles", null);
    answers.check("putPreferences", HttpMethod.PUT, API + "/users/me/preferences", new JsonObject().put("theme", "dark"));
    answers.check("getUser", HttpMethod.GET, API + "/users/not-a-uuid", null);

    answers.check("createCustomerCompany", HttpMethod.POST, API + "/customer-companies",
        new JsonObject().put("customer_id", "acme").put("name", "Acme Ltd"));
    answers.check("getCustomerCompany", HttpMethod.GET, API + "/customer-companies/acme", null);
    answers.check("createCustomerUser", HttpMethod.POST, API + "/customer-users", new JsonObject()
        .put("login", "wile").put("email", "wile@acme.example").put("customer_id", "acme").put("password", "roadrunner"));
    answers.check("listCustomerUsers", HttpMethod.GET, API + "/customer-users?customer_id=acme", null);
    answers.check("listCustomerCompanies", HttpMethod.GET, API + "/customer-companies", null);
    answers.check("listAuditLog", HttpMethod.GET, API + "/audit-log?limit=5", null);
  }

  @Test
  @DisplayName("templates, salutations, signatures and system addresses answer as documented")
  void templateAnswersMatchTheSchemas() {
    Answers answers = answers(server.loginAdmin());
    int template = answers.check("createTemplate", HttpMethod.POST, API + "/templates", new JsonObject()
        .put("name", "Thanks").put("text", "Thank you, <OTRS_CUSTOMER_REALNAME>.").put("queue_ids", List.of(2)))
        .bodyAsJsonObject().getInteger("id");
    answers.check("listTemplates", HttpMethod.GET, API + "/templates?queue_id=2&template_type=Answer&valid_id=1", null);
    answers.check("getTemplate", HttpMethod.GET, API + "/templates/" + template, null);
    answers.check("updateTemplate", HttpMethod.PATCH, API + "/templates/" + template,
        new JsonObject().put("content_type", "text/html"));
    long ticket = answers.check("createTicket", HttpMethod.POST, API + "/tickets", new JsonObject()
        .put("title", "Thank me").put("queue", "Raw").put("article", new JsonObject().put("body", "Please.")))
        .bodyAsJsonObject().getLong("id");
    answers.check("renderTemplate", HttpMethod.POST, API + "/templates/" + template + "/render",
        new JsonObject().put("ticket_id", ticket));
    answers.check("renderTemplate", HttpMethod.POST, API + "/templates/1/render", new JsonObject().put("ticket_id", ticket));
    answers.check("createTemplate", HttpMethod.POST, API + "/templates", new JsonObject().put("name", "Thanks"));
    answers.check("deleteTemplate", HttpMethod.DELETE, API + "/templates/" + template, null);
    answers.check("getTemplate", HttpMethod.GET, API + "/templates/" + template, null);

    for (String kind : List.of("Salutation", "Signature")) {
      String path = API + "/" + kind.toLowerCase(java.util.Locale.ROOT) + "s";
      int id = answers.check("create" + kind, HttpMethod.POST, path, new JsonObject().put("name", "Short")
          .put("text", "Hi <OTRS_CUSTOMER_UserFirstname>")).bodyAsJsonObject().getInteger("id");
      answers.check("list" + kind + "s", HttpMethod.GET, path, null);
      answers.check("get" + kind, HttpMethod.GET, path + "/" + id, null);
      answers.check("update" + kind, HttpMethod.PATCH, path + "/" + id, new JsonObject().put("comments", "brief"));
      answers.check("create" + kind, HttpMethod.POST, path, new JsonObject().put("name", "No text"));
      answers.check("delete" + kind, HttpMethod.DELETE, path + "/" + id, null);
    }

    int address = answers.check("createSystemAddress", HttpMethod.POST, API + "/system-addresses", new JsonObject()
        .put("email", "help@example.com").put("display_name", "Help").put("queue_id", 1))
        .bodyAsJsonObject().getInteger("id");
    answers.check("listSystemAddresses", HttpMethod.GET, API + "/system-addresses", null);
    answers.check("getSystemAddress", HttpMethod.GET, API + "/system-addresses/" + address, null);
    answers.check("updateSystemAddress", HttpMethod.PATCH, API + "/system-addresses/" + address,
        new JsonObject().put("display_name", "Help desk"));
    answers.check("createSystemAddress", HttpMethod.POST, API + "/system-addresses",
        new JsonObject().put("email", "help@example.com").put("display_name", "Again").put("queue_id", 1));
    answers.check("deleteSystemAddress", HttpMethod.DELETE, API + "/system-addresses/" + address, null);
  }

  @Test
  @DisplayName("login, tokens, API keys and MFA answer as documented")
  void authAnswersMatchTheSchemas() {
    Answers anonymous = answers(null);
    JsonObject pair = anonymous.check("login", HttpMethod.POST, API + "/auth/login", new JsonObject()
        .put("login", TestServer.ADMIN_LOGIN).put("password", TestServer.ADMIN_PASSWORD)).bodyAsJsonObject();
    anonymous.check("login", HttpMethod.POST, API + "/auth/login",
        new JsonObject().put("login", TestServer.ADMIN_LOGIN).put("password", "wrong"));
    anonymous.check("login", HttpMethod.POST, API + "/auth/login", new JsonObject());
    JsonObject refreshed = anonymous.check("refresh", HttpMethod.POST, API + "/auth/refresh",
        new JsonObject().put("refresh_token", pair.getString("refresh_token"))).bodyAsJsonObject();

    Answers answers = answers(refreshed.getString("access_token"));
    answers.check("me", HttpMethod.GET, API + "/auth/me", null);
    JsonObject created = answers.check("createApiKey", HttpMethod.POST, API + "/api-keys",
        new JsonObject().put("name", "script")).bodyAsJsonObject();
    String key = created.getString("id");
    assertEquals(403, answers.check("createApiKey", HttpMethod.POST, API + "/api-keys",
        new JsonObject().put("name", "child"), "key:" + created.getString("key")).statusCode());
    var plainText = TestServer.await(server.client().post(API + "/api-keys")
        .bearerTokenAuthentication(refreshed.getString("access_token")).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{\"name\":\"typed\"}")));
    assertEquals(415, answers.validate("createApiKey", HttpMethod.POST, API + "/api-keys", plainText).statusCode());
    answers.check("getApiKey", HttpMethod.GET, API + "/api-keys/" + key, null);
    answers.check("updateApiKey", HttpMethod.PATCH, API + "/api-keys/" + key, new JsonObject().put("expires_at", (Object) null));
    answers.check("listApiKeys", HttpMethod.GET, API + "/api-keys", null);
    answers.check("setUpMfa", HttpMethod.POST, API + "/auth/mfa/setup", null);
    answers.check("revokeApiKey", HttpMethod.DELETE, API + "/api-keys/" + key, null);
    answers.check("logout", HttpMethod.POST, API + "/auth/logout", null);
    answers.check("me", HttpMethod.GET, API + "/auth/me", null);
  }

  @Test
  @DisplayName("the mail channel's admin resources answer as documented")
  void mailAnswersMatchTheSchemas() {
    Answers answers = answers(server.loginAdmin());
    int account = answers.check("createMailAccount", HttpMethod.POST, API + "/mail-accounts", new JsonObject()
        .put("type", "imap").put("host", "127.0.0.1").put("port", 1).put("login", "support").put("password", "secret")
        .put("queue", "Raw").put("poll_seconds", 3600)).bodyAsJsonObject().getInteger("id");
    answers.check("getMailAccount", HttpMethod.GET, API + "/mail-accounts/" + account, null);
    answers.check("updateMailAccount", HttpMethod.PATCH, API + "/mail-accounts/" + account,
        new JsonObject().put("comments", "the help desk mailbox"));
    answers.check("listMailAccounts", HttpMethod.GET, API + "/mail-accounts", null);
    answers.check("pollMailAccount", HttpMethod.POST, API + "/mail-accounts/" + account + "/poll", null);
    answers.check("createMailAccount", HttpMethod.POST, API + "/mail-accounts", new JsonObject().put("type", "smtp"));
    int filter = answers.check("createPostmasterFilter", HttpMethod.POST, API + "/postmaster-filters", new JsonObject()
        .put("name", "spam").put("matches", List.of(new JsonObject().put("header", "X-Spam-Flag").put("pattern", "YES")))
        .put("actions", new JsonObject().put("queue", "Junk"))).bodyAsJsonObject().getInteger("id");
    answers.check("listPostmasterFilters", HttpMethod.GET, API + "/postmaster-filters", null);
    answers.check("updatePostmasterFilter", HttpMethod.PATCH, API + "/postmaster-filters/" + filter,
        new JsonObject().put("stop", true));
    answers.check("listFailedMails", HttpMethod.GET, API + "/mail-failed", null);
    answers.check("getFailedMailRaw", HttpMethod.GET, API + "/mail-failed/1/raw", null);
    answers.check("deletePostmasterFilter", HttpMethod.DELETE, API + "/postmaster-filters/" + filter, null);
    answers.check("deleteMailAccount", HttpMethod.DELETE, API + "/mail-accounts/" + account, null);
  }

  @Test
  @DisplayName("attachments upload, list, download and delete as documented")
  void attachmentAnswersMatchTheSchemas() {
    String admin = server.loginAdmin();
    Answers answers = answers(admin);
    JsonObject ticket = answers.check("createTicket", HttpMethod.POST, API + "/tickets", new JsonObject()
        .put("title", "Scanner manual").put("queue", "Raw").put("article", new JsonObject().put("body", "See attached.")))
        .bodyAsJsonObject();
    long article = answers.check("listArticles", HttpMethod.GET, API + "/tickets/" + ticket.getLong("id") + "/articles", null)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    String attachments = API + "/tickets/" + ticket.getLong("id") + "/articles/" + article + "/attachments";

    HttpResponse<Buffer> uploaded = TestServer.await(server.client().post(attachments).bearerTokenAuthentication(admin)
        .sendMultipartForm(MultipartForm.create()
            .binaryFileUpload("file", "manual.txt", Buffer.buffer("Press the green button."), "text/plain")));
    answers.validate("uploadAttachments", HttpMethod.POST, attachments, uploaded);
    long attachment = uploaded.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    answers.check("listAttachments", HttpMethod.GET, attachments, null);
    HttpResponse<Buffer> download = server.send(HttpMethod.GET, attachments + "/" + attachment, admin, null);
    assertEquals("Press the green button.", download.bodyAsString());
    download.headers().set("Content-Type", OpenApiDocument.OCTET_STREAM);
    answers.validate("downloadAttachment", HttpMethod.GET, attachments, download);
    answers.check("uploadAttachments", HttpMethod.POST, attachments, new JsonObject().put("not", "multipart"));
    answers.check("deleteAttachment", HttpMethod.DELETE, attachments + "/" + attachment, null);
    answers.check("downloadAttachment", HttpMethod.GET, attachments + "/" + attachment, null);
  }

  private Answers answers(String token) {
    return new Answers(server, ResponseValidator.create(server.app().vertx(), contract), token);
  }

  /** Sends requests and validates each answer against the operation it belongs to. */
  private record Answers(TestServer server, ResponseValidator validator, String token) {

    HttpResponse<Buffer> check(String operationId, HttpMethod method, String path, Object body) {
      return check(operationId, method, path, body, token);
    }

    HttpResponse<Buffer> check(String operationId, HttpMethod method, String path, Object body, String as) {
      return validate(operationId, method, path, server.send(method, path, as, body));
    }

    HttpResponse<Buffer> validate(String operationId, HttpMethod method, String path, HttpResponse<Buffer> response) {
      String contentType = OpenApiDocument.asValidated(response.getHeader("Content-Type"));
      ValidatableResponse answer = response.body() == null || contentType == null
          ? ValidatableResponse.create(response.statusCode())
          : ValidatableResponse.create(response.statusCode(), response.body(), contentType);
      try {
        TestServer.await(validator.validate(answer, operationId));
      } catch (IllegalStateException e) {
        fail(operationId + " " + method + " " + path + " answered " + response.statusCode() + " "
            + response.bodyAsString() + "\n  which the document does not allow: " + e.getCause().getMessage());
      }
      return response;
    }
  }
}
