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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.Actor;
import org.gotrs.auth.Principal;
import org.gotrs.events.DomainEvents;
import org.gotrs.http.Problem;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.history.TicketHistory;

/**
 * Applies a PATCH: each changed field needs its OTRS permission key, writes its history entry, and the
 * whole change commits with its audit row and events or not at all.
 */
final class TicketUpdate {

  /** One column to set, the key it needs, and how history records it. */
  private record Assignment(String field, String column, Object value, String key, TicketHistory.Change history) {}

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;
  private final TicketCustomFields customFields;
  private final TicketLookups lookups = new TicketLookups();
  private final Clock clock;
  private final TicketWriteHook afterWrite;

  TicketUpdate(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
               TicketCustomFields customFields, Clock clock, TicketWriteHook afterWrite) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.history = history;
    this.customFields = customFields;
    this.clock = clock;
    this.afterWrite = afterWrite;
  }

  Future<Ticket> update(Actor actor, long id, TicketChanges changes) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, id, "ro").compose(readable -> {
      if (!principal.isAgent()) {
        return Future.failedFuture(Problem.forbidden("customers cannot change ticket fields"));
      }
      return pool.withTransaction(tx -> lockCurrent(tx, id, principal.userId()).compose(current ->
          lookups.resolve(tx, changes.lookups(), null).compose(resolved ->
              apply(tx, actor, current, changes, resolved, true))));
    });
  }

  /** An agent's change inside a transaction the caller holds (a chat handed to another queue takes its ticket along). */
  Future<Ticket> updateInTransaction(SqlClient tx, Actor actor, long id, TicketChanges changes) {
    return lockCurrent(tx, id, actor.principal().userId()).compose(current ->
        lookups.resolve(tx, changes.lookups(), null).compose(resolved ->
            apply(tx, actor, current, changes, resolved, true)));
  }

  /**
   * A change made by the system (a workflow, a pending state running out) inside the caller's transaction:
   * validated like an agent's PATCH, written with the same history, audit and events, but not permission-checked.
   */
  Future<Ticket> updateBySystem(SqlClient tx, Actor system, long id, TicketChanges changes) {
    return lockCurrent(tx, id, system.principal().userId()).compose(current ->
        lookups.resolve(tx, changes.lookups(), null).compose(resolved ->
            apply(tx, system, current, changes, resolved, false)));
  }

  private Future<Row> lockCurrent(SqlClient tx, long id, UUID user) {
    return tx.preparedQuery("""
            SELECT t.id, t.tn, t.title, t.queue_id, t.ticket_state_id, s.type_id AS state_type, s.name AS state_name,
                   t.ticket_priority_id, t.type_id, t.service_id, t.sla_id, t.user_id, t.responsible_user_id,
                   t.ticket_lock_id, t.until_time, t.tags, t.customer_id, t.customer_user_id, t.archive_flag,
                   t.custom_fields,
                   t.queue_id = ANY (permitted_queue_ids($2, 'rw')) AS may_rw,
                   t.queue_id = ANY (permitted_queue_ids($2, 'move_into')) AS may_move,
                   t.queue_id = ANY (permitted_queue_ids($2, 'priority')) AS may_priority,
                   t.queue_id = ANY (permitted_queue_ids($2, 'owner')) AS may_owner
              FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
             WHERE t.id = $1
               FOR UPDATE OF t""")
        .execute(Tuple.of(id, user))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("ticket " + id + " not found"))
            : Future.succeededFuture(rows.iterator().next()));
  }

  private Future<Ticket> apply(SqlClient tx, Actor actor, Row current, TicketChanges changes,
                               TicketLookups.Resolved resolved, boolean checkPermissions) {
    long id = current.getLong("id");
    List<Problem.FieldError> errors = new ArrayList<>(TicketLookups.missing(changes.lookups(), resolved));
    if (current.getInteger("state_type") == TicketService.STATE_TYPE_MERGED) {
      return Future.failedFuture(Problem.conflict("ticket " + id + " is merged and can no longer change"));
    }
    List<Assignment> assignments = assignments(actor.principal(), current, changes, resolved, errors);
    return customFields.validate(tx, changes.customFields(), false, actor.principal(), errors).compose(customValues -> {
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.invalid(errors));
      }
      Future<Void> authorised = checkPermissions
          ? authorise(tx, actor.principal(), current, assignments, resolved) : Future.succeededFuture();
      return authorised.compose(allowed -> {
        if (assignments.isEmpty() && (customValues == null || customValues.isEmpty())) {
          return TicketService.find(tx, id);
        }
        return write(tx, actor, current, assignments, customValues);
      });
    });
  }

  private List<Assignment> assignments(Principal principal, Row current, TicketChanges changes,
                                       TicketLookups.Resolved resolved, List<Problem.FieldError> errors) {
    List<Assignment> list = new ArrayList<>();
    if (changes.title() != null && !changes.title().equals(current.getString("title"))) {
      list.add(new Assignment("title", "title", changes.title(), "rw", TicketHistory.Change.of("TitleUpdate",
          "%%" + current.getString("title") + "%%" + changes.title(), current.getString("title"), changes.title())));
    }
    Integer queue = resolved.queueId();
    if (queue != null && !queue.equals(current.getInteger("queue_id"))) {
      list.add(new Assignment("queue_id", "queue_id", queue, "move_into", TicketHistory.Change.of("Move",
          "%%" + current.getInteger("queue_id") + "%%" + queue, current.getInteger("queue_id"), queue)));
    }
    int stateType = current.getInteger("state_type");
    long untilTime = current.getInteger("until_time") == null ? 0 : current.getInteger("until_time");
    boolean stateChanged = resolved.stateId() != null && !resolved.stateId().equals(current.getInteger("ticket_state_id"));
    if (stateChanged) {
      if (resolved.stateType() == TicketService.STATE_TYPE_MERGED) {
        errors.add(new Problem.FieldError("state", "a ticket is merged through POST /tickets/{id}/merge"));
      }
      stateType = resolved.stateType();
      list.add(new Assignment("state_id", "ticket_state_id", resolved.stateId(), "rw", TicketHistory.Change.of(
          "StateUpdate", "%%" + current.getString("state_name") + "%%" + resolved.stateName() + "%%",
          current.getString("state_name"), resolved.stateName())));
    }
    long newUntil = changes.untilTime() != null ? changes.untilTime() : untilTime;
    if (stateType == TicketService.STATE_TYPE_PENDING) {
      boolean touchesPending = stateChanged || changes.untilTime() != null;
      if (touchesPending && newUntil <= clock.instant().getEpochSecond()) {
        errors.add(new Problem.FieldError("until_time", "a pending state needs a pending time in the future"));
      }
    } else {
      newUntil = 0;
    }
    if (newUntil != untilTime) {
      list.add(new Assignment("until_time", "until_time", (int) newUntil, "rw",
          TicketHistory.Change.of("SetPendingTime", "%%" + newUntil, untilTime, newUntil)));
    }
    if (resolved.priorityId() != null && !resolved.priorityId().equals(current.getInteger("ticket_priority_id"))) {
      list.add(new Assignment("priority_id", "ticket_priority_id", resolved.priorityId(), "priority",
          TicketHistory.Change.of("PriorityUpdate", "%%" + current.getInteger("ticket_priority_id") + "%%"
              + resolved.priorityId(), current.getInteger("ticket_priority_id"), resolved.priorityId())));
    }
    if (resolved.typeId() != null && !resolved.typeId().equals(current.getInteger("type_id"))) {
      list.add(simple("type_id", "type_id", resolved.typeId(), "TypeUpdate", current.getInteger("type_id")));
    }
    if (resolved.serviceId() != null && !resolved.serviceId().equals(current.getInteger("service_id"))) {
      list.add(simple("service_id", "service_id", resolved.serviceId(), "ServiceUpdate", current.getInteger("service_id")));
    }
    if (resolved.slaId() != null && !resolved.slaId().equals(current.getInteger("sla_id"))) {
      list.add(simple("sla_id", "sla_id", resolved.slaId(), "SLAUpdate", current.getInteger("sla_id")));
    }
    if (changes.serviceCleared() && current.getInteger("service_id") != null) {
      list.add(simple("service_id", "service_id", null, "ServiceUpdate", current.getInteger("service_id")));
    }
    if (changes.slaCleared() && current.getInteger("sla_id") != null) {
      list.add(simple("sla_id", "sla_id", null, "SLAUpdate", current.getInteger("sla_id")));
    }
    UUID owner = changes.ownerNamed() ? resolved.ownerId() : current.getUUID("user_id");
    Integer lock = changes.ticketLockId();
    if (lock != null && lock == 2 && owner == null) {
      owner = principal.userId(); // locking takes ownership, as in OTRS
    }
    if (!Objects.equals(owner, current.getUUID("user_id")) && (owner != null || changes.ownerNamed())) {
      list.add(new Assignment("user_id", "user_id", owner, "owner", TicketHistory.Change.of("OwnerUpdate",
          "%%" + owner, current.getUUID("user_id"), owner)));
    }
    if (lock != null && !lock.equals(current.getInteger("ticket_lock_id"))) {
      list.add(new Assignment("ticket_lock_id", "ticket_lock_id", lock, "rw", TicketHistory.Change.of(
          lock == 2 ? "Lock" : "Unlock", lock == 2 ? "%%lock" : "%%unlock", current.getInteger("ticket_lock_id"), lock)));
    }
    if (changes.responsibleNamed() && !Objects.equals(resolved.responsibleId(), current.getUUID("responsible_user_id"))) {
      list.add(simple("responsible_user_id", "responsible_user_id", resolved.responsibleId(), "ResponsibleUpdate",
          current.getUUID("responsible_user_id")));
    }
    if (changes.lookups().customerUser() != null && !Objects.equals(resolved.customerUserId(), current.getUUID("customer_user_id"))) {
      list.add(simple("customer_user_id", "customer_user_id", resolved.customerUserId(), "CustomerUpdate",
          current.getUUID("customer_user_id")));
      if (!changes.customerIdNamed() && resolved.customerUserCompany() != null) {
        list.add(simple("customer_id", "customer_id", resolved.customerUserCompany(), "CustomerUpdate",
            current.getString("customer_id")));
      }
    }
    if (changes.customerIdNamed() && !Objects.equals(changes.customerId(), current.getString("customer_id"))) {
      list.add(simple("customer_id", "customer_id", changes.customerId(), "CustomerUpdate", current.getString("customer_id")));
    }
    if (changes.tags() != null) {
      String[] old = current.getArrayOfStrings("tags");
      List<String> before = old == null ? List.of() : Arrays.asList(old);
      if (!new TreeSet<>(before).equals(new TreeSet<>(changes.tags()))) {
        list.add(new Assignment("tags", "tags", changes.tags().toArray(new String[0]), "rw",
            TicketHistory.Change.of("Misc", "%%tags", String.join(",", before), String.join(",", changes.tags()))));
      }
    }
    if (changes.archiveFlag() != null && !changes.archiveFlag().equals(current.getInteger("archive_flag"))) {
      list.add(simple("archive_flag", "archive_flag", changes.archiveFlag(), "ArchiveFlagUpdate",
          current.getInteger("archive_flag")));
    }
    return list;
  }

  private static Assignment simple(String field, String column, Object value, String historyType, Object old) {
    return new Assignment(field, column, value, "rw",
        TicketHistory.Change.of(historyType, "%%" + (value == null ? "" : value), old, value));
  }

  /** Every key the assignments need; moving also needs move_into on the target queue. */
  private Future<Void> authorise(SqlClient tx, Principal principal, Row current, List<Assignment> assignments,
                                 TicketLookups.Resolved resolved) {
    Set<String> missing = new TreeSet<>();
    for (Assignment assignment : assignments) {
      boolean allowed = switch (assignment.key()) {
        case "move_into" -> current.getBoolean("may_move");
        case "priority" -> current.getBoolean("may_priority");
        case "owner" -> current.getBoolean("may_owner");
        default -> current.getBoolean("may_rw");
      };
      if (!allowed) {
        missing.add(assignment.key());
      }
    }
    if (!missing.isEmpty()) {
      return Future.failedFuture(Problem.forbidden("you lack the " + missing + " permission on this ticket's queue"));
    }
    boolean moving = assignments.stream().anyMatch(a -> a.field().equals("queue_id"));
    return moving ? permissions.requireOnQueue(tx, principal, resolved.queueId(), "move_into") : Future.succeededFuture();
  }

  private Future<Ticket> write(SqlClient tx, Actor actor, Row current, List<Assignment> assignments,
                               JsonObject customValues) {
    long id = current.getLong("id");
    UUID agent = actor.principal().userId();
    List<Object> parameters = new ArrayList<>(List.of(id, agent));
    StringBuilder sql = new StringBuilder("UPDATE ticket SET change_time = now(), change_by = $2");
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
    sql.append(" WHERE id = $1");
    Map<String, Object> oldValues = new LinkedHashMap<>();
    Map<String, Object> newValues = new LinkedHashMap<>();
    for (Assignment assignment : assignments) {
      oldValues.put(assignment.field(), assignment.history().oldValue());
      newValues.put(assignment.field(), assignment.history().newValue());
    }
    if (customValues != null && !customValues.isEmpty()) {
      newValues.put("custom_fields", customValues);
    }
    return tx.preparedQuery(sql.toString()).execute(Tuple.from(parameters))
        .compose(updated -> customFields.store(tx, id, customValues))
        .compose(stored -> history.record(tx, id, agent, changes))
        .compose(written -> afterWrite.ticketWritten(tx, id))
        .compose(indexed -> audit.record(tx, actor, AuditLog.Entry.success("ticket.update", "ticket", id, oldValues,
            newValues)))
        .compose(audited -> TicketService.find(tx, id))
        .compose(ticket -> publish(tx, current, ticket, newValues.keySet()).map(ticket));
  }

  private Future<Void> publish(SqlClient tx, Row current, Ticket ticket, Set<String> changed) {
    Integer oldQueue = current.getInteger("queue_id");
    List<String> topics = new ArrayList<>(TicketService.topics(ticket));
    JsonObject data = new JsonObject().put("ticket", ticket.toJson()).put("changed", new io.vertx.core.json.JsonArray(
        new ArrayList<>(changed))).put("previous", TicketService.previous(oldQueue, current.getInteger("state_type")));
    boolean moved = !Objects.equals(oldQueue, ticket.queueId());
    if (moved) {
      topics.add("queue:" + oldQueue);
      data.put("old_queue_id", oldQueue);
    }
    return TicketAudience.of(tx, data, ticket)
        .compose(audienced -> events.record(tx, moved ? "ticket.moved" : "ticket.updated", topics, audienced))
        .mapEmpty();
  }
}
