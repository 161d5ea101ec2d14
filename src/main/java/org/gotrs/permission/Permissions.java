package org.gotrs.permission;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gotrs.http.Problem;

/**
 * The one answer to "may this principal do K on queue Q / ticket T", in the OTRS model: groups,
 * roles and the keys {@code ro, move_into, create, note, owner, priority, rw} ({@code rw} implies all),
 * evaluated in SQL by {@code permitted_queue_ids} (see db/V4). Customers see only the tickets of their
 * own customer id (or their own tickets).
 */
public final class Permissions {

  public static final List<String> KEYS = List.of("ro", "move_into", "create", "note", "owner", "priority", "rw");
  private static final Set<String> KEY_SET = Set.copyOf(KEYS);
  private static final String STATS_GROUP = "stats";

  /** A SQL condition plus the parameters it binds, numbered from where the caller left off. */
  public record Predicate(String sql, List<Object> parameters) {}

  /**
   * The condition that limits a query over {@code ticket} (aliased {@code alias}) to the tickets the
   * principal may read. Parameters start at {@code $firstParameter}.
   */
  public Predicate ticketsVisibleTo(Principal principal, String alias, int firstParameter) {
    List<Object> parameters = new ArrayList<>();
    if (principal.isAgent()) {
      parameters.add(principal.userId());
      // A scalar subquery is an init plan: the queue list is computed once per statement, not once per row.
      return new Predicate(alias + ".queue_id = ANY ((SELECT permitted_queue_ids($" + firstParameter + ", 'ro'))::int[])",
          parameters);
    }
    parameters.add(principal.customerUserId());
    if (principal.customerId() == null) {
      return new Predicate(alias + ".customer_user_id = $" + firstParameter, parameters);
    }
    parameters.add(principal.customerId());
    return new Predicate("(" + alias + ".customer_user_id = $" + firstParameter + " OR " + alias + ".customer_id = $"
        + (firstParameter + 1) + ")", parameters);
  }

  /**
   * The condition limiting {@code kb_article} (aliased {@code alias}) to the knowledge-base articles the caller may
   * read: public ones for anyone ({@code null} is an anonymous visitor), and for agents the drafts and internal
   * articles of categories that name no group or a group where they hold {@code ro}; administrators read all.
   */
  public Predicate kbArticlesVisibleTo(Principal principal, String alias, int firstParameter) {
    return kbArticlesWith(principal, "ro", alias, firstParameter);
  }

  /**
   * The condition limiting {@code kb_article} (aliased) to the articles the agent may read and change: those of
   * categories that name no group or a group where they hold {@code rw}; administrators change all.
   */
  public Predicate kbArticlesWritableBy(Principal principal, String alias, int firstParameter) {
    if (principal == null || !principal.isAgent()) {
      return new Predicate("FALSE", List.of());
    }
    return kbArticlesWith(principal, "rw", alias, firstParameter);
  }

  private Predicate kbArticlesWith(Principal principal, String key, String alias, int firstParameter) {
    String publicOnly = alias + ".state = 'public'";
    if (principal == null || !principal.isAgent()) {
      return new Predicate(publicOnly, List.of());
    }
    if (principal.admin()) {
      return new Predicate("TRUE", List.of());
    }
    String category = alias + ".category_id";
    String sql = "(NOT EXISTS (SELECT 1 FROM kb_category_group kg WHERE kg.category_id = " + category + ")"
        + " OR EXISTS (SELECT 1 FROM kb_category_group kg WHERE kg.category_id = " + category
        + " AND kg.group_id = ANY ((SELECT permitted_group_ids($" + firstParameter + ", $" + (firstParameter + 1)
        + "))::int[])))";
    return new Predicate(key.equals("ro") ? "(" + publicOnly + " OR " + sql + ")" : sql,
        List.of(principal.userId(), key));
  }

  /** The condition limiting {@code queue} (aliased) to queues where the agent holds {@code key}. */
  public Predicate queuesWith(Principal principal, String key, String alias, int firstParameter) {
    requireKnownKey(key);
    if (!principal.isAgent()) {
      return new Predicate("FALSE", List.of());
    }
    List<Object> parameters = new ArrayList<>();
    parameters.add(principal.userId());
    parameters.add(key);
    return new Predicate(alias + ".id = ANY ((SELECT permitted_queue_ids($" + firstParameter + ", $" + (firstParameter + 1)
        + "))::int[])", parameters);
  }

