package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.gotrs.audit.AuditLog;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.history.TicketHistory;
import org.gotrs.history.TicketWriteHook;
import org.gotrs.http.Problem;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.TicketFieldRules.Assignment;

/**
 * Applies a PATCH: each changed field needs what {@link TicketField} says (an agent its OTRS permission key, a
 * customer the field's customer rule), writes its history entry, and the whole change commits with its audit row
 * and events or not at all.
 */
final class TicketUpdate {

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;
  private final TicketCustomFields customFields;
  private final TicketLookups lookups = new TicketLookups();
  private final Clock clock;
  private final TicketWriteHook afterWrite;
  private final BooleanSupplier customersMayClose;

  TicketUpdate(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
               TicketCustomFields customFields, Clock clock, TicketWriteHook afterWrite,
               BooleanSupplier customersMayClose) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.history = history;
    this.customFields = customFields;
    this.clock = clock;
    this.afterWrite = afterWrite;
    this.customersMayClose = customersMayClose;
  }

  /** A PATCH by the caller (native API, GenericInterface): an agent's keys or a customer's rules decide. */
  Future<Ticket> update(Actor actor, long id, TicketChanges changes) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, id, "ro").compose(readable -> {
      if (principal.isCustomer()) {
        List<Problem.FieldError> refused = TicketField.refusedOnCustomerChange(changes.named());
        if (!refused.isEmpty()) {
          return Future.failedFuture(TicketField.refusedToCustomer(refused));
        }
      }
      return pool.withTransaction(tx -> change(tx, actor, principal, id, changes))
          .compose(changed -> customFields.forViewer(pool, changed, principal));
    });
  }

  /** An agent's change inside a transaction the caller holds (a chat handed to another queue takes its ticket along). */
  Future<Ticket> updateInTransaction(SqlClient tx, Actor actor, long id, TicketChanges changes) {
    return change(tx, actor, actor.principal(), id, changes);
  }

  /**
   * A change made by the system (a workflow, a pending state running out) inside the caller's transaction:
   * validated like an agent's PATCH and written as the system with the same history, audit and events. It is
   * checked against the keys of {@code onBehalfOf}, the agent who asked for it (a workflow they ran), and not
   * checked at all when no one did (null).
   */
  Future<Ticket> updateBySystem(SqlClient tx, Actor system, long id, TicketChanges changes, Principal onBehalfOf) {
    return change(tx, system, onBehalfOf, id, changes);
  }

  private Future<Ticket> change(SqlClient tx, Actor actor, Principal checkedFor, long id, TicketChanges changes) {
    return lockCurrent(tx, id, checkedFor == null ? null : checkedFor.userId()).compose(current ->
        lookups.resolve(tx, changes.lookups(), null, null).compose(resolved ->
            apply(tx, actor, checkedFor, current, changes, resolved)));
  }

  /** The ticket as it is, locked, with the keys of {@link TicketField} the agent holds on its queue. */
  private Future<Row> lockCurrent(SqlClient tx, long id, UUID agent) {
    return tx.preparedQuery("""
            SELECT t.id, t.tn, t.title, t.queue_id, t.ticket_state_id, s.type_id AS state_type, s.name AS state_name,
                   t.ticket_priority_id, t.type_id, t.service_id, t.sla_id, t.user_id, t.responsible_user_id,
                   t.ticket_lock_id, t.until_time, t.tags, t.customer_id, t.customer_user_id, t.archive_flag,
                   t.custom_fields,
                   ARRAY(SELECT k FROM unnest($3::text[]) AS k
                          WHERE $2::uuid IS NOT NULL AND t.queue_id = ANY (permitted_queue_ids($2, k))) AS held_keys
              FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
             WHERE t.id = $1
               FOR NO KEY UPDATE OF t""")
        .execute(Tuple.of(id, agent, TicketField.keys().toArray(new String[0])))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("ticket " + id + " not found"))
            : Future.succeededFuture(rows.iterator().next()));
  }

  /** @param checkedFor whose rights the change is checked against; null = no one's (the system's own change) */
  private Future<Ticket> apply(SqlClient tx, Actor actor, Principal checkedFor, Row current, TicketChanges changes,
                               TicketLookups.Resolved resolved) {
    long id = current.getLong("id");
    List<Problem.FieldError> errors = new ArrayList<>(TicketLookups.missing(changes.lookups(), resolved));
    if (current.getInteger("state_type") == StateType.MERGED.id()) {
      return Future.failedFuture(Problem.conflict("ticket " + id + " is merged and can no longer change"));
    }
    List<Assignment> assignments = TicketFieldRules.assignments(new TicketFieldRules.Change(actor.principal(), current,
        changes, resolved, clock.instant().getEpochSecond(), errors));
    return assigneesMayOwn(tx, current, assignments, resolved, errors)
        .compose(checked -> customFields.validate(tx, changes.customFields(), false, actor.principal(), errors))
        .compose(customValues -> {
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.invalid(errors));
          }
          Set<TicketField> fields = EnumSet.noneOf(TicketField.class);
          assignments.forEach(assignment -> fields.add(assignment.field()));
          if (customValues != null && !customValues.isEmpty()) {
            fields.add(TicketField.CUSTOM_FIELDS);
          }
          Future<Void> authorised = checkedFor == null ? Future.succeededFuture()
              : checkedFor.isCustomer() ? mayCustomerSet(fields, resolved)
              : authorise(tx, checkedFor, current, fields, resolved);
          return authorised.compose(allowed -> requireChildrenClosed(tx, current, resolved)).compose(allowed -> {
            if (assignments.isEmpty() && (customValues == null || customValues.isEmpty())) {
              return TicketService.find(tx, id);
            }
            return write(tx, actor, current, assignments, customValues);
          });
        });
  }

  /**
   * A new owner must be one who may own tickets in the queue the ticket ends up in ({@code owner} or {@code rw} there),
   * a new responsible agent one who may at least read them ({@code ro}), whoever assigns them: otherwise the ticket
   * waits with someone who cannot work on it, or cannot even open it.
   */
  private static Future<Void> assigneesMayOwn(SqlClient tx, Row current, List<Assignment> assignments,
                                              TicketLookups.Resolved resolved, List<Problem.FieldError> errors) {
    UUID owner = assigned(assignments, TicketField.OWNER);
    UUID responsible = assigned(assignments, TicketField.RESPONSIBLE);
    if (owner == null && responsible == null) {
      return Future.succeededFuture();
    }
    int queue = resolved.queueId() != null ? resolved.queueId() : current.getInteger("queue_id");
    return tx.preparedQuery("""
            SELECT $2::uuid IS NULL OR $1::int = ANY (permitted_queue_ids($2, 'owner')) AS owner_may,
                   $3::uuid IS NULL OR $1::int = ANY (permitted_queue_ids($3, 'ro')) AS responsible_may""")
        .execute(Tuple.of(queue, owner, responsible))
        .map(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean("owner_may")) {
            errors.add(new Problem.FieldError("user_id", "this agent may not own tickets in the ticket's queue"));
          }
          if (!row.getBoolean("responsible_may")) {
            errors.add(new Problem.FieldError("responsible_user_id",
                "this agent may not read tickets in the ticket's queue"));
          }
          return null;
        });
  }

  /** The agent a change assigns to the field; null when it assigns no one. */
  private static UUID assigned(List<Assignment> assignments, TicketField field) {
    return assignments.stream().filter(assignment -> assignment.field() == field).map(Assignment::value)
        .filter(UUID.class::isInstance).map(UUID.class::cast).findFirst().orElse(null);
  }

  /**
   * The queue's rule that a parent ticket stays open while a child is open ({@code close_needs_children_closed}): a
   * change that closes the ticket is refused with a 422 naming the open children.
   */
  private Future<Void> requireChildrenClosed(SqlClient tx, Row current, TicketLookups.Resolved resolved) {
    boolean closes = resolved.stateId() != null && !resolved.stateId().equals(current.getInteger("ticket_state_id"))
        && resolved.stateType() != null && resolved.stateType() == StateType.CLOSED.id();
    if (!closes) {
      return Future.succeededFuture();
    }
    Integer queueId = resolved.queueId() != null ? resolved.queueId() : current.getInteger("queue_id");
    return tx.preparedQuery("""
            SELECT c.tn FROM ticket_link l
              JOIN ticket c ON c.id = l.target_ticket_id
              JOIN ticket_state s ON s.id = c.ticket_state_id
             WHERE l.source_ticket_id = $1 AND l.link_type = 'ParentChild' AND s.type_id = ANY ($3)
               AND EXISTS (SELECT 1 FROM queue q WHERE q.id = $2 AND q.close_needs_children_closed)
             ORDER BY c.tn""")
        .execute(Tuple.of(current.getLong("id"), queueId, new Integer[] {StateType.NEW.id(), StateType.OPEN.id(),
            StateType.PENDING.id()}))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          List<String> children = new ArrayList<>();
          rows.forEach(row -> children.add(row.getString("tn")));
          return Future.failedFuture(Problem.invalid("state", "this ticket's queue keeps a parent open while a child "
              + "is open; open child tickets: " + String.join(", ", children)));
        });
  }

  /** Every key the changed fields need on the ticket's queue; moving also needs move_into on the target queue. */
  private Future<Void> authorise(SqlClient tx, Principal agent, Row current, Set<TicketField> fields,
                                 TicketLookups.Resolved resolved) {
    List<String> held = Arrays.asList(current.getArrayOfStrings("held_keys"));
    Set<String> missing = new TreeSet<>();
    for (TicketField field : fields) {
      if (!held.contains(field.key())) {
        missing.add(field.key());
      }
    }
    if (!missing.isEmpty()) {
      return Future.failedFuture(Problem.forbidden("you lack the " + missing + " permission on this ticket's queue"));
    }
    return fields.contains(TicketField.QUEUE) ? permissions.requireOnQueue(tx, agent, resolved.queueId(), "move_into")
        : Future.succeededFuture();
  }

  /** A customer's change, its members already checked against {@link TicketField}: a new state may only close it. */
  private Future<Void> mayCustomerSet(Set<TicketField> fields, TicketLookups.Resolved resolved) {
    List<Problem.FieldError> refused = fields.contains(TicketField.STATE)
        ? TicketField.refusedCustomerState(resolved.stateName(), customersMayClose.getAsBoolean()) : List.of();
    return refused.isEmpty() ? Future.succeededFuture() : Future.failedFuture(TicketField.refusedToCustomer(refused));
  }

  private Future<Ticket> write(SqlClient tx, Actor actor, Row current, List<Assignment> assignments,
                               JsonObject customValues) {
    long id = current.getLong("id");
    UUID agent = actor.principal().userId(); // null for a customer: the ticket keeps its last agent in change_by
    List<Object> parameters = new ArrayList<>(Arrays.asList(id, agent));
    StringBuilder sql = new StringBuilder("UPDATE ticket SET change_time = now(), change_by = coalesce($2, change_by)");
    for (Assignment assignment : assignments) {
      parameters.add(assignment.value());
      sql.append(", ").append(assignment.column()).append(" = $").append(parameters.size());
    }
    List<TicketHistory.Change> changes = new ArrayList<>(assignments.stream().map(Assignment::history).toList());
    if (customValues != null && !customValues.isEmpty()) {
      parameters.add(customValues);
      sql.append(", custom_fields = ").append(TicketCustomFields.mergeExpression(parameters.size()));
      changes.add(TicketHistory.Change.of("TicketDynamicFieldUpdate", "%%" + String.join(",", customValues.fieldNames()),
          null, customValues.encode()));
    }
    sql.append(", timeout = ").append(unlockTimeoutFrom(assignments));
    sql.append(" WHERE id = $1");
    Map<String, Object> oldValues = new LinkedHashMap<>();
    Map<String, Object> newValues = new LinkedHashMap<>();
    for (Assignment assignment : assignments) {
      oldValues.put(assignment.field().changedName(), assignment.history().oldValue());
      newValues.put(assignment.field().changedName(), assignment.history().newValue());
    }
    if (customValues != null && !customValues.isEmpty()) {
      newValues.put(TicketField.CUSTOM_FIELDS.changedName(), customValues);
    }
    return tx.preparedQuery(sql.toString()).execute(Tuple.from(parameters))
        .compose(updated -> customFields.store(tx, id, customValues))
        .compose(stored -> history.record(tx, id, agent, changes))
        .compose(written -> afterWrite.ticketWritten(tx, id))
        .compose(indexed -> audit.record(tx, actor, AuditLog.Entry.success("ticket.update", "ticket", id, oldValues,
            newValues)))
        .compose(audited -> TicketService.find(tx, id))
        .compose(ticket -> publish(tx, current, ticket, newValues.keySet(), agent).map(ticket));
  }

  /**
   * Where the queue's unlock timeout counts from (OTRS's {@code ticket.timeout}): the moment of locking, and again
   * whenever the owner of a locked ticket changes it, so only an owner who does nothing loses the lock.
   */
  private String unlockTimeoutFrom(List<Assignment> assignments) {
    long now = clock.instant().getEpochSecond();
    boolean locks = assignments.stream().anyMatch(assignment -> assignment.field() == TicketField.LOCK
        && Integer.valueOf(Lock.LOCKED.id()).equals(assignment.value()));
    return locks ? String.valueOf(now)
        : "CASE WHEN ticket_lock_id = " + Lock.LOCKED.id() + " AND user_id = $2 THEN " + now + " ELSE timeout END";
  }

  /**
   * The ticket's fields before the change that a saved view's filters read (see {@link ViewMatch}), so its count
   * follows the change without counting again; custom fields are left out, as they may be hidden from customers.
   */
  private static JsonObject before(Row current) {
    String[] tags = current.getArrayOfStrings("tags");
    return TicketService.previous(current.getInteger("queue_id"), current.getInteger("state_type"))
        .put("state_id", current.getInteger("ticket_state_id")).put("state", current.getString("state_name"))
        .put("priority_id", current.getInteger("ticket_priority_id"))
        .put("user_id", text(current.getUUID("user_id")))
        .put("responsible_user_id", text(current.getUUID("responsible_user_id")))
        .put("customer_id", current.getString("customer_id"))
        .put("customer_user_id", text(current.getUUID("customer_user_id")))
        .put("tags", new io.vertx.core.json.JsonArray(tags == null ? List.of() : List.of(tags)))
        .put("archive_flag", current.getInteger("archive_flag"));
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  /** @param changedBy the agent who changed it (null: a customer), for consumers of the log; never sent to clients */
  private Future<Void> publish(SqlClient tx, Row current, Ticket ticket, Set<String> changed, UUID changedBy) {
    Integer oldQueue = current.getInteger("queue_id");
    List<Topic> topics = new ArrayList<>(TicketService.topics(ticket));
    JsonObject data = new JsonObject().put("ticket", ticket.toJson()).put("changed", new io.vertx.core.json.JsonArray(
        new ArrayList<>(changed))).put("previous", before(current))
        .put(CommittedEvent.ACTOR, changedBy == null ? null : changedBy.toString());
    boolean moved = !Objects.equals(oldQueue, ticket.queueId());
    if (moved) {
      topics.add(Topic.queue(oldQueue));
      data.put("old_queue_id", oldQueue);
    }
    return TicketAudience.of(tx, data, ticket)
        .compose(audienced -> events.record(tx, moved ? EventName.TICKET_MOVED : EventName.TICKET_UPDATED, topics, audienced))
        .mapEmpty();
  }
}
