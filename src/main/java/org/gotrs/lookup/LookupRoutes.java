package org.gotrs.lookup;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * A lookup's five routes at {@code path}: list ({@code ?valid_id=}), read, and for administrators create, PATCH and
 * DELETE (which marks the entry invalid).
 */
public final class LookupRoutes<T, F extends LookupTable.Fields> implements Routes {

  /** Who may read a lookup. */
  enum Readers {
    /** Everyone signed in, customers too: the names are labels on a customer's own tickets and reveal nothing else. */
    SIGNED_IN,
    /** Agents; customers get 403. */
    AGENTS
  }

  private final String path;
  private final LookupService<T, F> lookups;
  private final Permissions permissions;
  private final Readers readers;

  LookupRoutes(String path, LookupService<T, F> lookups, Permissions permissions, Readers readers) {
    this.path = path;
    this.lookups = lookups;
    this.permissions = permissions;
    this.readers = readers;
  }

  /** The lookups' HTTP surface: queues, states, priorities, ticket types, services and system addresses. */
  public static List<Routes> all(Pool pool, AuditLog audit, Permissions permissions) {
    return List.of(
        new QueueRoutes(new QueueService(pool, audit, permissions), permissions),
        new LookupRoutes<>("/states", new LookupService<>(pool, audit, States.TABLE), permissions, Readers.SIGNED_IN),
        new LookupRoutes<>("/priorities", new LookupService<>(pool, audit, Priorities.TABLE), permissions,
            Readers.SIGNED_IN),
        new LookupRoutes<>("/types", new LookupService<>(pool, audit, TicketTypes.TABLE), permissions,
            Readers.SIGNED_IN),
        new ServiceRoutes(new ServiceCatalog(pool, audit), permissions),
        forAgents("/system-addresses", SystemAddresses.TABLE, pool, audit, permissions),
        new TicketCountRoutes(pool, permissions));
  }

  /**
   * A lookup at {@code path} that agents read and administrators manage: system addresses, and the salutations and
   * signatures of the templates feature.
   */
  public static <T, F extends LookupTable.Fields> Routes forAgents(String path, LookupTable<T, F> table, Pool pool,
                                                                    AuditLog audit, Permissions permissions) {
    return new LookupRoutes<>(path, new LookupService<>(pool, audit, table), permissions, Readers.AGENTS);
  }

  @Override
  public void mount(Router api) {
    api.get(path).handler(this::list);
    api.post(path).handler(permissions::adminOnly).handler(this::create);
    api.get(path + "/:id").handler(this::get);
    api.patch(path + "/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete(path + "/:id").handler(permissions::adminOnly).handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    Principal reader = reader(ctx);
    Replies.ok(ctx, lookups.list(reader, Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Principal reader = reader(ctx);
    Replies.ok(ctx, lookups.get(reader, PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    F fields = lookups.read(Input.of(ctx));
    Replies.created(ctx, lookups.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, lookups.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, lookups.invalidate(actor, PathParams.intId(ctx, "id")));
  }

  private Principal reader(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    if (readers == Readers.AGENTS) {
      permissions.requireAgent(principal);
    }
    return principal;
  }
}
