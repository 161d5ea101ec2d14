package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.http.Problem;
import org.gotrs.permission.Principal;

/**
 * Saved views (overviews): an agent's own, the defaults every agent has, and those shared to an agent's roles. A
 * view's filters are the ticket list's query parameters, parsed by {@link TicketQuery} whenever the view is saved,
 * listed or counted, so a view finds exactly what the list finds with those parameters, permissions included.
 */
public final class SavedViews {

  /** A view as the API shows it; {@code count} only in the listing. */
  public record SavedView(long id, String name, Map<String, Object> filters, String sort, List<Object> columns,
                          List<Integer> roleIds,
                          @com.fasterxml.jackson.annotation.JsonProperty("default") boolean isDefault,
                          @com.fasterxml.jackson.annotation.JsonProperty("own") boolean own, Long count) {
    SavedView counted(long n) {
      return new SavedView(id, name, filters, sort, columns, roleIds, isDefault, own, n);
    }
  }

  /** What an agent saves: the fields of POST and PATCH (null = unchanged on PATCH). */
  public record ViewChange(String name, JsonObject filters, String sort, JsonArray columns, List<Integer> roleIds) {}

  /** Counts an agent's views for the live stream ({@link #tallies}). */
  @FunctionalInterface
  public interface Tallies {
    Future<List<Tally>> of(Principal agent, Set<Integer> readable, Set<Long> only);
  }

  /** One view's count, as {@code GET /views/counts} lists them. */
  public record ViewCount(long viewId, long count) {}

  /**
   * The local event bus address told when views were saved or deleted: the agent's id, or null when views shared to
   * roles changed, so live counts include them.
   */
  public static final String CHANGED_ADDRESS = "gotrs.views.saved";

  private static final String SELECT = """
      SELECT v.id, v.name, v.filters, v.sort, v.columns, v.owner_id,
             coalesce((SELECT array_agg(r.role_id ORDER BY r.role_id) FROM saved_view_role r WHERE r.view_id = v.id),
                      '{}') AS role_ids
        FROM saved_view v
       WHERE (v.owner_id IS NULL OR v.owner_id = $1
              OR v.id IN (SELECT r.view_id FROM saved_view_role r JOIN role_user ru ON ru.role_id = r.role_id
                           WHERE ru.user_id = $1))""";
  private static final String VISIBLE = SELECT + " ORDER BY v.owner_id IS NOT NULL, v.id";
  private static final String ONE = SELECT + " AND v.id = $2";
  private static final String INSERT = """
      INSERT INTO saved_view (name, owner_id, filters, sort, columns) VALUES ($1, $2, $3, $4, $5) RETURNING id""";
  private static final String UPDATE = """
      UPDATE saved_view SET name = $2, filters = $3, sort = $4, columns = $5, change_time = CURRENT_TIMESTAMP
       WHERE id = $1""";
  private static final String CLEAR_ROLES = "DELETE FROM saved_view_role WHERE view_id = $1";
  private static final String ADD_ROLES = """
      INSERT INTO saved_view_role (view_id, role_id) SELECT $1, id FROM roles WHERE id = ANY ($2::int[])""";
  private static final String UNKNOWN_ROLES = "SELECT count(*) AS n FROM roles WHERE id = ANY ($1::int[])";
  private static final String DELETE = "DELETE FROM saved_view WHERE id = $1";

  private final Pool pool;
  private final TicketList list;
  private final SharedViewCounts shared = new SharedViewCounts();

  public SavedViews(TicketService tickets, java.time.Clock clock) {
    this.pool = tickets.pool();
    this.list = tickets.lister(clock);
  }

  /** The caller's views, each with how many tickets it finds for them now. */
  public Future<List<SavedView>> list(Principal agent) {
    return visible(agent).compose(views -> {
      List<Future<SavedView>> counted = new ArrayList<>();
      for (SavedView view : views) {
        counted.add(list.count(agent, query(view, null)).map(view::counted));
      }
      return Future.all(counted).map(all -> all.<SavedView>list());
    });
  }

  public Future<List<ViewCount>> counts(Principal agent) {
    return list(agent).map(views -> views.stream().map(view -> new ViewCount(view.id(), view.count())).toList());
  }

  /**
   * One view's exact count for an agent, including every event numbered up to {@code seq} and the committed ones not
   * numbered yet ({@code unnumbered}, by id), and its {@link ViewMatch} (null when only counting again tells).
   */
  public record Tally(long viewId, long count, long seq, Set<Long> unnumbered, ViewMatch match) {

    /** Whether the count already includes the event. */
    public boolean includes(long eventId, long eventSeq) {
      return eventSeq <= seq || unnumbered.contains(eventId);
    }
  }

  /**
   * The caller's views (or those of {@code only} among them, when not null), each counted exactly; views the ticket's
   * own fields do not decide and whose filters are the same for every agent are counted once for all agents who
   * count them at the same time ({@link SharedViewCounts}), each agent summing the queues it reads ({@code readable},
   * as the live stream knows them).
   */
  public Future<List<Tally>> tallies(Principal agent, Set<Integer> readable, Set<Long> only) {
    long askedAt = System.nanoTime();
    return visible(agent).compose(views -> {
      List<Future<Tally>> counted = new ArrayList<>();
      for (SavedView view : views) {
        if (only == null || only.contains(view.id())) {
          TicketQuery query = query(view, null);
          ViewMatch match = ViewMatch.of(query, agent.userId());
          if (match == null && query.sameForEveryAgent()) {
            counted.add(shared.count(new JsonObject(view.filters()).encode(), askedAt,
                    () -> list.countByQueueAsOf(agent, query))
                .map(byQueue -> new Tally(view.id(), byQueue.in(readable), byQueue.seq(), byQueue.unnumbered(), null)));
          } else {
            counted.add(list.countAsOf(agent, query)
                .map(now -> new Tally(view.id(), now.count(), now.seq(), now.unnumbered(), match)));
          }
        }
      }
      return Future.all(counted).map(all -> all.<Tally>list());
    });
  }

