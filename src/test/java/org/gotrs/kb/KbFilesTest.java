package org.gotrs.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An article's images are files of the article, read by whoever may read the article. */
@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"tickets": {"attachment_storage": "filesystem", "attachment_max_bytes": 100000}}"""})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KbFilesTest {

  /** A 1x1 PNG. */
  static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  private final TestServer server;
  private final Fixtures fixtures;
  private final Api api;
  private final String admin;
  private String writer;
  private String colleague;
  private String outsider;
  private String customer;
  private int open;
  private int billing;

  KbFilesTest(TestServer server, Fixtures fixtures, Api api, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.api = api;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("kbf-billing");
    fixtures.agent("kbf-writer", "pw", group, "rw");
    fixtures.agent("kbf-colleague", "pw", group, "rw");
    fixtures.agent("kbf-outsider", "pw", null);
    fixtures.company("kbf-co");
    fixtures.customer("kbf-customer", "pw", "kbf-co");
    writer = server.login("kbf-writer", "pw");
    colleague = server.login("kbf-colleague", "pw");
    outsider = server.login("kbf-outsider", "pw");
    customer = fixtures.customerLogin("kbf-customer", "pw");
    open = api.post("/kb/categories", admin, new JsonObject().put("name", "Files open")).bodyAsJsonObject()
        .getInteger("id");
    billing = api.post("/kb/categories", admin, new JsonObject().put("name", "Files billing")
        .put("group_ids", new JsonArray().add(group))).bodyAsJsonObject().getInteger("id");
  }

  private HttpResponse<Buffer> upload(String token, byte[] bytes, String filename, String type) {
    HttpRequest<Buffer> request = server.client().post("/api/v1/kb/files");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return TestServer.await(request.sendMultipartForm(MultipartForm.create()
        .binaryFileUpload("file", filename, Buffer.buffer(bytes), type)));
  }

  private JsonObject uploaded(String token) {
    var response = upload(token, PNG, "Printer tray.png", "image/png");
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> save(String token, int category, String body, String state) {
    return api.post("/kb/articles", token, new JsonObject().put("category_id", category).put("title", "Tray " + state)
        .put("body", body).put("state", state).put("language", "en"));
  }

  private JsonObject saved(String token, int category, String body, String state) {
    var response = save(token, category, body, state);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static String image(String url) {
    return "<p>Open the tray.</p><p><img src=\"" + url + "\" alt=\"tray\"></p>";
  }

  @Test
  @DisplayName("an uploaded image is its uploader's until an article is saved with it; a public article's is anyone's, also in /help/")
  void uploadedImageBecomesThePublicArticles() {
    JsonObject file = uploaded(writer);
    String url = file.getString("url");
    assertTrue(url.matches("/help/files/\\d+/printer-tray\\.png"), url);
    assertEquals("image/png", file.getString("content_type"));
    long id = file.getLong("id");
    assertEquals(200, api.get("/kb/files/" + id, writer).statusCode(), "the uploader sees it");
    assertEquals(404, api.get("/kb/files/" + id, colleague).statusCode(), "nobody else does yet");
    assertEquals(404, server.get(url).statusCode());

    JsonObject article = saved(writer, open, image(url), "public");
    assertTrue(article.getString("body").contains("src=\"" + url + "\""), article.getString("body"));
    var anonymous = server.get(url);
    assertEquals(200, anonymous.statusCode());
    assertEquals("image/png", anonymous.getHeader("Content-Type"));
    assertEquals("nosniff", anonymous.getHeader("X-Content-Type-Options"));
    assertTrue(java.util.Arrays.equals(PNG, anonymous.body().getBytes()));
    String page = server.get("/help/articles/" + article.getLong("id")).bodyAsString();
    assertTrue(page.contains("<img src=\"" + url + "\""), page);
    assertEquals(200, api.get("/kb/files/" + id, colleague).statusCode());
  }

  @Test
  @DisplayName("an internal article's image is read by the agents who may read the article, never anonymously")
  void internalImageFollowsTheArticle() {
    String url = uploaded(writer).getString("url");
    long id = uploaded(writer).getLong("id");
    saved(writer, billing, image(url) + image("/help/files/" + id + "/x.png"), "internal");
    long first = Long.parseLong(url.split("/")[3]);
    assertEquals(404, server.get(url).statusCode(), "not in the help center");
    assertEquals(200, api.get("/kb/files/" + first, colleague).statusCode(), "a colleague in the group");
    assertEquals(404, api.get("/kb/files/" + first, outsider).statusCode(), "an agent outside the group");
    assertEquals(403, api.get("/kb/files/" + first, customer).statusCode(), "customers read the help center");
    assertEquals(401, api.get("/kb/files/" + first, null).statusCode());
  }

  @Test
  @DisplayName("an image pasted as a data: URL is moved into a file of the article when it is saved")
  void dataUrlImagesBecomeFiles() {
    String data = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
    JsonObject article = saved(writer, open, image(data), "public");
    String body = article.getString("body");
    assertFalse(body.contains("data:"), body);
    var matcher = java.util.regex.Pattern.compile("src=\"(/help/files/\\d+/image-1\\.png)\"").matcher(body);
    assertTrue(matcher.find(), body);
    assertEquals(200, server.get(matcher.group(1)).statusCode());
    assertEquals(body, api.get("/kb/articles/" + article.getLong("id"), writer).bodyAsJsonObject().getString("body"));

    var changed = api.patch("/kb/articles/" + article.getLong("id"), writer,
        new JsonObject().put("body", body + image(data)));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertFalse(changed.bodyAsJsonObject().getString("body").contains("data:"));
  }

  @Test
  @DisplayName("an image of another article is copied into the article that now shows it; someone else's upload is refused")
  void imagesOfOthers() {
    String url = uploaded(writer).getString("url");
    saved(writer, open, image(url), "public");
    JsonObject copy = saved(colleague, open, image(url), "public");
    String body = copy.getString("body");
    assertFalse(body.contains(url), "the copy has its own address: " + body);
    assertTrue(body.contains("/help/files/"), body);

    String someoneElses = uploaded(writer).getString("url");
    var refused = save(colleague, open, image(someoneElses), "draft");
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertEquals(422, save(writer, open, image("/help/files/987654321/none.png"), "draft").statusCode());
  }

  @Test
  @DisplayName("only raster images up to the attachment limit are taken (415, 413), from agents only")
  void limits() {
    var svg = upload(writer, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(),
        "x.png", "image/png");
    assertEquals(415, svg.statusCode(), svg.bodyAsString());
    assertEquals(415, upload(writer, "just text".getBytes(), "notes.txt", "text/plain").statusCode());
    byte[] large = new byte[150_000];
    System.arraycopy(PNG, 0, large, 0, PNG.length);
    assertEquals(413, upload(writer, large, "big.png", "image/png").statusCode());
    assertEquals(415, api.post("/kb/files", writer, new JsonObject().put("file", "x")).statusCode());
    assertEquals(401, upload(null, PNG, "a.png", "image/png").statusCode());
    assertEquals(403, upload(customer, PNG, "a.png", "image/png").statusCode());
    String big = "data:image/png;base64," + Base64.getEncoder().encodeToString(large);
    assertEquals(413, save(writer, open, image(big), "draft").statusCode());
  }

  @Test
  @DisplayName("deleting an article deletes its images, and their stored files once nothing else shows them")
  void deletedWithTheArticle() throws Exception {
    byte[] unique = java.util.Arrays.copyOf(PNG, PNG.length + 7);
    var response = upload(writer, unique, "unique.png", "image/png");
    assertEquals(201, response.statusCode(), response.bodyAsString());
    String checksum = (String) server.scalar("SELECT checksum FROM kb_attachment WHERE id = ?",
        response.bodyAsJsonObject().getLong("id"));
    Path stored = server.app().config().dataPath().resolve("attachments/" + checksum.substring(0, 2) + "/"
        + checksum.substring(2, 4) + "/" + checksum);
    assertTrue(Files.exists(stored));
    long article = saved(writer, open, image(response.bodyAsJsonObject().getString("url")), "draft").getLong("id");
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/kb/articles/" + article, writer, null).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM kb_attachment WHERE checksum = ?", checksum));
    assertFalse(Files.exists(stored));
  }
}
