package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.http.Endpoint;
import org.gotrs.permission.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public help center at {@code /help/}: server-rendered pages of the public articles (home, category, article,
 * search), the sitemap, the theme's colours, and "was this helpful?" as a plain form post. No sign-in, no script.
 */
public final class HelpCenter implements Endpoint {

  private static final Logger LOG = LoggerFactory.getLogger(HelpCenter.class);
  private static final Pattern ARTICLE = Pattern.compile("(\\d{1,18})(-.*)?");
  private static final int LATEST = 10;
  private static final int RESULTS = 20;

  private final BooleanSupplier migrated;
  private final HelpCenterData data;
  private final KbSearch search;
  private final KbFiles files;
  private final HelpCenterLook looks;
  private final HelpTexts texts;
  private final String stylesheet;
  private final String publicUrl;

  /** @param assets where this build's static files are served, e.g. {@code /v/3f2a9c41d0b7/} */
  public HelpCenter(BooleanSupplier migrated, io.vertx.sqlclient.Pool pool, KbSearch search, KbFiles files,
                    HelpCenterLook looks, String assets, String publicUrl) {
    this.migrated = migrated;
    this.data = new HelpCenterData(pool);
    this.search = search;
    this.files = files;
    this.looks = looks;
    this.texts = HelpTexts.load();
    this.stylesheet = assets + "help/help.css";
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @Override
  public void mount(Router router, Vertx vertx) {
    router.get("/help").handler(ctx -> {
      if (ctx.request().path().equals("/help")) {
        ctx.response().setStatusCode(301).putHeader("Location", "/help/").end();
      } else {
        ctx.next();
      }
    });
    router.route("/help/*").handler(this::whenMigrated);
    router.get("/help/").handler(this::home);
    router.get("/help/search").handler(this::search);
    router.get("/help/sitemap.xml").handler(this::sitemap);
    router.get("/help/theme.css").handler(this::theme);
    router.get("/help/categories/:slug").handler(this::category);
    router.get("/help/articles/:slug").handler(this::article);
    router.get("/help/files/:id/:name").handler(this::file);
    router.post("/help/articles/:id/vote").handler(BodyHandler.create(false).setBodyLimit(1024)).handler(this::vote);
  }

  private void whenMigrated(RoutingContext ctx) {
    if (migrated.getAsBoolean()) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(503).putHeader("Retry-After", "5").putHeader("Content-Type", "text/plain")
          .end("The help center is starting; retry shortly.");
    }
  }

