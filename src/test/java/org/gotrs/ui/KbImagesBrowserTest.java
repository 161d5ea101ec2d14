package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** An agent inserts an image into an article in the editor; it is uploaded, kept as the article's file and shown. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KbImagesBrowserTest {

  private static final Pattern IMAGE = Pattern.compile("src=\"(/help/files/(\\d+)/[^\"]+)\"");

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;

  KbImagesBrowserTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    String admin = server.loginAdmin();
    server.send(HttpMethod.POST, "/api/v1/kb/categories", admin, new JsonObject().put("name", "Printing"));
    fixtures.agent("kbi-anna", "anna-password", null);
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "the browser console stays free of errors");
  }

  private static Path tray() throws Exception {
    BufferedImage image = new BufferedImage(240, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x1f6feb));
    g.fillRect(0, 0, 240, 120);
    g.setColor(Color.WHITE);
    g.fillRect(40, 40, 160, 40);
    g.dispose();
    Path file = Files.createTempFile("tray", ".png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  /** Whether the editor's first image has loaded and shows pixels. */
  private boolean editorImageShown() {
    WebElement frame = browser.visible(".tox-edit-area iframe", Duration.ofSeconds(15));
    browser.driver().switchTo().frame(frame);
    try {
      List<WebElement> images = browser.driver().findElements(By.cssSelector("#tinymce img"));
      return !images.isEmpty() && Boolean.TRUE.equals(browser.script(
          "return arguments[0].complete && arguments[0].naturalWidth === 240;", (Object) images.get(0)));
    } finally {
      browser.driver().switchTo().defaultContent();
    }
  }

  @Test
  @Order(1)
  @DisplayName("an image inserted through the editor's upload is stored as the internal article's file and shown again after a reload")
  void insertedImageIsTheArticlesFile() throws Exception {
    browser.go("/");
    browser.signIn("kbi-anna", "anna-password");
    browser.visible("#nav-kb").click();
    browser.visible("#kb-new").click();
    browser.type("#kb-title", "Clear a paper jam");
    new Select(browser.visible("#kb-article-state")).selectByValue("internal");
    browser.visible(".tox-edit-area iframe", Duration.ofSeconds(15)).click();
    browser.write("Open tray 2 as shown: ");
    browser.visible("button[aria-label='Insert/edit image']").click();
    browser.visible(".tox-dialog .tox-tab:nth-child(2)").click();
    browser.find(".tox-dialog input[type=file]").sendKeys(tray().toString());
    browser.waiting(Duration.ofSeconds(15)).until(driver -> browser.script(
        "return document.querySelector('.tox-dialog input.tox-textfield') && "
            + "document.querySelector('.tox-dialog input.tox-textfield').value;") instanceof String value
        && value.startsWith("/help/files/"));
    browser.visible(".tox-dialog button[title='Save']").click();
    Await.until(Duration.ofSeconds(15), this::editorImageShown, () -> "the editor shows the image");
    browser.screenshot("kb-editor-image");
    browser.find("#kb-save").click();
    browser.text("#view-title", "Clear a paper jam");

    String body = String.valueOf(server.scalar("SELECT body FROM kb_article WHERE title = 'Clear a paper jam'"));
    Matcher image = IMAGE.matcher(body);
    assertTrue(image.find(), body);
    assertEquals(server.scalar("SELECT id FROM kb_article WHERE title = 'Clear a paper jam'"),
        server.scalar("SELECT article_id FROM kb_attachment WHERE id = ?", Long.parseLong(image.group(2))));
    assertEquals(404, server.get(image.group(1)).statusCode(), "an internal article's image is not public");
    browser.driver().navigate().refresh();
    Await.until(Duration.ofSeconds(15), this::editorImageShown, () -> "the editor shows the image");
  }

  @Test
  @Order(2)
  @DisplayName("a public article's pasted image is shown in the help center from its own file")
  void publicImageInTheHelpCenter() throws Exception {
    String anna = server.login("kbi-anna", "anna-password");
    String data = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(tray()));
    int category = ((Number) server.scalar("SELECT id FROM kb_category WHERE name = 'Printing'")).intValue();
    var created = server.send(HttpMethod.POST, "/api/v1/kb/articles", anna, new JsonObject().put("category_id", category)
        .put("title", "Where tray 2 is").put("state", "public")
        .put("body", "<p>Tray 2 is below tray 1.</p><p><img src=\"" + data + "\" alt=\"Tray 2\"></p>"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    browser.go("/help/articles/" + created.bodyAsJsonObject().getLong("id"));
    browser.text(".hc-article", "Tray 2 is below tray 1.");
    WebElement shown = browser.visible(".hc-body img");
    assertTrue(shown.getAttribute("src").contains("/help/files/"), shown.getAttribute("src"));
    Await.until(Duration.ofSeconds(10),
        () -> Boolean.TRUE.equals(browser.script("return arguments[0].naturalWidth === 240;", (Object) shown)),
        () -> "the help center shows the image");
    browser.screenshot("help-article-image");
  }

  @Test
  @Order(3)
  @DisplayName("a file listed under an article (an imported FAQ's) is offered in the help center and in the console")
  void listedFiles() {
    String anna = server.login("kbi-anna", "anna-password");
    int category = ((Number) server.scalar("SELECT id FROM kb_category WHERE name = 'Printing'")).intValue();
    long id = server.send(HttpMethod.POST, "/api/v1/kb/articles", anna, new JsonObject().put("category_id", category)
        .put("title", "Printer checklist").put("state", "public").put("body", "<p>Go through the checklist.</p>"))
        .bodyAsJsonObject().getLong("id");
    server.sql("INSERT INTO kb_attachment (article_id, filename, content_type, content_size, disposition, "
        + "storage_backend, content, checksum) VALUES (?, 'Checklist.pdf', 'application/pdf', 18, 'attachment', "
        + "'database', convert_to('%PDF-1.4 checklist', 'UTF8'), repeat('a', 64))", id);
    browser.go("/help/articles/" + id);
    browser.text(".hc-files", "Checklist.pdf");
    browser.screenshot("help-article-files");
    browser.go("/#/kb/article/" + id);
    browser.text(".kb-files", "Checklist.pdf", Duration.ofSeconds(15));
    browser.script("document.querySelector('.kb-files').scrollIntoView();");
    browser.screenshot("kb-article-files");
  }
}
