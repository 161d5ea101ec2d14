package org.gotrs.kb;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * {@code /kb}: agents write and read articles, administrators organise categories and the help center's look;
 * search, suggestions and deflections answer anyone (public articles), and agents more.
 */
public final class KbRoutes implements Routes {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final KbArticles articles;
  private final KbFiles files;
  private final KbCategories categories;
  private final KbSearch search;
  private final HelpCenterLook look;
  private final Permissions permissions;
  private final java.util.Set<String> widgetOrigins;

  /** @param widgetOrigins the sites embedding the chat widget ({@code chat.allowed_origins}), which asks for suggestions */
  public KbRoutes(KbArticles articles, KbFiles files, KbCategories categories, KbSearch search, HelpCenterLook look,
                  Permissions permissions, List<String> widgetOrigins) {
    this.articles = articles;
    this.files = files;
    this.categories = categories;
    this.search = search;
    this.look = look;
    this.permissions = permissions;
    this.widgetOrigins = widgetOrigins == null ? java.util.Set.of() : widgetOrigins.stream()
        .map(KbRoutes::normalisedOrigin).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Override
  public void mount(Router api) {
    api.get("/kb/search").handler(this::search);
    api.get("/kb/suggest").handler(this::suggest);
    api.post("/kb/deflections").handler(this::opened);
    api.post("/kb/deflections/submitted").handler(this::submitted);
    api.get("/kb/similar-tickets").handler(this::similarTickets);
    api.get("/kb/categories").handler(this::categories);
    api.post("/kb/categories").handler(permissions::adminOnly).handler(this::createCategory);
    api.get("/kb/categories/:id").handler(this::category);
    api.patch("/kb/categories/:id").handler(permissions::adminOnly).handler(this::updateCategory);
    api.delete("/kb/categories/:id").handler(permissions::adminOnly).handler(this::deleteCategory);
    api.get("/kb/articles").handler(this::list);
    api.post("/kb/articles").handler(this::create);
    api.get("/kb/articles/:id").handler(this::get);
    api.patch("/kb/articles/:id").handler(this::update);
    api.delete("/kb/articles/:id").handler(this::delete);
    api.post("/kb/files").handler(this::upload);
    api.get("/kb/files/:id").handler(this::download);
    api.get("/kb/articles/:id/versions").handler(this::versions);
    api.get("/kb/articles/:id/versions/:version").handler(this::version);
    api.post("/kb/articles/:id/versions/:version/restore").handler(this::restore);
    api.get("/settings/help-center").handler(this::look);
    api.patch("/settings/help-center").handler(permissions::adminOnly).handler(this::changeLook);
  }

  private void search(RoutingContext ctx) {
    String query = query(ctx, true);
    Replies.ok(ctx, search.search(Principal.ofSignedIn(ctx), query, language(ctx), limit(ctx, 20, 50))
        .map(items -> Map.of("items", items)));
  }

  private void suggest(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && widgetOrigins.contains(normalisedOrigin(origin))) {
      ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
    }
    String query = query(ctx, false);
    Replies.ok(ctx, search.suggest(Principal.ofSignedIn(ctx), query, language(ctx), limit(ctx, 5, 20))
        .map(items -> Map.of("items", items)));
  }

  private void opened(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Long articleId = input.longValue("article_id", true);
    String channel = input.string("channel", true, 20);
    if (channel != null && !channel.equals("portal") && !channel.equals("chat")) {
      input.error("channel", "must be portal or chat");
    }
    input.validate();
    Replies.created(ctx, search.opened(Principal.ofSignedIn(ctx), articleId, channel).map(id -> Map.of("id", id)));
  }

  private void submitted(RoutingContext ctx) {
    Input input = Input.of(ctx);
    List<String> ids = input.strings("ids", true, 64);
    input.validate();
    if (ids.size() > 100) {
      throw Problem.invalid("ids", "must be at most 100 ids");
    }
    List<UUID> deflections;
    try {
      deflections = ids.stream().map(UUID::fromString).toList();
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("ids", "must be a list of deflection ids");
    }
    Replies.noContent(ctx, search.submitted(deflections));
  }

  private void similarTickets(RoutingContext ctx) {
    Principal principal = agent(ctx);
    String text = query(ctx, true);
    String ticket = ctx.queryParams().get("ticket_id");
    long ticketId;
    try {
      ticketId = ticket == null || ticket.isBlank() ? 0 : Long.parseLong(ticket.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid("ticket_id", "must be a ticket id");
    }
    Replies.ok(ctx, search.similarTickets(principal, ticketId, text).map(items -> Map.of("items", items)));
  }

  private void categories(RoutingContext ctx) {
    agent(ctx);
    Replies.ok(ctx, categories.list().map(items -> Map.of("items", items)));
  }

  private void category(RoutingContext ctx) {
    agent(ctx);
    Replies.ok(ctx, categories.get(PathParams.intId(ctx, "id")));
  }

  private void createCategory(RoutingContext ctx) {
    Replies.created(ctx, categories.create(Actor.of(ctx), KbCategories.Fields.read(Input.of(ctx))));
  }

  private void updateCategory(RoutingContext ctx) {
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, categories.update(Actor.of(ctx), id, Input.of(ctx).json()));
  }

