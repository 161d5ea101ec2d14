package org.gotrs.drills;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.regex.Pattern;
import org.gotrs.testing.TestServer;

/** A blocking HTTP client for drills that send exactly the bytes they mean, hostile ones included. */
final class Http implements AutoCloseable {

  /** Text that must never reach a client: Java stack frames, class names of the runtime and drivers, SQL states. */
  static final Pattern LEAK = Pattern.compile(
      "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|java\\.lang\\.|java\\.util\\.|io\\.vertx\\.|io\\.netty\\.|org\\.gotrs\\."
          + "|com\\.fasterxml|org\\.postgresql|PgException|SQLSTATE|NullPointerException|IllegalStateException");

  record Answer(int status, MultiMap headers, Buffer body) {
    String text() {
      return body == null ? "" : body.toString();
    }

    JsonObject json() {
      return new JsonObject(body);
    }

    boolean problemJson() {
      String type = headers.get("Content-Type");
      return type != null && type.startsWith("application/problem+json");
    }

    boolean leaks() {
      return LEAK.matcher(text()).find();
    }

    /** The GenericInterface refuses OTRS's way: HTTP 200 with an {@code Error} object. */
    boolean otrsError() {
      return text().startsWith("{\"Error\":");
    }

    /** Refused, as the native API (4xx, 5xx) or as the GenericInterface says it. */
    boolean refused() {
      return status >= 400 || otrsError();
    }
  }

  private final WebClient client;
  private final int port;

  Http(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setMaxHeaderSize(64 * 1024));
    this.port = port;
  }

  Answer send(HttpMethod method, String uri, String token, Map<String, String> headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", uri).timeout(60_000);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    headers.forEach(request::putHeader);
    var response = body == null ? request.send() : request.sendBuffer(body);
    var answer = TestServer.await(response);
    return new Answer(answer.statusCode(), answer.headers(), answer.body());
  }

  Answer json(HttpMethod method, String uri, String token, Object body) {
    Buffer buffer = body == null ? null : body instanceof Buffer raw ? raw : Buffer.buffer(
        body instanceof JsonObject json ? json.encode() : io.vertx.core.json.Json.encode(body));
    return send(method, uri, token, body == null ? Map.of() : Map.of("Content-Type", "application/json"), buffer);
  }

  Answer get(String uri, String token) {
    return send(HttpMethod.GET, uri, token, Map.of(), null);
  }

  @Override
  public void close() {
    client.close();
  }
}
