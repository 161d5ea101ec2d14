package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** How the pages and their files are served: one version per page load, and the pure modules run in Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {

  private static final Pattern CONSOLE_SCRIPT = Pattern.compile("src=\"(/v/[0-9a-f]{12}/)app/console\\.js\"");

  private TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String prefix() {
    Matcher script = CONSOLE_SCRIPT.matcher(server.get("/").bodyAsString());
    assertTrue(script.find(), "the console page loads its script from a versioned address");
    return script.group(1);
  }

  private HttpResponse<Buffer> get(String path, Map<String, String> headers) {
    var request = server.client().request(HttpMethod.GET, path);
    headers.forEach(request::putHeader);
    return TestServer.await(request.send());
  }

  @Test
  @DisplayName("every page is revalidated on each load and takes its scripts, styles and icon from one version")
  void pagesPointIntoOneVersion() {
    String prefix = prefix();
    for (String path : List.of("/", "/wallboard", "/admin/", "/portal/", "/portal/chat.html")) {
      HttpResponse<Buffer> page = server.get(path);
      assertEquals(200, page.statusCode(), path);
      assertEquals("no-cache", page.getHeader("Cache-Control"), path);
      String html = page.bodyAsString();
      assertTrue(html.contains("<script type=\"module\" src=\"" + prefix), path + " loads its module from " + prefix);
      assertTrue(html.contains("<link rel=\"stylesheet\" href=\"" + prefix + "app.css\">"), path);
      assertTrue(html.contains("<link rel=\"icon\" href=\"" + prefix + "favicon.svg\""), path);
      assertFalse(html.matches("(?s).*(src|href)=\"/(app|admin|portal)/[a-z-]+\\.(js|css)\".*"), path + " has no unversioned asset");
    }
    assertTrue(server.get("/").bodyAsString().contains("<a href=\"/admin/\""), "links to other pages stay as they are");
  }

  @Test
  @DisplayName("a page asked for again with its ETag is 304 Not Modified")
  void pageRevalidates() {
    String etag = server.get("/portal/").getHeader("ETag");
    assertEquals(304, get("/portal/", Map.of("If-None-Match", etag)).statusCode());
  }

  @Test
  @DisplayName("a versioned file is cached for good; a version this server does not have is 404")
  void versionedFilesAreImmutable() {
    String prefix = prefix();
    HttpResponse<Buffer> module = server.get(prefix + "app/console.js");
    assertEquals(200, module.statusCode());
    assertTrue(module.getHeader("Cache-Control").contains("immutable"), module.getHeader("Cache-Control"));
    assertTrue(module.getHeader("Content-Type").startsWith("application/javascript")
        || module.getHeader("Content-Type").startsWith("text/javascript"), module.getHeader("Content-Type"));
    assertEquals(200, server.get(prefix + "i18n/de.json").statusCode());
    assertEquals(404, server.get("/v/000000000000/app/console.js").statusCode());
  }

  @Test
  @DisplayName("the chat widget keeps its embed address and is revalidated on each load")
  void chatWidgetKeepsItsAddress() {
    HttpResponse<Buffer> widget = server.get("/chat-widget.js");
    assertEquals(200, widget.statusCode());
    assertEquals("no-cache", widget.getHeader("Cache-Control"));
  }

  @Test
  @DisplayName("modules import each other by relative paths, so a module loaded from a version stays in it")
  void importsAreRelative() throws IOException {
    Pattern absolute = Pattern.compile("(?m)^\\s*import\\b[^;]*?from\\s+'/|\\bimport\\(\\s*'/");
    try (Stream<Path> files = Files.walk(Path.of(WebUi.ROOT))) {
      List<Path> offending = files.filter(file -> file.toString().endsWith(".js"))
          .filter(file -> absolute.matcher(read(file)).find())
          .toList();
      assertEquals(List.of(), offending);
    }
  }

  @Test
  @DisplayName("the pure helpers of the modules work in Chromium: t fills in names, durations, sizes, snippets, query strings")
  void moduleHelpers() {
    try (Browser browser = Browser.open(server.port())) {
      browser.go("/favicon.svg");
      Object results = browser.asyncScript("""
          const done = arguments[arguments.length - 1];
          Promise.all([import('/app/i18n.js'), import('/app/dom.js'), import('/app/api.js')])
            .then(async ([i18n, dom, api]) => {
              await i18n.init('de');
              const fragment = dom.snippet('a &lt;b&gt; <mark>x</mark> &amp; <i>y</i>');
              const holder = document.createElement('div');
              holder.append(fragment);
              done({
                filled: i18n.t('list.summary', { n: 3 }),
                fallback: i18n.t('no.such.key'),
                untouched: i18n.t('error.generic'),
                durations: [dom.duration(null), dom.duration(59.4), dom.duration(61), dom.duration(3725)],
                sizes: [dom.bytes(1023), dom.bytes(2048), dom.bytes(5 * 1024 * 1024)],
                snippetText: holder.textContent,
                marks: holder.querySelectorAll('mark').length,
                italics: holder.querySelectorAll('i').length,
                query: api.query({ a: 1, b: '', c: null, d: 'x y', e: undefined }),
                element: dom.h('p.one.two', { id: 'p', hidden: true, text: 'hi' }).outerHTML,
              });
            })
            .catch((error) => done({ error: String(error) }));
          """);
      assertEquals(Map.ofEntries(
          Map.entry("filled", "3 Tickets angezeigt"),
          Map.entry("fallback", "no.such.key"),
          Map.entry("untouched", "Etwas ist schiefgegangen: {detail}"),
          Map.entry("durations", List.of("–", "59s", "1m 01s", "1h 02m")),
          Map.entry("sizes", List.of("1023 B", "2.0 KB", "5.0 MB")),
          Map.entry("snippetText", "a <b> x & <i>y</i>"),
          Map.entry("marks", 1L),
          Map.entry("italics", 0L),
          Map.entry("query", "?a=1&d=x+y"),
          Map.entry("element", "<p class=\"one two\" id=\"p\" hidden=\"\">hi</p>")), results);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
