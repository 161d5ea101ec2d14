package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The widget and the agent's chat console send files to each other: the visitor's PDF shows as a link in the
 * console, the agent's image shows inline in the widget.
 */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatFilesBrowserTest {

  /** Chooses a made-up file in a file input, as a person picking one would, and announces the change. */
  private static final String CHOOSE_FILE = """
      const input = arguments[0];
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(arguments[3])], arguments[1], {type: arguments[2]}));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));""";
  private static final String WIDGET = "return document.querySelector('#gotrs-chat').shadowRoot";

  private final TestServer server;
  private Browser agentBrowser;
  private Browser visitorBrowser;

  ChatFilesBrowserTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures, @Admin String admin) {
    Browser.assumeInstalled();
    int group = fixtures.group("chat-files");
    int queue = fixtures.queue("Files", group);
    fixtures.agent("fiona", "fiona-password", group, "rw");
    var chosen = server.send(HttpMethod.PATCH, "/api/v1/settings/intake", admin,
        new JsonObject().put("chat_queue_id", queue));
    assertEquals(200, chosen.statusCode(), chosen.bodyAsString());
    agentBrowser = Browser.open(server.port());
    visitorBrowser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    for (Browser browser : new Browser[] {agentBrowser, visitorBrowser}) {
      if (browser != null) {
        browser.close();
      }
    }
  }

  /** A small picture: a blue square with a yellow bar, as a PNG. */
  private static byte[] png() {
    BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(new Color(0x1f6feb));
    graphics.fillRect(0, 0, 120, 80);
    graphics.setColor(new Color(0xe3a008));
    graphics.fillRect(10, 50, 100, 15);
    graphics.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Bytes as the numbers a script argument can carry. */
  private static List<Integer> bytes(byte[] bytes) {
    List<Integer> numbers = new ArrayList<>(bytes.length);
    for (byte b : bytes) {
      numbers.add(b & 0xff);
    }
    return numbers;
  }

  private Object widget(String script, Object... arguments) {
    return visitorBrowser.script(WIDGET + script, arguments);
  }

  @Test
  @DisplayName("a visitor sends a PDF from the widget and sees the agent's image inline, sees the agent typing and rates "
      + "the chat; its ticket is the agent's, closed successful, with the conversation and both files")
  void filesBothWays() {
    agentBrowser.go("/#/chats");
    agentBrowser.signIn("fiona", "fiona-password");
    agentBrowser.visible("#chats-waiting");
    Await.until(Duration.ofSeconds(10), () -> server.get("/api/v1/chats/availability").bodyAsJsonObject()
        .getBoolean("available"), () -> "fiona is online for chats");

    visitorBrowser.go("/portal/chat.html");
    visitorBrowser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(visitorBrowser.script(
        "return !!document.querySelector('#gotrs-chat')?.shadowRoot;")));
    visitorBrowser.script("window.GotrsChat.open();");
    widget(".querySelector('input[name=name]').value = 'Greta Visitor';");
    widget(".querySelector('input[name=email]').value = 'greta@visitor.example';");
    widget(".querySelector('textarea[name=message]').value = 'My invoice is wrong';");
    widget(".querySelector('form').requestSubmit();");

    agentBrowser.visible("[data-accept]", Duration.ofSeconds(10));
    agentBrowser.find("[data-accept]").click();
    agentBrowser.text("#chat-transcript", "My invoice is wrong");
    visitorBrowser.waiting(Duration.ofSeconds(10)).until(d -> String.valueOf(widget(".querySelector('.status').textContent"))
        .startsWith("Chatting with"));

    visitorBrowser.script(CHOOSE_FILE, visitorBrowser.script(WIDGET + ".querySelector('input[type=file]')"),
        "invoice.pdf", "application/pdf", bytes("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
    agentBrowser.text("#chat-transcript", "invoice.pdf");

    agentBrowser.script(CHOOSE_FILE, agentBrowser.find("#chat-file"), "screenshot.png", "image/png", bytes(png()));
    visitorBrowser.waiting(Duration.ofSeconds(10)).until(d -> String.valueOf(
        widget(".querySelector('.agent .files img')?.getAttribute('src') || ''")).startsWith("blob:"));
    assertEquals("screenshot.png", widget(".querySelector('.agent .files img').alt"));
    assertTrue(String.valueOf(widget(".querySelector('.customer .files').textContent")).contains("invoice.pdf"));
    visitorBrowser.screenshot("chat-widget-files");
    agentBrowser.screenshot("chat-console-files");

    agentBrowser.type("#chat-input", "Let me look");
    visitorBrowser.waiting(Duration.ofSeconds(10)).until(d -> String.valueOf(
        widget(".querySelector('.typing').textContent")).contains("Agent is typing"));

    agentBrowser.find("#chat-close").click();
    visitorBrowser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.FALSE.equals(
        widget(".querySelector('form.rate').hidden")));
    widget(".querySelector('form.rate [data-score=\"4\"]').click();");
    widget(".querySelector('form.rate textarea').value = 'Quick and friendly';");
    widget(".querySelector('form.rate').requestSubmit();");
    visitorBrowser.waiting(Duration.ofSeconds(10)).until(d -> String.valueOf(
        widget(".querySelector('.status').textContent")).contains("Thank you for your rating"));
    visitorBrowser.screenshot("chat-widget-rated");

    long ticketId = ((Number) server.scalar("SELECT ticket_id FROM chat WHERE customer_name = 'Greta Visitor'"))
        .longValue();
    assertEquals("fiona", server.scalar("SELECT u.login FROM ticket t JOIN users u ON u.id = t.user_id WHERE t.id = ?",
        ticketId));
    assertEquals("closed successful", server.scalar(
        "SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id WHERE t.id = ?", ticketId));
    assertEquals(1L, server.scalar(
        "SELECT count(*) FROM article WHERE ticket_id = ? AND coalesce(plain_body, body) LIKE '%My invoice is wrong%'",
        ticketId), "the conversation is on the ticket");
    assertEquals(List.of("invoice.pdf", "screenshot.png"), server.sql("""
        SELECT aa.filename FROM article_attachment aa JOIN article a ON a.id = aa.article_id
         WHERE a.ticket_id = ? ORDER BY aa.filename""", ticketId).stream().map(row -> row.get("filename")).toList());
    assertEquals(4, ((Number) server.scalar("SELECT score FROM ticket_rating WHERE ticket_id = ?", ticketId)).intValue());
    assertEquals(List.of(), agentBrowser.consoleErrors());
    assertEquals(List.of(), visitorBrowser.consoleErrors());
  }
}
