package org.gotrs.openapi;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.gotrs.testing.TestServer;

/** The document on the classpath, and the copy of it that vertx-openapi checks. */
final class OpenApiDocument {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String OCTET_STREAM = "application/octet-stream";

  private OpenApiDocument() {}

  static JsonObject read() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/" + OpenApiRoutes.RESOURCE)) {
      assertNotNull(in, "openapi.json is on the classpath");
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The document as vertx-openapi reads it: it validates it against the OpenAPI 3.1 schema, then builds the
   * operations. It knows only a fixed list of media types, so its copy names problem+json plain JSON, and a raw
   * message or a download of any type ({@code * / *}) bytes.
   */
  static OpenAPIContract contract(Vertx vertx, JsonObject document) {
    JsonObject copy = new JsonObject(document.encode().replace(PROBLEM_JSON, "application/json")
        .replace("\"*/*\"", "\"" + OCTET_STREAM + "\"").replace("\"message/rfc822\"", "\"" + OCTET_STREAM + "\""));
    return TestServer.await(OpenAPIContract.from(vertx, copy));
  }

  /** An answer's content type as the copy names it. */
  static String asValidated(String contentType) {
    return PROBLEM_JSON.equals(contentType) ? "application/json" : contentType;
  }
}
