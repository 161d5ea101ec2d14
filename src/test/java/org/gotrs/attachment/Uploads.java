package org.gotrs.attachment;

import org.gotrs.testing.Scratch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.gotrs.testing.TestServer;

/** Multipart uploads and downloads against a test server, and what they leave on disk. */
final class Uploads {

  private static final long TIMEOUT_MS = 30_000;

  private final TestServer server;

  Uploads(TestServer server) {
    this.server = server;
  }

  static String path(long ticketId, long articleId) {
    return "/api/v1/tickets/" + ticketId + "/articles/" + articleId + "/attachments";
  }

  /** Sends the form with the Vert.x multipart client (which streams files from disk). */
  HttpResponse<Buffer> send(String token, long ticketId, long articleId, MultipartForm form) {
    HttpRequest<Buffer> request = server.client().post(path(ticketId, articleId)).timeout(TIMEOUT_MS);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return TestServer.await(request.sendMultipartForm(form));
  }

  HttpResponse<Buffer> file(String token, long ticketId, long articleId, Path file, String filename, String type) {
    return send(token, ticketId, articleId, MultipartForm.create().binaryFileUpload("file", filename, file.toString(), type));
  }

  HttpResponse<Buffer> bytes(String token, long ticketId, long articleId, byte[] content, String filename, String type) {
    return send(token, ticketId, articleId,
        MultipartForm.create().binaryFileUpload("file", filename, Buffer.buffer(content), type));
  }

  /** A hand-written multipart body, for header bytes the client library would not produce. */
  HttpResponse<Buffer> raw(String token, long ticketId, long articleId, String partHeaders, byte[] content) {
    String boundary = "----gotrs-test-boundary";
    Buffer body = Buffer.buffer()
        .appendString("--" + boundary + "\r\n" + partHeaders + "\r\n\r\n", "UTF-8")
        .appendBytes(content)
        .appendString("\r\n--" + boundary + "--\r\n");
    HttpRequest<Buffer> request = server.client().post(path(ticketId, articleId)).timeout(TIMEOUT_MS)
        .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return TestServer.await(request.sendBuffer(body));
  }

  /** The single item of a successful upload; fails the test on anything but 201. */
  static JsonObject created(HttpResponse<Buffer> response) {
    if (response.statusCode() != 201) {
      throw new AssertionError("upload failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
  }

  HttpResponse<Buffer> download(String token, long ticketId, long articleId, long attachmentId) {
    return server.send(HttpMethod.GET, path(ticketId, articleId) + "/" + attachmentId, token, null);
  }

  Path dataDir() {
    return server.app().config().dataPath();
  }

  Path storedFile(String sha256) {
    return dataDir().resolve(AttachmentStore.relativePath(sha256));
  }

  /** Regular files under {@code <data>/dir}, none if it does not exist. */
  List<Path> filesUnder(String dir) {
    Path root = dataDir().resolve(dir);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static Path randomFile(int size, long seed) {
    try {
      Path file = Scratch.file("upload", ".bin");
      Files.write(file, random(size, seed));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
