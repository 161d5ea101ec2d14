package org.gotrs.notification;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /notifications}: the caller's notifications, newest first ({@code unread=true}, {@code limit},
 * {@code cursor}), marked read one by one or all at once; {@code /me/notification-preferences}: their settings;
 * {@code /settings/notifications}: the administrators' defaults and mandatory events;
 * {@code /settings/notification-texts}: the texts of the notification mails per event and language, and a test mail.
 */
public final class NotificationRoutes implements Routes {

  private final Notifications notifications;
  private final Permissions permissions;
  private final NotificationTexts texts;

  public NotificationRoutes(Notifications notifications, Permissions permissions, NotificationTexts texts) {
    this.notifications = notifications;
    this.permissions = permissions;
    this.texts = texts;
  }

  @Override
  public void mount(Router api) {
    api.get("/notifications").handler(this::list);
    api.post("/notifications/read-all").handler(ctx -> Replies.ok(ctx, notifications.readAll(Actor.of(ctx))));
    api.post("/notifications/:id/read").handler(ctx -> Replies.noContent(ctx,
        notifications.read(Actor.of(ctx), PathParams.id(ctx, "id"))));
    api.get("/me/notification-preferences").handler(ctx -> Replies.ok(ctx,
        notifications.preferences(Actor.of(ctx)).map(NotificationPreferences::toMap)));
    api.put("/me/notification-preferences").handler(ctx -> Replies.ok(ctx,
        notifications.changePreferences(Actor.of(ctx), Input.of(ctx)).map(NotificationPreferences::toMap)));
    api.get("/settings/notifications").handler(permissions::adminOnly).handler(ctx -> Replies.ok(ctx,
        notifications.defaults().map(NotificationDefaults::toMap)));
    api.patch("/settings/notifications").handler(permissions::adminOnly).handler(ctx -> Replies.ok(ctx,
        notifications.changeDefaults(Actor.of(ctx), Input.of(ctx)).map(NotificationDefaults::toMap)));
    api.get("/settings/notification-texts").handler(permissions::adminOnly).handler(ctx -> Replies.ok(ctx,
        texts.list()));
    api.patch("/settings/notification-texts").handler(permissions::adminOnly).handler(ctx -> Replies.ok(ctx,
        texts.change(Actor.of(ctx), Input.of(ctx))));
    api.post("/settings/notification-texts/test").handler(permissions::adminOnly).handler(ctx -> Replies.ok(ctx,
        texts.test(Actor.of(ctx), Input.of(ctx))));
  }

  private void list(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    Input errors = Input.of(new io.vertx.core.json.JsonObject());
    Boolean unread = flag(params.get("unread"));
    if (params.get("unread") != null && unread == null) {
      errors.error("unread", "must be true or false");
    }
    int limit = Notifications.DEFAULT_LIMIT;
    if (params.get("limit") != null) {
      Long given = number(params.get("limit"));
      if (given == null || given < 1 || given > Notifications.MAX_LIMIT) {
        errors.error("limit", "must be a number from 1 to " + Notifications.MAX_LIMIT);
      } else {
        limit = given.intValue();
      }
    }
    Long before = null;
    if (params.get("cursor") != null) {
      before = number(params.get("cursor"));
      if (before == null || before < 1) {
        errors.error("cursor", "is not a cursor given by this list");
      }
    }
    errors.validate();
    Replies.ok(ctx, notifications.list(Actor.of(ctx),
        new Notifications.Query(Boolean.TRUE.equals(unread), before, limit)));
  }

  private static Boolean flag(String text) {
    return "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
  }

  private static Long number(String text) {
    try {
      return text == null || text.length() > 19 ? null : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
