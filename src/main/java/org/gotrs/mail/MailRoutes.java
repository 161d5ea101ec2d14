package org.gotrs.mail;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /mail-accounts}: the mailboxes polled into queues, and {@code POST /mail-accounts/{id}/poll} to check
 * one now; {@code /mail-failed}: messages that could not be read, with their raw bytes. Administrators only.
 */
final class MailRoutes implements Routes {

  private static final int FAILED_LIST_LIMIT = 200;

  private final MailAccountService accounts;
  private final MailPoller poller;
  private final FailedMails failed;
  private final Permissions permissions;

  MailRoutes(MailAccountService accounts, MailPoller poller, FailedMails failed, Permissions permissions) {
    this.accounts = accounts;
    this.poller = poller;
    this.failed = failed;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/mail-accounts").handler(permissions::adminOnly).handler(this::list);
    api.post("/mail-accounts").handler(permissions::adminOnly).handler(this::create);
    api.get("/mail-accounts/:id").handler(permissions::adminOnly).handler(this::get);
    api.patch("/mail-accounts/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/mail-accounts/:id").handler(permissions::adminOnly).handler(this::delete);
    api.post("/mail-accounts/:id/poll").handler(permissions::adminOnly).handler(this::poll);
    api.get("/mail-failed").handler(permissions::adminOnly).handler(this::listFailed);
    api.get("/mail-failed/:id/raw").handler(permissions::adminOnly).handler(this::raw);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, accounts.list().map(items -> Map.of("items", items)));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    MailAccountService.Fields fields = MailAccountService.Fields.read(Input.of(ctx), true);
    Replies.created(ctx, accounts.create(actor, fields));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, accounts.get(PathParams.intId(ctx, "id")));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, accounts.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, accounts.delete(actor, PathParams.intId(ctx, "id")));
  }

  private void poll(RoutingContext ctx) {
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, accounts.get(id).compose(account -> poller.pollNow(id)));
  }

  private void listFailed(RoutingContext ctx) {
    Replies.ok(ctx, failed.list(FAILED_LIST_LIMIT).map(items -> Map.of("items", items)));
  }

  private void raw(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    failed.raw(id).onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", "message/rfc822")
            .putHeader("Content-Disposition", "attachment; filename=\"failed-" + id + ".eml\"")
            .putHeader("Cache-Control", "no-store")
            .end(bytes))
        .onFailure(ctx::fail);
  }
}
