package org.gotrs.apikey;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/** {@code /api-keys}: an agent's own keys. */
public final class ApiKeyRoutes implements Routes {

  private static final Set<String> SCOPES = Set.of("read", "write");

  private final ApiKeyService keys;

  public ApiKeyRoutes(ApiKeyService keys) {
    this.keys = keys;
  }

  @Override
  public void mount(Router api) {
    api.post("/api-keys").handler(ApiKeyRoutes::signedIn).handler(this::create);
    api.get("/api-keys").handler(this::list);
    api.get("/api-keys/:id").handler(this::get);
    api.patch("/api-keys/:id").handler(ApiKeyRoutes::signedIn).handler(this::update);
    api.delete("/api-keys/:id").handler(this::revoke);
  }

  /** Refused before the body is read: whatever it says, a key may not make or change keys. */
  private static void signedIn(RoutingContext ctx) {
    ApiKeyService.signedIn(Actor.of(ctx));
    ctx.next();
  }

  private void create(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String name = input.string("name", true, 255);
    var expiresAt = input.instant("expires_at", false);
    List<String> permissions = scopes(input);
    input.validate();
    Replies.created(ctx, keys.create(Actor.of(ctx), name, permissions, expiresAt));
  }

  /** The caller's keys; {@code ?all=true}: every agent's, with their owners, for administrators. */
  private void list(RoutingContext ctx) {
    String all = ctx.queryParams().get("all");
    if (all != null && !List.of("true", "false").contains(all)) {
      throw Problem.invalid("all", "must be true or false");
    }
    Replies.ok(ctx, "true".equals(all) ? keys.listAll(Actor.of(ctx)).map(items -> Map.of("items", items))
        : keys.list(Actor.of(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, keys.get(Actor.of(ctx), PathParams.uuid(ctx, "id")));
  }

  private void update(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    Input input = Input.of(ctx);
    String name = input.string("name", false, 255);
    var expiresAt = input.instant("expires_at", false);
    List<String> permissions = scopes(input);
    input.validate();
    Replies.ok(ctx, keys.update(Actor.of(ctx), id,
        new ApiKeyService.Changes(name, permissions, expiresAt, input.isNull("expires_at"))));
  }

  private void revoke(RoutingContext ctx) {
    Replies.noContent(ctx, keys.revoke(Actor.of(ctx), PathParams.uuid(ctx, "id")));
  }

  /** {@code permissions}: a list of scopes, {@code ["read"]} for a read-only key; absent = the owner's full rights. */
  private static List<String> scopes(Input input) {
    List<String> permissions = input.strings("permissions", false, 20);
    if (permissions != null && !SCOPES.containsAll(permissions)) {
      input.error("permissions", "may contain only " + SCOPES);
    }
    return permissions;
  }
}
