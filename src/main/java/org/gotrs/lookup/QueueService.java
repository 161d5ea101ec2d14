package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Queues: where tickets live. Agents see the queues they hold {@code ro} on; administrators see and change all.
 * Customers see only the valid queues marked {@code customer_selectable}, the ones they may open tickets in.
 */
public final class QueueService {

  public record Queue(int id, String name, Integer groupId, Integer parentId, Integer systemAddressId,
                      Integer salutationId, Integer signatureId, Integer followUpId, Integer followUpLock,
                      Integer unlockTimeout, Integer defaultPriorityId, Integer slaId, String comments, Integer validId,
                      JsonObject autoResponseConfig, boolean customerSelectable, boolean timeUnitsRequired,
                      boolean closeNeedsChildrenClosed, String autoAssign, int maxOpenPerAgent, Instant createTime,
                      Instant changeTime) {}

  /**
   * An agent who may own tickets in a queue: {@code owner} or {@code rw} on its group; with the days they are out of
   * office and who stands in, when they set them and the last day is not past.
   */
  public record QueueAgent(UUID id, String login, String firstName, String lastName, OutOfOffice outOfOffice) {}

  /** An agent's out-of-office days (both included) and the login of the agent who stands in (null: none named). */
  public record OutOfOffice(java.time.LocalDate start, java.time.LocalDate end, String substitute) {}

  /** How a queue gives its new tickets to agents: not at all, in turn, or to whoever has the fewest open. */
  public static final List<String> AUTO_ASSIGN = List.of("off", "round_robin", "least_open");

  /** A queue as the portal offers it to customers. */
  public record PortalQueue(int id, String name, String comments) {}

  /** What a create sets and a PATCH (merged over the current queue) sets. */
  public record Fields(String name, Integer groupId, Integer parentId, Integer systemAddressId, Integer salutationId,
                       Integer signatureId, Integer followUpId, int followUpLock, int unlockTimeout,
                       Integer defaultPriorityId, Integer slaId, String comments, int validId,
                       JsonObject autoResponseConfig, boolean customerSelectable, boolean timeUnitsRequired,
                       boolean closeNeedsChildrenClosed, String autoAssign, int maxOpenPerAgent)
      implements LookupTable.Fields {

    /** Reads and checks the fields; a 422 names every wrong one. */
    public static Fields read(Input input) {
      Fields fields = new Fields(
          input.string("name", true, 200),
          input.integer("group_id", true),
          input.integer("parent_id", false),
          input.integer("system_address_id", false),
          input.integer("salutation_id", false),
          input.integer("signature_id", false),
          input.integer("follow_up_id", false),
          followUpLock(input),
          LookupInput.atLeast(input, "unlock_timeout", 0, 0),
          input.integer("default_priority_id", false),
          input.integer("sla_id", false),
          input.string("comments", false, 250),
          Validity.read(input),
          autoResponseConfig(input),
          Boolean.TRUE.equals(input.bool("customer_selectable", false)),
          Boolean.TRUE.equals(input.bool("time_units_required", false)),
          Boolean.TRUE.equals(input.bool("close_needs_children_closed", false)),
          autoAssign(input),
          LookupInput.atLeast(input, "max_open_per_agent", 0, 0));
      input.validate();
      return fields;
    }

    private static JsonObject autoResponseConfig(Input input) {
      JsonObject config = input.object("auto_response_config", false);
      return config == null ? new JsonObject() : config;
    }

    private static String autoAssign(Input input) {
      String mode = input.string("auto_assign", false, 20);
      if (mode != null && !AUTO_ASSIGN.contains(mode)) {
        input.error("auto_assign", "must be one of " + AUTO_ASSIGN);
      }
      return mode == null ? "off" : mode;
    }

    private static int followUpLock(Input input) {
      Integer lock = input.integer("follow_up_lock", false);
      if (lock != null && lock != 0 && lock != 1) {
        input.error("follow_up_lock", "must be 0 or 1");
      }
      return lock == null ? 0 : lock;
    }
  }

  private static final String SELECT = """
      SELECT q.id, q.name, q.group_id, q.parent_id, q.system_address_id, q.salutation_id, q.signature_id,
             q.follow_up_id, q.follow_up_lock, q.unlock_timeout, q.default_priority_id, q.sla_id, q.comments,
             q.valid_id, q.auto_response_config, q.customer_selectable, q.time_units_required,
             q.close_needs_children_closed, q.auto_assign, q.max_open_per_agent, q.create_time, q.change_time
        FROM queue q
      """;

  private static final String OFFERED_TO_CUSTOMERS = """
      SELECT id, name, comments FROM queue WHERE valid_id = 1 AND customer_selectable ORDER BY name, id""";


  /** The stored {@code owner} groups hold the {@code rw} ones too (db/V46), so one key answers "owner or rw". */
  private static final String AGENTS_OF_QUEUE = """
      SELECT u.id, u.login, u.first_name, u.last_name, o.starts_on, o.ends_on,
             (SELECT s.login FROM users s WHERE s.id = o.substitute_id) AS substitute
        FROM queue q
        JOIN user_permitted_groups p ON p.permission_key = 'owner' AND q.group_id = ANY (p.group_ids)
        JOIN users u ON u.id = p.user_id AND u.valid_id = 1
        LEFT JOIN LATERAL agent_out_of_office(u.id) o ON o.ends_on >= current_date
       WHERE q.id = $1
       ORDER BY lower(u.last_name), lower(u.first_name), u.login""";

