package org.gotrs.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code tickets.attachment_max_bytes} holds for each file and for each request, while the bytes stream in. */
@GotrsServer(config = """
    {"tickets": {"attachment_storage": "filesystem", "attachment_max_bytes": 100000}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadLimitTest {

  private static final int LIMIT = 100_000;

  private final TestServer server;
  private Uploads uploads;
  private String rw;
  private long ticketId;
  private long articleId;

  UploadLimitTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures) {
    uploads = new Uploads(server);
    int group = fixtures.group("support");
    int queue = fixtures.queue("Support", group);
    fixtures.agent("rw-agent", "pw-rw", group, "rw");
    rw = server.login("rw-agent", "pw-rw");
    ticketId = fixtures.ticket(rw, queue, "Limits", "body").getLong("id");
    articleId = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId + "/articles", rw, null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getLong("id");
  }

  /** Rows, audit rows and stored files; an upload that is refused changes none of them and leaves no temp file. */
  private List<Long> kept() {
    return List.of((Long) server.scalar("SELECT count(*) FROM article_attachment"),
        (Long) server.scalar("SELECT count(*) FROM audit_log WHERE action = 'attachment.create'"),
        (long) uploads.filesUnder("attachments").size());
  }

  private void assertNothingKept(List<Long> before) {
    assertEquals(before, kept());
    assertEquals(0, uploads.filesUnder("tmp").size(), "no temp file");
  }

  @Test
  @DisplayName("a 3 MB file over a 100 kB limit is a 413 problem and leaves no row and no file")
  void oversizeFile() {
    var before = kept();
    var response = uploads.file(rw, ticketId, articleId, Uploads.randomFile(3 * 1024 * 1024, 4), "big.bin",
        "application/octet-stream");
    assertEquals(413, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(413, response.bodyAsJsonObject().getInteger("status"));
    assertNothingKept(before);
  }

  @Test
  @DisplayName("a file one byte over the limit is refused")
  void justOverTheLimit() {
    var before = kept();
    var response = uploads.bytes(rw, ticketId, articleId, Uploads.random(LIMIT + 1, 5), "over.bin",
        "application/octet-stream");
    assertEquals(413, response.statusCode(), response.bodyAsString());
    assertNothingKept(before);
  }

  @Test
  @DisplayName("two files each under the limit but together over it are refused as a whole")
  void requestLimit() {
    var before = kept();
    var response = uploads.send(rw, ticketId, articleId, MultipartForm.create()
        .binaryFileUpload("file", "a.bin", Buffer.buffer(Uploads.random(60_000, 6)), "application/octet-stream")
        .binaryFileUpload("file", "b.bin", Buffer.buffer(Uploads.random(60_000, 7)), "application/octet-stream"));
    assertEquals(413, response.statusCode(), response.bodyAsString());
    assertNothingKept(before);
  }

  @Test
  @DisplayName("an upload cut off midway leaves no row and no temp file")
  void clientGoesAway() throws Exception {
    var before = kept();
    String boundary = "----cut-off";
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + Uploads.path(ticketId, articleId) + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + rw + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n"
          + "Content-Length: 90000\r\n\r\n--" + boundary + "\r\n"
          + "Content-Disposition: form-data; name=\"file\"; filename=\"half.bin\"\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(Uploads.random(40_000, 9));
      out.flush();
      Await.until(Duration.ofSeconds(10), () -> !uploads.filesUnder("tmp").isEmpty(),
          () -> "the part is not being written to a temp file");
      assertEquals(1, uploads.filesUnder("tmp").size(), "the part is being written to one temp file");
    }
    Await.until(Duration.ofSeconds(10), () -> uploads.filesUnder("tmp").isEmpty(),
        () -> "the temp file of the cut-off upload is still there");
    assertNothingKept(before);
  }

  @Test
  @DisplayName("a file at the limit is accepted, and the connection serves the next request")
  void atTheLimit() {
    var response = uploads.bytes(rw, ticketId, articleId, Uploads.random(LIMIT, 8), "exact.bin",
        "application/octet-stream");
    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId, rw, null).statusCode());
  }
}