  private void home(RoutingContext ctx) {
    String language = language(ctx);
    frame(language).compose(frame -> data.categories(language)
            .compose(categories -> data.latest(language, LATEST)
                .map(latest -> HelpPages.home(frame, categories, latest))))
        .onSuccess(html -> html(ctx, 200, html))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void category(RoutingContext ctx) {
    String language = language(ctx);
    Matcher matcher = ARTICLE.matcher(ctx.pathParam("slug"));
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) > Integer.MAX_VALUE) {
      notFound(ctx, language);
      return;
    }
    int id = Integer.parseInt(matcher.group(1));
    frame(language).compose(frame -> data.category(id).compose(category -> category == null
            ? Future.succeededFuture((String) null)
            : data.inCategory(language, id).map(articles -> HelpPages.category(frame, category, articles))))
        .onSuccess(html -> {
          if (html == null) {
            notFound(ctx, language);
          } else {
            html(ctx, 200, html);
          }
        })
        .onFailure(failure -> fail(ctx, failure));
  }

  /** An article answers at its canonical address; any other slug is sent there, so old links keep working. */
  private void article(RoutingContext ctx) {
    Matcher matcher = ARTICLE.matcher(ctx.pathParam("slug"));
    if (!matcher.matches()) {
      notFound(ctx, language(ctx));
      return;
    }
    long id = Long.parseLong(matcher.group(1));
    boolean voted = "1".equals(ctx.queryParams().get("voted"));
    data.article(id).compose(article -> {
      if (article == null) {
        return Future.succeededFuture((String) null);
      }
      if (!ctx.request().path().equals(article.url())) {
        ctx.response().setStatusCode(301).putHeader("Location", article.url()).end();
        return Future.succeededFuture("");
      }
      String language = HelpTexts.LANGUAGES.containsKey(base(article.language())) ? base(article.language())
          : language(ctx);
      return frame(language).map(frame -> HelpPages.article(frame, article, voted));
    }).onSuccess(html -> {
      if (html == null) {
        notFound(ctx, language(ctx));
      } else if (!html.isEmpty()) {
        html(ctx, 200, html);
      }
    }).onFailure(failure -> fail(ctx, failure));
  }

  /** An image or file of a public article; any other is as absent as a missing one. */
  private void file(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("\\d{1,18}")) {
      notFound(ctx, language(ctx));
      return;
    }
    files.open(null, Long.parseLong(id))
        .compose(stored -> org.gotrs.attachment.DownloadHeaders.send(ctx.response(), stored))
        .onFailure(failure -> {
          if (ctx.response().headWritten()) {
            ctx.response().reset();
          } else if (failure instanceof org.gotrs.http.Problem problem && problem.status() == 404) {
            ctx.response().headers().clear();
            notFound(ctx, language(ctx));
          } else {
            ctx.response().headers().clear();
            fail(ctx, failure);
          }
        });
  }

  /**
   * Searches the visitor's language first; when nothing there matches, every language, so a visitor reading the
   * English pages still finds an answer written only in German.
   */
  private void search(RoutingContext ctx) {
    String language = language(ctx);
    String query = ctx.queryParams().get("q");
    String q = query == null ? "" : query.replace("\0", "").strip();
    if (q.length() > 500) {
      q = q.substring(0, 500);
    }
    String typed = q;
    Future<List<KbSearch.Hit>> hits = typed.isEmpty() ? Future.succeededFuture(List.of())
        : search.search(null, typed, language, RESULTS)
            .compose(found -> found.isEmpty() ? search.search(null, typed, null, RESULTS) : Future.succeededFuture(found));
    frame(language).compose(frame -> hits.map(found -> HelpPages.search(frame.searching(typed), typed, found)))
        .onSuccess(html -> html(ctx, 200, html))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void sitemap(RoutingContext ctx) {
    data.sitemap()
        .onSuccess(articles -> ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8")
            .putHeader("Cache-Control", "public, max-age=300")
            .end(HelpPages.sitemap(publicUrl, articles)))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void theme(RoutingContext ctx) {
    looks.get()
        .onSuccess(look -> ctx.response().putHeader("Content-Type", "text/css; charset=utf-8")
            .putHeader("Cache-Control", "no-cache").end(HelpPages.theme(look)))
        .onFailure(failure -> fail(ctx, failure));
  }

  /** A visitor's vote: one per visitor and article, the visitor known only by a hash of address and browser. */
  private void vote(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String helpful = ctx.request().getFormAttribute("helpful");
    if (!id.matches("\\d{1,18}") || helpful == null || !(helpful.equals("yes") || helpful.equals("no"))) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain").end("Bad vote.");
      return;
    }
    long articleId = Long.parseLong(id);
    data.vote(articleId, voter(ctx, articleId), helpful.equals("yes"))
        .compose(counted -> counted ? data.article(articleId) : Future.succeededFuture(null))
        .onSuccess(article -> {
          if (article == null) {
            notFound(ctx, language(ctx));
          } else {
            ctx.response().setStatusCode(303).putHeader("Location", article.url() + "?voted=1#vote").end();
          }
        })
        .onFailure(failure -> fail(ctx, failure));
  }

  private Future<HelpPages.Frame> frame(String language) {
    return looks.get().map(look -> new HelpPages.Frame(look, texts, language, stylesheet, publicUrl, ""));
  }

  private void notFound(RoutingContext ctx, String language) {
    frame(language).onSuccess(frame -> html(ctx, 404, HelpPages.notFound(frame)))
        .onFailure(failure -> fail(ctx, failure));
  }

  /** The language asked for ({@code ?lang=}), else the browser's first one the help center speaks, else English. */
  private static String language(RoutingContext ctx) {
    String asked = ctx.queryParams().get("lang");
    if (asked != null && HelpTexts.LANGUAGES.containsKey(base(asked))) {
      return base(asked);
    }
    String accepted = ctx.request().getHeader("Accept-Language");
    if (accepted != null) {
      for (String part : accepted.split(",")) {
        String tag = base(part.split(";")[0].strip());
        if (HelpTexts.LANGUAGES.containsKey(tag)) {
          return tag;
        }
      }
    }
    return HelpTexts.DEFAULT;
  }

  private static String base(String tag) {
    return tag.length() < 2 ? tag : tag.substring(0, 2).toLowerCase(Locale.ROOT);
  }

  private static String voter(RoutingContext ctx, long articleId) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String userAgent = ctx.request().getHeader("User-Agent");
      digest.update((Actor.clientIp(ctx) + "\n" + userAgent + "\n" + articleId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void html(RoutingContext ctx, int status, String html) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-cache").end(html);
    }
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    LOG.warn("help center: {}", failure.getMessage());
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain")
          .end("The help center cannot answer right now.");
    }
  }
}