  private static final String QUEUE_EXISTS = "SELECT 1 FROM queue WHERE id = $1";

  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("name", "group_id", "parent_id", "system_address_id",
      "salutation_id", "signature_id", "follow_up_id", "follow_up_lock = $::int", "unlock_timeout",
      "default_priority_id", "sla_id", "comments", "valid_id", "auto_response_config", "customer_selectable", "time_units_required",
      "close_needs_children_closed", "auto_assign", "max_open_per_agent");

  private final Pool pool;
  private final Permissions permissions;
  private final LookupService<Queue, Fields> lookup;

  public QueueService(Pool pool, AuditLog audit, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
    this.lookup = new LookupService<>(pool, audit, new LookupTable<>("queue", "q", SELECT, WRITTEN,
        QueueService::toQueue, Fields::read, QueueService::checkReferences, visibleTo(permissions), "queue", "queue"));
  }

  /** Reads, and for administrators writes, like every lookup. */
  LookupService<Queue, Fields> lookup() {
    return lookup;
  }

  /** The valid queues customers may open tickets in ({@code GET /portal/queues}). */
  public Future<List<PortalQueue>> offeredToCustomers() {
    return pool.query(OFFERED_TO_CUSTOMERS).execute()
        .map(rows -> Rows.all(rows, row -> new PortalQueue(row.getInteger("id"), row.getString("name"),
            row.getString("comments"))));
  }

  /**
   * The agents who may own tickets in the queue, for an agent who may assign them there ({@code owner} or {@code rw}
   * on it) or an administrator: 404 for a queue that does not exist, 403 for anyone else.
   */
  public Future<List<QueueAgent>> agents(Principal principal, int queueId) {
    permissions.requireAgent(principal);
    return pool.preparedQuery(QUEUE_EXISTS).execute(Tuple.of(queueId))
        .compose(found -> found.size() == 0 ? Future.failedFuture(Problem.notFound("queue " + queueId + " not found"))
            : principal.admin() ? Future.succeededFuture()
            : permissions.requireOnQueue(pool, principal, queueId, "owner"))
        .compose(allowed -> pool.preparedQuery(AGENTS_OF_QUEUE).execute(Tuple.of(queueId)))
        .map(rows -> Rows.all(rows, row -> new QueueAgent(row.getUUID("id"), row.getString("login"),
            row.getString("first_name"), row.getString("last_name"), row.getLocalDate("starts_on") == null ? null
                : new OutOfOffice(row.getLocalDate("starts_on"), row.getLocalDate("ends_on"),
                    row.getString("substitute")))));
  }

  /**
   * The valid queues on which the agent holds {@code key}, whether or not they may read them: the queues a ticket can
   * be moved into ({@code move_into}) are often ones the agent never sees.
   */
  public Future<List<Queue>> withKey(Principal principal, String key) {
    permissions.requireAgent(principal);
    Permissions.Predicate held = permissions.queuesWith(principal, key, "q", 1);
    return pool.preparedQuery(SELECT + " WHERE q.valid_id = 1 AND " + held.sql() + " ORDER BY q.name, q.id")
        .execute(Tuple.from(held.parameters()))
        .map(rows -> Rows.all(rows, QueueService::toQueue));
  }

  /** Agents see the queues they hold {@code ro} on; administrators all. */
  private static LookupTable.Visibility visibleTo(Permissions permissions) {
    return (principal, firstParameter) -> principal.admin()
        ? LookupTable.Visibility.ALL_ROWS.rowsFor(principal, firstParameter)
        : permissions.queuesWith(principal, "ro", "q", firstParameter);
  }

  private static Future<Void> checkReferences(SqlClient client, Integer id, Fields fields) {
    return References.requireExisting(client, List.of(
            References.to("group_id", "groups", "group", fields.groupId()),
            References.to("parent_id", "queue", "queue", fields.parentId()),
            References.to("system_address_id", "system_address", "system address", fields.systemAddressId()),
            References.to("salutation_id", "salutation", "salutation", fields.salutationId()),
            References.to("signature_id", "signature", "signature", fields.signatureId()),
            References.to("follow_up_id", "follow_up_possible", "follow-up option", fields.followUpId()),
            References.to("default_priority_id", "ticket_priority", "priority", fields.defaultPriorityId()),
            References.to("sla_id", "sla", "SLA", fields.slaId())))
        .compose(checked -> Hierarchy.requireNoCycle(client, "queue", id, fields.parentId()));
  }

  private static Queue toQueue(Row row) {
    Object config = row.getValue("auto_response_config");
    return new Queue(row.getInteger("id"), row.getString("name"), row.getInteger("group_id"),
        row.getInteger("parent_id"), row.getInteger("system_address_id"), row.getInteger("salutation_id"),
        row.getInteger("signature_id"), row.getInteger("follow_up_id"), row.getInteger("follow_up_lock"),
        row.getInteger("unlock_timeout"), row.getInteger("default_priority_id"), row.getInteger("sla_id"),
        row.getString("comments"), row.getInteger("valid_id"),
        config instanceof JsonObject object ? object : new JsonObject(), row.getBoolean("customer_selectable"),
        row.getBoolean("time_units_required"), row.getBoolean("close_needs_children_closed"),
        row.getString("auto_assign"), row.getInteger("max_open_per_agent"), Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