  /** Whether an agent holds {@code key} on the queue's group. */
  public Future<Boolean> mayOnQueue(SqlClient client, Principal principal, int queueId, String key) {
    requireKnownKey(key);
    if (!principal.isAgent()) {
      return Future.succeededFuture(false);
    }
    return client.preparedQuery("SELECT $1::int = ANY (permitted_queue_ids($2, $3))")
        .execute(Tuple.of(queueId, principal.userId(), key))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** The queues on which the agent holds {@code key} (none for customers). */
  public Future<Set<Integer>> queueIds(SqlClient client, Principal principal, String key) {
    requireKnownKey(key);
    if (!principal.isAgent()) {
      return Future.succeededFuture(Set.of());
    }
    return client.preparedQuery("SELECT unnest(permitted_queue_ids($1, $2))").execute(Tuple.of(principal.userId(), key))
        .map(rows -> {
          Set<Integer> queues = new java.util.HashSet<>();
          rows.forEach(row -> queues.add(row.getInteger(0)));
          return Set.copyOf(queues);
        });
  }

  /** Whether an agent holds {@code key} on the named group itself (e.g. {@code stats}), however it was granted. */
  public Future<Boolean> mayOnGroup(SqlClient client, Principal principal, String group, String key) {
    requireKnownKey(key);
    if (!principal.isAgent()) {
      return Future.succeededFuture(false);
    }
    return client.preparedQuery("SELECT EXISTS (SELECT 1 FROM groups g WHERE g.name = $1 AND g.id = ANY (permitted_group_ids($2, $3)))")
        .execute(Tuple.of(group, principal.userId(), key))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * Whether a customer may read a ticket of this customer user and company: the rule {@link #ticketsVisibleTo} states
   * in SQL, for values already read (an event's ticket). Agents are answered by their queues, not by this.
   */
  public static boolean customerSees(Principal principal, String customerId, String customerUserId) {
    return principal.isCustomer() && (principal.customerUserId().toString().equals(customerUserId)
        || principal.customerId() != null && principal.customerId().equals(customerId));
  }

  /** Whether the agent sees every queue's numbers (wallboard, statistics): {@code ro} on the OTRS group {@code stats}. */
  public Future<Boolean> seesAllQueueStats(SqlClient client, Principal principal) {
    return mayOnGroup(client, principal, STATS_GROUP, "ro");
  }

  /**
   * The queues whose numbers the agent sees (wallboard, statistics): all of them (null) for {@code stats} members,
   * else those it may read.
   */
  public Future<Set<Integer>> statsQueues(SqlClient client, Principal principal) {
    return seesAllQueueStats(client, principal)
        .compose(all -> all ? Future.succeededFuture((Set<Integer>) null) : queueIds(client, principal, "ro"));
  }

  /** Fails with 403 unless the agent holds {@code key} on the queue. */
  public Future<Void> requireOnQueue(SqlClient client, Principal principal, int queueId, String key) {
    return mayOnQueue(client, principal, queueId, key)
        .compose(allowed -> allowed ? Future.succeededFuture()
            : Future.failedFuture(Problem.forbidden("you lack the '" + key + "' permission on this queue")));
  }

  /**
   * Fails with 404 when the principal may not read the ticket (so its existence does not leak) and
   * with 403 when they may read it but lack {@code key}. Customers may read and write to their own tickets.
   */
  public Future<Void> requireOnTicket(SqlClient client, Principal principal, long ticketId, String key) {
    requireKnownKey(key);
    Predicate visible = ticketsVisibleTo(principal, "t", 3);
    List<Object> parameters = new ArrayList<>();
    parameters.add(ticketId);
    parameters.add(principal.isAgent() ? principal.userId() : null);
    parameters.addAll(visible.parameters());
    parameters.add(key);
    String keyParameter = "$" + parameters.size();
    String sql = "SELECT " + visible.sql() + " AS can_read, "
        + (principal.isAgent() ? "t.queue_id = ANY (permitted_queue_ids($2, " + keyParameter + "))"
                               : "$2::uuid IS NULL AND " + keyParameter + "::text IS NOT NULL")
        + " AS can_act FROM ticket t WHERE t.id = $1";
    return client.preparedQuery(sql).execute(Tuple.from(parameters)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null || !row.getBoolean("can_read")) {
        return Future.failedFuture(Problem.notFound("ticket " + ticketId + " not found"));
      }
      if (!row.getBoolean("can_act")) {
        return Future.failedFuture(Problem.forbidden("you lack the '" + key + "' permission on this ticket's queue"));
      }
      if (principal.readOnly() && !key.equals("ro")) {
        return Future.failedFuture(Problem.forbidden("this API key is read-only"));
      }
      return Future.succeededFuture();
    });
  }

  /** The route handler in front of every admin-only route: 403 unless the caller is an administrator. */
  public void adminOnly(RoutingContext ctx) {
    requireAdmin(Principal.of(ctx));
    ctx.next();
  }

  public void requireAdmin(Principal principal) {
    if (!principal.isAgent() || !principal.admin()) {
      throw Problem.forbidden("this needs an administrator");
    }
  }

  public void requireAgent(Principal principal) {
    if (!principal.isAgent()) {
      throw Problem.forbidden("this needs an agent");
    }
  }

  private static void requireKnownKey(String key) {
    if (!KEY_SET.contains(key)) {
      throw new IllegalArgumentException("unknown permission key " + key);
    }
  }
}
