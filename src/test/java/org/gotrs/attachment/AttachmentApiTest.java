package org.gotrs.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Attachments kept on the filesystem: upload, download, permissions, sharing of identical files, clean-up. */
@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"tickets": {"attachment_storage": "filesystem"}}"""})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentApiTest {

  private static final int THREE_MB = 3 * 1024 * 1024;

  private final TestServer server;
  private final Fixtures fixtures;
  private Uploads uploads;
  private int support;
  private String rw;
  private String noteTaker;
  private String reader;
  private final String admin;
  private String alice;
  private String bob;

  AttachmentApiTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    uploads = new Uploads(server);
    int group = fixtures.group("support");
    support = fixtures.queue("Support", group);
    fixtures.offerToCustomers(support);
    fixtures.agent("rw-agent", "pw-rw", group, "rw");
    fixtures.agent("note-agent", "pw-note", group, "ro", "note");
    fixtures.agent("ro-agent", "pw-ro", group, "ro");
    fixtures.company("acme");
    fixtures.company("globex");
    fixtures.customer("alice", "pw-alice", "acme");
    fixtures.customer("bob", "pw-bob", "globex");
    rw = server.login("rw-agent", "pw-rw");
    noteTaker = server.login("note-agent", "pw-note");
    reader = server.login("ro-agent", "pw-ro");
    alice = fixtures.customerLogin("alice", "pw-alice");
    bob = fixtures.customerLogin("bob", "pw-bob");
  }

  private long firstArticle(String token, long ticketId) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId + "/articles", token, null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getLong("id");
  }

  private long article(long ticketId, String token, JsonObject body) {
    var response = server.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/articles", token, body);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getLong("id");
  }

  /** A ticket of alice's with her first message; returns {ticket id, article id}. */
  private long[] alicesTicket(String title) {
    var response = server.send(HttpMethod.POST, "/api/v1/tickets", alice, new JsonObject().put("title", title)
        .put("queue_id", support).put("article", new JsonObject().put("body", "please see the attached file")));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    long ticketId = response.bodyAsJsonObject().getLong("id");
    return new long[] {ticketId, firstArticle(alice, ticketId)};
  }

  private long[] agentsTicket(String title) {
    long ticketId = fixtures.ticket(rw, support, title, "body").getLong("id");
    return new long[] {ticketId, firstArticle(rw, ticketId)};
  }

  private long rows(String sql, Object... parameters) {
    return (Long) server.scalar(sql, parameters);
  }

  @Test
  @DisplayName("a 3 MB file goes up and comes back byte for byte, stored once on disk under its SHA-256")
  void roundTrip() throws Exception {
    long[] ids = agentsTicket("Round trip");
    Path file = Uploads.randomFile(THREE_MB, 1);
    JsonObject item = Uploads.created(uploads.file(rw, ids[0], ids[1], file, "big.bin", "application/octet-stream"));
    String sha256 = Uploads.sha256(file);

    assertEquals(ids[1], item.getLong("article_id"));
    assertEquals("big.bin", item.getString("filename"));
    assertEquals("application/octet-stream", item.getString("content_type"));
    assertEquals(THREE_MB, item.getLong("content_size"));
    assertEquals(sha256, item.getString("checksum"));
    assertEquals("attachment", item.getString("disposition"));
    assertTrue(item.containsKey("content_id"));
    assertNotNull(item.getString("create_time"));

    Map<String, Object> row = server.sql("SELECT * FROM article_attachment WHERE id = ?", item.getLong("id")).get(0);
    assertEquals(sha256, row.get("checksum"));
    assertEquals(String.valueOf(THREE_MB), row.get("content_size"));
    assertEquals("filesystem", row.get("storage_backend"));
    assertEquals(AttachmentStore.relativePath(sha256), row.get("storage_path"));
    assertNull(row.get("content"));
    assertEquals(sha256, Uploads.sha256(uploads.storedFile(sha256)));
    assertEquals(1L, rows("SELECT count(*) FROM audit_log WHERE action = 'attachment.create' AND object_id = ? "
        + "AND new_values->>'checksum' = ? AND new_values->'content' IS NULL", String.valueOf(item.getLong("id")), sha256));

    var download = uploads.download(rw, ids[0], ids[1], item.getLong("id"));
    assertEquals(200, download.statusCode());
    assertEquals(sha256, Uploads.sha256(download.body().getBytes()));
    assertArrayEquals(Files.readAllBytes(file), download.body().getBytes());
    assertEquals(String.valueOf(THREE_MB), download.getHeader("Content-Length"));
    assertEquals("nosniff", download.getHeader("X-Content-Type-Options"));
    assertEquals("application/octet-stream", download.getHeader("Content-Type"));
    assertEquals(0, uploads.filesUnder("tmp").size(), "no temp file stays behind");

    var listed = server.send(HttpMethod.GET, Uploads.path(ids[0], ids[1]), reader, null);
    assertEquals(200, listed.statusCode());
    assertEquals(item, listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0));
  }

  @Test
  @DisplayName("several files in one request are stored together; a part named inline is inline")
  void severalFiles() {
    long[] ids = agentsTicket("Several files");
    var response = uploads.send(noteTaker, ids[0], ids[1], MultipartForm.create()
        .binaryFileUpload("file", "a.txt", io.vertx.core.buffer.Buffer.buffer("first"), "text/plain")
        .binaryFileUpload("inline", "logo.png", io.vertx.core.buffer.Buffer.buffer("png bytes"), "image/png"));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    var items = response.bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, items.size());
    assertEquals("attachment", items.getJsonObject(0).getString("disposition"));
    assertEquals("inline", items.getJsonObject(1).getString("disposition"));
    assertEquals("image/png", items.getJsonObject(1).getString("content_type"));
    assertEquals("first", uploads.download(reader, ids[0], ids[1], items.getJsonObject(0).getLong("id")).bodyAsString());
  }

  @Test
  @DisplayName("a content_id marks its single file inline; with two files it is refused and nothing is kept")
  void contentId() {
    long[] ids = agentsTicket("Content id");
    JsonObject item = Uploads.created(uploads.send(rw, ids[0], ids[1], MultipartForm.create()
        .attribute("content_id", "<logo@example>")
        .binaryFileUpload("file", "logo.png", io.vertx.core.buffer.Buffer.buffer("logo"), "image/png")));
    assertEquals("inline", item.getString("disposition"));
    assertEquals("<logo@example>", item.getString("content_id"));

    long before = rows("SELECT count(*) FROM article_attachment");
    var refused = uploads.send(rw, ids[0], ids[1], MultipartForm.create()
        .attribute("content_id", "<two@example>")
        .binaryFileUpload("file", "a.png", io.vertx.core.buffer.Buffer.buffer("unique a " + System.nanoTime()), "image/png")
        .binaryFileUpload("file", "b.png", io.vertx.core.buffer.Buffer.buffer("unique b " + System.nanoTime()), "image/png"));
    assertEquals(422, refused.statusCode());
    assertEquals("content_id", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(before, rows("SELECT count(*) FROM article_attachment"));
    assertEquals(0, uploads.filesUnder("tmp").size());
  }

  @Test
  @DisplayName("a file name with directories is stored as its last part, and nothing is written outside the store")
  void pathTraversal() {
    long[] ids = agentsTicket("Traversal");
    byte[] content = Uploads.utf8("root:x:0:0 " + System.nanoTime());
    JsonObject item = Uploads.created(uploads.bytes(rw, ids[0], ids[1], content, "../../etc/passwd", "text/plain"));
    assertEquals("passwd", item.getString("filename"));
    JsonObject windows = Uploads.created(uploads.raw(rw, ids[0], ids[1],
        "Content-Disposition: form-data; name=\"file\"; filename=\"..\\\\..\\\\boot.ini\"", Uploads.utf8("x")));
    assertEquals("boot.ini", windows.getString("filename"));
    assertFalse(Files.exists(uploads.dataDir().getParent().resolve("etc")));
    assertEquals(Uploads.sha256(content), Uploads.sha256(uploads.storedFile(Uploads.sha256(content))));
  }

  @Test
  @DisplayName("the download header carries quotes, line breaks and umlauts safely")
  void safeContentDisposition() {
    long[] ids = agentsTicket("Names");
    JsonObject item = Uploads.created(uploads.raw(rw, ids[0], ids[1],
        "Content-Disposition: form-data; name=\"file\"; filename=\"Bericht für Jürgen.txt\"\r\nContent-Type: text/plain",
        Uploads.utf8("hallo")));
    assertEquals("Bericht für Jürgen.txt", item.getString("filename"), "UTF-8 names survive the upload");
    var download = uploads.download(rw, ids[0], ids[1], item.getLong("id"));
    assertEquals("attachment; filename=\"Bericht f_r J_rgen.txt\"; filename*=UTF-8''Bericht%20f%C3%BCr%20J%C3%BCrgen.txt",
        download.getHeader("Content-Disposition"));

    // names imported from elsewhere may hold anything
    server.sql("UPDATE article_attachment SET filename = ? WHERE id = ?",
        "evil\".html\r\nSet-Cookie: a=b\r\n\r\nü.txt", item.getLong("id"));
    var evil = uploads.download(rw, ids[0], ids[1], item.getLong("id"));
    assertEquals(200, evil.statusCode());
    assertNull(evil.getHeader("Set-Cookie"));
    String disposition = evil.getHeader("Content-Disposition");
    assertEquals("attachment; filename=\"evil_.html__Set-Cookie: a=b_____.txt\"; "
        + "filename*=UTF-8''evil%22.html%0D%0ASet-Cookie%3A%20a%3Db%0D%0A%0D%0A%C3%BC.txt", disposition);
    assertEquals("hallo", evil.bodyAsString());
  }

  @Test
  @DisplayName("HTML and SVG are downloaded as application/octet-stream, never rendered")
  void scriptableTypesAreNotServedAsSuch() {
    long[] ids = agentsTicket("Scripts");
    JsonObject html = Uploads.created(uploads.bytes(rw, ids[0], ids[1],
        Uploads.utf8("<script>alert(1)</script>"), "x.html", "text/html"));
    JsonObject svg = Uploads.created(uploads.bytes(rw, ids[0], ids[1],
        Uploads.utf8("<svg onload=alert(1)/>"), "x.svg", "image/svg+xml"));
    JsonObject text = Uploads.created(uploads.bytes(rw, ids[0], ids[1], Uploads.utf8("plain"), "x.txt", "text/plain"));
    assertEquals("text/html", html.getString("content_type"), "the row keeps what was sent");
    for (JsonObject item : new JsonObject[] {html, svg}) {
      var download = uploads.download(rw, ids[0], ids[1], item.getLong("id"));
      assertEquals("application/octet-stream", download.getHeader("Content-Type"));
      assertEquals("nosniff", download.getHeader("X-Content-Type-Options"));
    }
    assertEquals("text/plain", uploads.download(rw, ids[0], ids[1], text.getLong("id")).getHeader("Content-Type"));
  }

  @Test
  @DisplayName("customers attach to their own messages only and never see others' or internal attachments")
  void customerPermissions() {
    long[] ids = alicesTicket("Alice's printer");
    JsonObject mine = Uploads.created(uploads.bytes(alice, ids[0], ids[1], Uploads.utf8("alice's log"), "log.txt",
        "text/plain"));
    assertEquals("alice's log", uploads.download(alice, ids[0], ids[1], mine.getLong("id")).bodyAsString());
    assertEquals(404, uploads.download(bob, ids[0], ids[1], mine.getLong("id")).statusCode(),
        "another customer's ticket does not exist for bob");
    assertEquals(404, server.send(HttpMethod.GET, Uploads.path(ids[0], ids[1]), bob, null).statusCode());
    assertEquals(404, uploads.bytes(bob, ids[0], ids[1], Uploads.utf8("x"), "x.txt", "text/plain").statusCode());

    long reply = article(ids[0], rw, new JsonObject().put("body", "Dear Alice").put("internal_note", false));
    assertEquals(201, uploads.bytes(rw, ids[0], reply, Uploads.utf8("manual"), "manual.pdf", "application/pdf")
        .statusCode());
    assertEquals(403, uploads.bytes(alice, ids[0], reply, Uploads.utf8("x"), "x.txt", "text/plain").statusCode(),
        "the agent's reply is not hers to attach to");
    assertEquals(1, server.send(HttpMethod.GET, Uploads.path(ids[0], reply), alice, null).bodyAsJsonObject()
        .getJsonArray("items").size(), "she reads the reply's attachment");

    long note = article(ids[0], rw, new JsonObject().put("body", "internal thoughts").put("internal_note", true));
    JsonObject secret = Uploads.created(uploads.bytes(rw, ids[0], note, Uploads.utf8("secret"), "secret.txt",
        "text/plain"));
    assertEquals(404, uploads.download(alice, ids[0], note, secret.getLong("id")).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, Uploads.path(ids[0], note), alice, null).statusCode());
    assertEquals(404, uploads.bytes(alice, ids[0], note, Uploads.utf8("x"), "x.txt", "text/plain").statusCode());
    assertEquals(404, uploads.download(alice, ids[0], ids[1], secret.getLong("id")).statusCode(),
        "an attachment is found only under its own article");
    assertEquals(403, server.send(HttpMethod.DELETE, Uploads.path(ids[0], ids[1]) + "/" + mine.getLong("id"), alice,
        null).statusCode(), "customers do not delete attachments");
  }

  @Test
  @DisplayName("agents attach with note and delete with rw; an article of another ticket is a 404")
  void agentPermissions() {
    long[] ids = agentsTicket("Agent keys");
    long[] other = agentsTicket("Other ticket");
    long before = rows("SELECT count(*) FROM article_attachment");
    assertEquals(403, uploads.bytes(reader, ids[0], ids[1], Uploads.utf8("x"), "x.txt", "text/plain").statusCode());
    assertEquals(404, uploads.bytes(rw, ids[0], other[1], Uploads.utf8("x"), "x.txt", "text/plain").statusCode());
    assertEquals(404, uploads.bytes(rw, 999_999, ids[1], Uploads.utf8("x"), "x.txt", "text/plain").statusCode());
    assertEquals(before, rows("SELECT count(*) FROM article_attachment"));

    JsonObject item = Uploads.created(uploads.bytes(noteTaker, ids[0], ids[1], Uploads.utf8("note's file"), "n.txt",
        "text/plain"));
    String one = Uploads.path(ids[0], ids[1]) + "/" + item.getLong("id");
    assertEquals(403, server.send(HttpMethod.DELETE, one, noteTaker, null).statusCode());
    assertEquals(404, server.send(HttpMethod.DELETE, Uploads.path(other[0], other[1]) + "/" + item.getLong("id"), rw,
        null).statusCode());
    assertEquals(204, server.send(HttpMethod.DELETE, one, rw, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, one, rw, null).statusCode());
    assertEquals(1L, rows("SELECT count(*) FROM audit_log WHERE action = 'attachment.delete' AND object_id = ?",
        String.valueOf(item.getLong("id"))));
  }

  @Test
  @DisplayName("identical content is stored once; deleting one attachment keeps the file the other still uses")
  void sharedFiles() {
    long[] first = agentsTicket("Shared one");
    long[] second = agentsTicket("Shared two");
    byte[] content = Uploads.random(200_000, 7);
    String sha256 = Uploads.sha256(content);
    JsonObject a = Uploads.created(uploads.bytes(rw, first[0], first[1], content, "a.bin", "application/octet-stream"));
    JsonObject b = Uploads.created(uploads.bytes(rw, second[0], second[1], content, "b.bin", "application/zip"));
    assertEquals(1, uploads.filesUnder("attachments").stream()
        .filter(file -> file.getFileName().toString().equals(sha256)).count());
    assertEquals(2L, rows("SELECT count(*) FROM article_attachment WHERE checksum = ?", sha256));

    assertEquals(204, server.send(HttpMethod.DELETE, Uploads.path(first[0], first[1]) + "/" + a.getLong("id"), rw,
        null).statusCode());
    assertTrue(Files.exists(uploads.storedFile(sha256)), "the second attachment still needs the file");
    assertEquals(sha256, Uploads.sha256(uploads.download(rw, second[0], second[1], b.getLong("id")).body().getBytes()));

    assertEquals(204, server.send(HttpMethod.DELETE, Uploads.path(second[0], second[1]) + "/" + b.getLong("id"), rw,
        null).statusCode());
    assertFalse(Files.exists(uploads.storedFile(sha256)), "the last reference is gone, so is the file");
  }

  @Test
  @DisplayName("deleting a ticket removes its attachment rows and their files, but not files other tickets share")
  void ticketDeletionCollectsFiles() {
    long[] doomed = agentsTicket("Doomed");
    long[] keeper = agentsTicket("Keeper");
    byte[] own = Uploads.random(50_000, 11);
    byte[] shared = Uploads.random(50_000, 12);
    Uploads.created(uploads.bytes(rw, doomed[0], doomed[1], own, "own.bin", "application/octet-stream"));
    Uploads.created(uploads.bytes(rw, doomed[0], doomed[1], shared, "shared.bin", "application/octet-stream"));
    Uploads.created(uploads.bytes(rw, keeper[0], keeper[1], shared, "shared.bin", "application/octet-stream"));

    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/tickets/" + doomed[0], admin, null).statusCode());
    assertEquals(0L, rows("SELECT count(*) FROM article_attachment WHERE article_id = ?", doomed[1]));
    assertFalse(Files.exists(uploads.storedFile(Uploads.sha256(own))));
    assertTrue(Files.exists(uploads.storedFile(Uploads.sha256(shared))));
  }

  @Test
  @DisplayName("a multipart upload without a token is answered 401 at once, even with a large body")
  void unauthenticatedUpload() {
    long[] ids = agentsTicket("No token");
    long before = rows("SELECT count(*) FROM article_attachment");
    var small = uploads.bytes(null, ids[0], ids[1], Uploads.utf8("x"), "x.txt", "text/plain");
    assertEquals(401, small.statusCode());
    assertEquals("application/problem+json", small.getHeader("Content-Type"));
    var large = uploads.file(null, ids[0], ids[1], Uploads.randomFile(THREE_MB, 3), "big.bin", "application/octet-stream");
    assertEquals(401, large.statusCode());
    assertEquals(before, rows("SELECT count(*) FROM article_attachment"));
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/tickets/" + ids[0], rw, null).statusCode(),
        "the server goes on serving");
  }

  @Test
  @DisplayName("an upload that is not multipart/form-data is a 415, one without files a 422; JSON routes refuse multipart")
  void wrongShapes() {
    long[] ids = agentsTicket("Shapes");
    assertEquals(415, server.send(HttpMethod.POST, Uploads.path(ids[0], ids[1]), rw, new JsonObject().put("a", 1))
        .statusCode());
    var noFiles = uploads.send(rw, ids[0], ids[1], MultipartForm.create().attribute("content_id", "x"));
    assertEquals(422, noFiles.statusCode(), noFiles.bodyAsString());
    var toJsonRoute = TestServer.await(server.client().post("/api/v1/tickets").bearerTokenAuthentication(rw)
        .sendMultipartForm(MultipartForm.create().attribute("title", "x")));
    assertEquals(415, toJsonRoute.statusCode(), "JSON routes still want JSON");
    assertEquals("application/problem+json", toJsonRoute.getHeader("Content-Type"));
  }
}