  private void deleteCategory(RoutingContext ctx) {
    Replies.noContent(ctx, categories.delete(Actor.of(ctx), PathParams.intId(ctx, "id")));
  }

  private void list(RoutingContext ctx) {
    Principal principal = agent(ctx);
    var filter = new KbArticles.Filter(intParameter(ctx, "category_id"), state(ctx), language(ctx),
        cursor(ctx), limit(ctx, DEFAULT_LIMIT, MAX_LIMIT));
    Replies.ok(ctx, articles.list(principal, filter));
  }

  private void get(RoutingContext ctx) {
    Principal principal = agent(ctx);
    Replies.ok(ctx, articles.get(principal, PathParams.id(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    agent(ctx);
    Replies.created(ctx, articles.create(Actor.of(ctx), KbArticle.Fields.read(Input.of(ctx))));
  }

  private void update(RoutingContext ctx) {
    agent(ctx);
    long id = PathParams.id(ctx, "id");
    Replies.ok(ctx, articles.update(Actor.of(ctx), id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    agent(ctx);
    Replies.noContent(ctx, articles.delete(Actor.of(ctx), PathParams.id(ctx, "id")));
  }

  /** An image pasted or inserted in the editor; the body is still paused here (see HttpVerticle) until it may flow. */
  private void upload(RoutingContext ctx) {
    agent(ctx);
    String contentType = ctx.request().getHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
      throw Problem.unsupportedMediaType("images are uploaded as multipart/form-data");
    }
    Actor actor = Actor.of(ctx);
    Replies.created(ctx, files.receive(ctx.request()).compose(upload -> files.upload(actor, upload)));
  }

  private void download(RoutingContext ctx) {
    Principal principal = agent(ctx);
    files.open(principal, PathParams.id(ctx, "id"))
        .compose(stored -> org.gotrs.attachment.DownloadHeaders.send(ctx.response(), stored))
        .onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.response().headers().clear();
          }
          ctx.fail(failure);
        });
  }

  private void versions(RoutingContext ctx) {
    Principal principal = agent(ctx);
    Replies.ok(ctx, articles.versions(principal, PathParams.id(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void version(RoutingContext ctx) {
    Principal principal = agent(ctx);
    Replies.ok(ctx, articles.version(principal, PathParams.id(ctx, "id"), PathParams.intId(ctx, "version")));
  }

  private void restore(RoutingContext ctx) {
    agent(ctx);
    Replies.ok(ctx, articles.restore(Actor.of(ctx), PathParams.id(ctx, "id"), PathParams.intId(ctx, "version")));
  }

  private void look(RoutingContext ctx) {
    agent(ctx);
    Replies.ok(ctx, look.get());
  }

  private void changeLook(RoutingContext ctx) {
    Replies.ok(ctx, look.update(Actor.of(ctx), Input.of(ctx).json()));
  }

  private static String normalisedOrigin(String origin) {
    String trimmed = origin.strip().toLowerCase(java.util.Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private Principal agent(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    return principal;
  }

  private static String query(RoutingContext ctx, boolean required) {
    String q = ctx.queryParams().get("q");
    if (q == null || q.isBlank()) {
      if (required) {
        throw Problem.invalid("q", "is required");
      }
      return "";
    }
    if (q.length() > 500) {
      throw Problem.invalid("q", "must be at most 500 characters");
    }
    if (q.indexOf('\0') >= 0) {
      throw Problem.invalid("q", "must not contain the NUL character");
    }
    return q.strip();
  }

  private static String language(RoutingContext ctx) {
    String language = ctx.queryParams().get("language");
    if (language == null || language.isBlank()) {
      return null;
    }
    if (!language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
      throw Problem.invalid("language", "must be a language tag such as en or de");
    }
    return language.toLowerCase(java.util.Locale.ROOT);
  }

  private static String state(RoutingContext ctx) {
    String state = ctx.queryParams().get("state");
    if (state == null || state.isBlank()) {
      return null;
    }
    if (!KbArticle.STATES.contains(state)) {
      throw Problem.invalid("state", "must be one of " + String.join(", ", KbArticle.STATES));
    }
    return state;
  }

  private static Integer intParameter(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid(name, "must be an id");
    }
  }

  private static Long cursor(RoutingContext ctx) {
    String value = ctx.queryParams().get("cursor");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid("cursor", "must be the next_cursor of a previous page");
    }
  }

  private static int limit(RoutingContext ctx, int fallback, int max) {
    String value = ctx.queryParams().get("limit");
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit < 1 || limit > max) {
        throw Problem.invalid("limit", "must be between 1 and " + max);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw Problem.invalid("limit", "must be a number");
    }
  }
}
