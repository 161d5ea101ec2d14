package org.gotrs.mail;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /postmaster-filters}: rules on incoming mail's headers. Administrators only. {@code POST
 * /postmaster-filters/test} {@code {"mail": "<the raw message>"}} says what the valid filters would do to it.
 */
final class PostmasterFilterRoutes implements Routes {

  /** A pasted message's size at most, in characters. */
  private static final int MAX_PASTED = 1_000_000;

  private final PostmasterFilterService filters;
  private final Permissions permissions;

  PostmasterFilterRoutes(PostmasterFilterService filters, Permissions permissions) {
    this.filters = filters;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/postmaster-filters").handler(permissions::adminOnly).handler(this::list);
    api.post("/postmaster-filters").handler(permissions::adminOnly).handler(this::create);
    api.post("/postmaster-filters/test").handler(permissions::adminOnly).handler(this::test);
    api.get("/postmaster-filters/:id").handler(permissions::adminOnly).handler(this::get);
    api.patch("/postmaster-filters/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/postmaster-filters/:id").handler(permissions::adminOnly).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, filters.list().map(items -> Map.of("items", items)));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    PostmasterFilterService.Fields fields = PostmasterFilterService.Fields.read(Input.of(ctx));
    Replies.created(ctx, filters.create(actor, fields));
  }

  /** A pasted message, parsed on a worker as the mail channel parses it, then run through the filters; nothing kept. */
  private void test(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String raw = input.string("mail", true, MAX_PASTED);
    input.validate();
    byte[] bytes = raw.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    Replies.ok(ctx, ctx.vertx().executeBlocking(() -> new MailParser().parse(bytes))
        .recover(unreadable -> Future.failedFuture(Problem.invalid("mail", "is not a mail message: "
            + unreadable.getMessage())))
        .compose(filters::test));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, filters.get(PathParams.intId(ctx, "id")));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, filters.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, filters.delete(actor, PathParams.intId(ctx, "id")));
  }
}