  public Future<SavedView> get(Principal agent, long id) {
    agentOnly(agent);
    return pool.preparedQuery(ONE).execute(Tuple.of(agent.userId(), id)).map(rows -> {
      if (rows.size() == 0) {
        throw Problem.notFound("no such view");
      }
      return view(rows.iterator().next(), agent);
    });
  }

  /** A page of the view's tickets, with the list's paging parameters ({@code limit}, {@code cursor}). */
  public Future<TicketList.Page> tickets(Principal agent, long id, MultiMap page) {
    return get(agent, id).compose(view -> list.list(agent, query(view, page)));
  }

  public Future<SavedView> create(Principal agent, ViewChange change) {
    agentOnly(agent);
    check(agent, change);
    return rolesExist(change.roleIds()).compose(ok -> pool.withTransaction(tx -> tx.preparedQuery(INSERT)
            .execute(Tuple.of(change.name(), agent.userId(), change.filters(), change.sort(),
                change.columns() == null ? new JsonArray() : change.columns()))
            .compose(rows -> {
              long id = rows.iterator().next().getLong("id");
              return shareTo(tx, id, change.roleIds()).map(id);
            })))
        .compose(id -> get(agent, id));
  }

  public Future<SavedView> change(Principal agent, long id, ViewChange change) {
    return get(agent, id).compose(view -> {
      mayChange(view);
      ViewChange merged = new ViewChange(change.name() == null ? view.name() : change.name(),
          change.filters() == null ? new JsonObject(view.filters()) : change.filters(),
          change.sort() == null ? view.sort() : change.sort(),
          change.columns() == null ? new JsonArray(view.columns()) : change.columns(), change.roleIds());
      check(agent, merged);
      return rolesExist(change.roleIds()).compose(ok -> pool.withTransaction(tx -> tx.preparedQuery(UPDATE)
          .execute(Tuple.of(id, merged.name(), merged.filters(), merged.sort(), merged.columns()))
          .compose(done -> change.roleIds() == null ? Future.succeededFuture()
              : tx.preparedQuery(CLEAR_ROLES).execute(Tuple.of(id)).compose(cleared -> shareTo(tx, id, change.roleIds())))));
    }).compose(done -> get(agent, id));
  }

  public Future<Void> delete(Principal agent, long id) {
    return get(agent, id).compose(view -> {
      mayChange(view);
      return pool.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
    });
  }

  private Future<List<SavedView>> visible(Principal agent) {
    agentOnly(agent);
    return pool.preparedQuery(VISIBLE).execute(Tuple.of(agent.userId())).map(rows -> {
      List<SavedView> views = new ArrayList<>();
      rows.forEach(row -> views.add(view(row, agent)));
      return views;
    });
  }

  private static TicketQuery query(SavedView view, MultiMap page) {
    return TicketQuery.fromFilters(new JsonObject(view.filters()), view.sort(), page);
  }

  /** The filters and sort parse as the list's would; sharing to roles is for agents with admin rights. */
  private static void check(Principal agent, ViewChange change) {
    TicketQuery.fromFilters(change.filters(), change.sort(), null);
    if (change.roleIds() != null && !change.roleIds().isEmpty() && !agent.admin()) {
      throw Problem.forbidden("sharing a view to roles needs admin rights");
    }
  }

  private static void mayChange(SavedView view) {
    if (!view.own()) {
      throw Problem.forbidden(view.isDefault() ? "a default view cannot be changed" : "the view is another agent's");
    }
  }

  private static void agentOnly(Principal principal) {
    if (!principal.isAgent()) {
      throw Problem.forbidden("views are for agents");
    }
  }

  private Future<Void> rolesExist(List<Integer> roleIds) {
    if (roleIds == null || roleIds.isEmpty()) {
      return Future.succeededFuture();
    }
    Integer[] ids = roleIds.stream().distinct().toArray(Integer[]::new);
    return pool.preparedQuery(UNKNOWN_ROLES).execute(Tuple.of((Object) ids)).map(rows -> {
      if (rows.iterator().next().getLong("n") != ids.length) {
        throw Problem.invalid("role_ids", "names a role that does not exist");
      }
      return null;
    });
  }

  private static Future<Void> shareTo(io.vertx.sqlclient.SqlConnection tx, long id, List<Integer> roleIds) {
    if (roleIds == null || roleIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(ADD_ROLES).execute(Tuple.of(id, roleIds.toArray(new Integer[0]))).mapEmpty();
  }

  private static SavedView view(Row row, Principal agent) {
    UUID owner = row.getUUID("owner_id");
    Object filters = row.getValue("filters");
    Object columns = row.getValue("columns");
    List<Integer> roles = new ArrayList<>();
    for (Integer role : row.getArrayOfIntegers("role_ids")) {
      roles.add(role);
    }
    return new SavedView(row.getLong("id"), row.getString("name"),
        filters instanceof JsonObject json ? json.getMap() : Map.of(), row.getString("sort"),
        columns instanceof JsonArray array ? array.getList() : List.of(), roles, owner == null,
        agent.userId().equals(owner), null);
  }
}
