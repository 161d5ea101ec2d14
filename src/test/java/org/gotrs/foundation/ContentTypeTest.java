package org.gotrs.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Admin;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentTypeTest {

  private final TestServer server;
  private final String admin;
  private long queueId;

  ContentTypeTest(TestServer server, @Admin String admin) {
    this.server = server;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    queueId = server.send(HttpMethod.POST, "/api/v1/queues", admin, new JsonObject().put("name", "Typed")
        .put("group_id", 1)).bodyAsJsonObject().getLong("id");
  }

  /** Sends the bytes with exactly the Content-Type given ({@code null}: no Content-Type header at all). */
  private HttpResponse<Buffer> raw(HttpMethod method, String path, String token, String contentType, String body) {
    HttpRequest<Buffer> request = server.client().request(method, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return TestServer.await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  private static void assertUnsupported(HttpResponse<Buffer> response) {
    assertEquals(415, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(415, response.bodyAsJsonObject().getInteger("status"));
  }

  private long queuesNamed(String name) {
    return (Long) server.scalar("SELECT count(*) FROM queue WHERE name = ?", name);
  }

  @Test
  @DisplayName("a JSON body sent as text/plain is refused with 415 problem+json on POST and PATCH, and nothing is written")
  void textPlainIsRefused() {
    String body = new JsonObject().put("name", "Plain").put("group_id", 1).encode();
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, "text/plain", body));
    assertUnsupported(raw(HttpMethod.PATCH, "/api/v1/queues/" + queueId, admin, "text/plain; charset=utf-8", body));
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, "application/x-www-form-urlencoded",
        "name=Plain&group_id=1"));
    assertEquals(0L, queuesNamed("Plain"));
    assertEquals(1L, queuesNamed("Typed"));
  }

  @Test
  @DisplayName("a JSON body without a Content-Type is refused with 415 on POST and PATCH, and nothing is written")
  void missingContentTypeIsRefused() {
    String body = new JsonObject().put("name", "Untyped").put("group_id", 1).encode();
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, null, body));
    assertUnsupported(raw(HttpMethod.PATCH, "/api/v1/queues/" + queueId, admin, null, body));
    assertEquals(0L, queuesNamed("Untyped"));
    assertEquals(1L, queuesNamed("Typed"));
  }

  @Test
  @DisplayName("application/json is taken with a UTF-8 charset or none; another charset or type is a 415")
  void onlyJsonInUtf8IsTaken() {
    String body = new JsonObject().put("name", "Charset").put("group_id", 1).encode();
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, "application/json; charset=iso-8859-1", body));
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, "application/jsonx", body));
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, "application/vnd.api+json", body));
    assertEquals(0L, queuesNamed("Charset"));
    assertEquals(201, raw(HttpMethod.POST, "/api/v1/queues", admin, "Application/JSON; Charset=\"UTF-8\"", body)
        .statusCode());
    assertEquals(1L, queuesNamed("Charset"));
  }

  @Test
  @DisplayName("a multipart body sent to a JSON route is refused with 415, and nothing is written")
  void multipartToJsonRouteIsRefused() {
    String boundary = "gotrs-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMultipart\r\n--"
        + boundary + "--\r\n";
    assertUnsupported(raw(HttpMethod.POST, "/api/v1/queues", admin, "multipart/form-data; boundary=" + boundary, body));
    assertEquals(0L, queuesNamed("Multipart"));
  }

  @Test
  @DisplayName("a POST without a body needs no Content-Type: logout and MFA setup answer as before")
  void postWithoutBodyNeedsNoType() {
    String session = server.loginAdmin();
    assertEquals(200, raw(HttpMethod.POST, "/api/v1/auth/mfa/setup", session, null, null).statusCode());
    assertEquals(204, raw(HttpMethod.POST, "/api/v1/auth/logout", session, null, null).statusCode());
    assertEquals(401, raw(HttpMethod.GET, "/api/v1/auth/me", session, null, null).statusCode());
  }

  @Test
  @DisplayName("the GenericInterface keeps OTRS's tolerance: a JSON body is read whatever its Content-Type")
  void genericInterfaceIsTolerant() {
    String login = new JsonObject().put("UserLogin", TestServer.ADMIN_LOGIN).put("Password", TestServer.ADMIN_PASSWORD)
        .encode();
    for (String type : new String[] {"text/plain", null, "application/x-www-form-urlencoded"}) {
      var answer = raw(HttpMethod.POST, GenericTicketConnector.BASE + "/Session", null, type, login);
      assertEquals(200, answer.statusCode(), String.valueOf(type));
      assertTrue(answer.bodyAsJsonObject().getString("SessionID", "").length() > 20, answer.bodyAsString());
    }
  }
}
