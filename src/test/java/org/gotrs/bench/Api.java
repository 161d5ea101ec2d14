package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** The server's REST API as the benchmark calls it: one keep-alive client, a bearer token, expected statuses. */
final class Api {

  private final WebClient client;
  private final String token;

  private Api(WebClient client, String token) {
    this.client = client;
    this.token = token;
  }

  static WebClient client(Vertx vertx, int port, int connections) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
            .setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Logs in through {@code POST /api/v1/auth/login}. */
  static Future<Api> login(WebClient client, String login, String password) {
    return client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("login", login).put("password", password))
        .compose(response -> expect(response, 200))
        .map(response -> new Api(client, response.bodyAsJsonObject().getString("access_token")));
  }

  String token() {
    return token;
  }

  Future<JsonObject> createTicket(JsonObject ticket) {
    return send(HttpMethod.POST, "/api/v1/tickets", ticket, 201).map(HttpResponse::bodyAsJsonObject);
  }

  Future<JsonObject> changeTicket(long id, JsonObject changes) {
    return send(HttpMethod.PATCH, "/api/v1/tickets/" + id, changes, 200).map(HttpResponse::bodyAsJsonObject);
  }

  /** A GET that must answer 200; the body is returned unparsed. */
  Future<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, 200).map(HttpResponse::body);
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body, int expected) {
    var request = client.request(method, path).bearerTokenAuthentication(token);
    return (body == null ? request.send() : request.sendJsonObject(body)).compose(response -> expect(response, expected));
  }

  private static Future<HttpResponse<Buffer>> expect(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      return Future.failedFuture("HTTP " + response.statusCode() + ": " + response.bodyAsString());
    }
    return Future.succeededFuture(response);
  }
}
