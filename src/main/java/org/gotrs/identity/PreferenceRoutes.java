package org.gotrs.identity;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * {@code /users/{id}/preferences}: an agent reads and writes their own ({@code me} or their own id);
 * administrators anyone's. Customers have no agent preferences.
 */
public final class PreferenceRoutes implements Routes {

  private static final int MAX_KEYS_PER_CALL = 200;

  private final PreferenceService preferences;
  private final Permissions permissions;

  public PreferenceRoutes(PreferenceService preferences, Permissions permissions) {
    this.preferences = preferences;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/users/:id/preferences").handler(this::get);
    api.put("/users/:id/preferences").handler(this::put);
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, preferences.get(owner(ctx)));
  }

  private void put(RoutingContext ctx) {
    UUID owner = owner(ctx);
    Input input = Input.of(ctx);
    Map<String, String> changes = new LinkedHashMap<>();
    if (input.json().size() > MAX_KEYS_PER_CALL) {
      input.error("preferences", "at most " + MAX_KEYS_PER_CALL + " keys per call");
    }
    input.json().forEach(entry -> {
      String key = entry.getKey();
      if (key.isBlank() || key.length() > 150) {
        input.error(key.length() > 150 ? key.substring(0, 150) : key, "a key must be 1 to 150 characters");
      } else if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
        input.error(key, "must be a string, or null to remove it");
      } else {
        changes.put(key, (String) entry.getValue());
      }
    });
    input.validate();
    Replies.ok(ctx, preferences.put(Actor.of(ctx), owner, changes));
  }

  /** Whose preferences: the caller's own for {@code me} or their own id, anyone's for an administrator. */
  private UUID owner(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    String id = ctx.pathParam("id");
    if ("me".equals(id) || principal.userId().toString().equalsIgnoreCase(id)) {
      return principal.userId();
    }
    permissions.requireAdmin(principal);
    return PathParams.uuid(ctx, "id");
  }
}
