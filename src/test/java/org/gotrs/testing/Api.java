package org.gotrs.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;

/**
 * The REST API under {@code /api/v1} as a caller sees it: paths are relative to it, a token is a session's access
 * token, {@code key:...} an API key, or null for none; a body is a JSON object, any value Jackson maps, or raw bytes
 * sent as JSON. Each call waits for the whole response.
 */
public final class Api {

  private static final String ROOT = "/api/v1";

  private final TestServer server;

  public Api(TestServer server) {
    this.server = server;
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, Object body) {
    return send(HttpMethod.POST, path, token, body);
  }

  public HttpResponse<Buffer> put(String path, String token, Object body) {
    return send(HttpMethod.PUT, path, token, body);
  }

  public HttpResponse<Buffer> patch(String path, String token, Object body) {
    return send(HttpMethod.PATCH, path, token, body);
  }

  public HttpResponse<Buffer> delete(String path, String token) {
    return send(HttpMethod.DELETE, path, token, null);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    return server.send(method, ROOT + path, token, body);
  }
}
