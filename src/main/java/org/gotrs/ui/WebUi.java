package org.gotrs.ui;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The browser pages under {@code webroot/}: the agent console, the wallboard, the customer portal and the
 * admin pages (their security headers come from org.gotrs.http.SecurityHeaders, like every response).
 *
 * <p>A deploy never lets a browser mix old and new scripts: the files are served under
 * {@code /v/<version>/}, where the version is a hash of everything under {@code webroot/}, and cached there for
 * good. The pages themselves are always revalidated; the scripts and styles they load point into the version
 * they came with, and modules import each other by relative paths, so they stay in it.
 */
public final class WebUi {

  static final String ROOT = "webroot";
  /** Where the WebJars' files are served: {@code /webjars/tinymce/6.8.3/tinymce.min.js}. */
  static final String WEBJARS = "/webjars/";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /** The script and style references of a page (not its links to other pages). */
  private static final Pattern ASSET = Pattern.compile("(<(?:script|link)\\b[^>]*?\\s(?:src|href)=\")/(?!/)");

  private final String version;
  private final Map<String, Buffer> pages;

  private WebUi(String version, Map<String, Buffer> pages) {
    this.version = version;
    this.pages = pages;
  }

  /** Reads {@code webroot/} once: its version and its pages with their references into that version. */
  public static Future<WebUi> load(Vertx vertx) {
    return vertx.executeBlocking(WebUi::read);
  }

  /** The prefix under which this build's files are served, e.g. {@code /v/3f2a9c41d0b7/}. */
  public String prefix() {
    return "/v/" + version + "/";
  }

  /** Mounts the short page addresses, the pages, the versioned files and the plain static files on the root router. */
  public void mount(Router router) {
    router.get("/wallboard").handler(ctx -> ctx.reroute("/wallboard.html"));
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/favicon.svg"));
    router.get("/portal").handler(ctx -> redirect(ctx, "/portal/"));
    router.get("/admin").handler(ctx -> redirect(ctx, "/admin/"));
    router.get("/*").handler(this::page);
    router.route(prefix() + "*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> cacheControl(ctx, IMMUTABLE))
        .handler(StaticHandler.create(ROOT).setCachingEnabled(true));
    // browser libraries from Maven Central (WebJars); their version is part of the path
    router.route(WEBJARS + "*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> cacheControl(ctx, IMMUTABLE))
        .handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
    // unversioned: the chat widget's embed address, the language files, and whatever an old page asks for
    router.route("/*")
        .handler(ctx -> cacheControl(ctx, "no-cache"))
        .handler(StaticHandler.create(ROOT).setCachingEnabled(true));
  }

  private void page(RoutingContext ctx) {
    Buffer page = pages.get(ctx.normalizedPath());
    if (page == null) {
      ctx.next();
      return;
    }
    String etag = "\"" + version + "\"";
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", etag);
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
    } else {
      ctx.response().putHeader("Content-Type", "text/html;charset=UTF-8").end(page);
    }
  }

  /** StaticHandler keeps a Cache-Control that is already set. */
  private static void cacheControl(RoutingContext ctx, String value) {
    ctx.response().putHeader("Cache-Control", value);
    ctx.next();
  }

  /** Vert.x lets a route for {@code /portal} match {@code /portal/} too; only the bare name is redirected. */
  private static void redirect(RoutingContext ctx, String location) {
    if (ctx.request().path().equals(location)) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(301).putHeader("Location", location).end();
    }
  }

  private static WebUi read() throws IOException, URISyntaxException, NoSuchAlgorithmException {
    Path root = root();
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put("/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    files.forEach((name, content) -> {
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(content);
    });
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    Map<String, Buffer> pages = new TreeMap<>();
    files.forEach((name, content) -> {
      if (name.endsWith(".html")) {
        Buffer page = Buffer.buffer(versioned(new String(content, StandardCharsets.UTF_8), "/v/" + version + "/"));
        pages.put(name, page);
        if (name.endsWith("/index.html")) {
          pages.put(name.substring(0, name.length() - "index.html".length()), page);
        }
      }
    });
    return new WebUi(version, Map.copyOf(pages));
  }

  /** A page whose scripts, styles and icon are loaded from under the prefix. */
  static String versioned(String html, String prefix) {
    return ASSET.matcher(html).replaceAll("$1" + Matcher.quoteReplacement(prefix));
  }

  /** Where Vert.x's StaticHandler takes the files from: webroot/ in the working directory if there is one, else the jar. */
  private static Path root() throws IOException, URISyntaxException {
    Path disk = Path.of(ROOT);
    if (Files.isDirectory(disk)) {
      return disk;
    }
    URI index = WebUi.class.getResource("/" + ROOT + "/index.html").toURI();
    if (!"jar".equals(index.getScheme())) {
      return Path.of(index).getParent();
    }
    try {
      return FileSystems.newFileSystem(index, Map.of()).getPath("/" + ROOT);
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(index).getPath("/" + ROOT);
    }
  }
}
