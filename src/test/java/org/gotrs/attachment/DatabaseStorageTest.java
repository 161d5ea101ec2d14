package org.gotrs.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Attachments kept in the database (the default): the bytes live in {@code article_attachment.content}. */
@GotrsServer(config = """
    {"tickets": {"attachment_storage": "database"}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseStorageTest {

  private final TestServer server;
  private Uploads uploads;
  private String rw;
  private long ticketId;
  private long articleId;

  DatabaseStorageTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures) {
    uploads = new Uploads(server);
    int group = fixtures.group("support");
    int queue = fixtures.queue("Support", group);
    fixtures.agent("rw-agent", "pw-rw", group, "rw");
    rw = server.login("rw-agent", "pw-rw");
    ticketId = fixtures.ticket(rw, queue, "In the database", "body").getLong("id");
    articleId = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId + "/articles", rw, null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getLong("id");
  }

  @Test
  @DisplayName("a 3 MB file goes up and comes back byte for byte from the database, with no file on disk")
  void roundTrip() throws Exception {
    Path file = Uploads.randomFile(3 * 1024 * 1024, 2);
    String sha256 = Uploads.sha256(file);
    JsonObject item = Uploads.created(uploads.file(rw, ticketId, articleId, file, "report.pdf", "application/pdf"));
    assertEquals(sha256, item.getString("checksum"));
    assertEquals(3 * 1024 * 1024, item.getLong("content_size"));

    Map<String, Object> row = server.sql("SELECT storage_backend, storage_path, checksum, content_size, "
        + "encode(sha256(content), 'hex') AS content_sha256 FROM article_attachment WHERE id = ?", item.getLong("id")).get(0);
    assertEquals("database", row.get("storage_backend"));
    assertNull(row.get("storage_path"));
    assertEquals(sha256, row.get("checksum"));
    assertEquals(sha256, row.get("content_sha256"), "the stored checksum is the SHA-256 of the stored bytes");
    assertEquals(String.valueOf(3 * 1024 * 1024), row.get("content_size"));

    var download = uploads.download(rw, ticketId, articleId, item.getLong("id"));
    assertEquals(200, download.statusCode());
    assertArrayEquals(Files.readAllBytes(file), download.body().getBytes());
    assertEquals("application/pdf", download.getHeader("Content-Type"));
    assertEquals(String.valueOf(3 * 1024 * 1024), download.getHeader("Content-Length"));
    assertEquals(0, uploads.filesUnder("attachments").size());
    assertEquals(0, uploads.filesUnder("tmp").size());
  }

  @Test
  @DisplayName("an attachment deleted from the database store is gone")
  void delete() {
    JsonObject item = Uploads.created(uploads.bytes(rw, ticketId, articleId, Uploads.utf8("short-lived"), "x.txt",
        "text/plain"));
    String one = Uploads.path(ticketId, articleId) + "/" + item.getLong("id");
    assertEquals(204, server.send(HttpMethod.DELETE, one, rw, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, one, rw, null).statusCode());
  }
}
