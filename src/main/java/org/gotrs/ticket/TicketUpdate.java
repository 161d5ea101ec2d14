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
import org.gotrs.audit.AuditLog;
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

/**
 * Applies a PATCH: each changed field needs what {@link TicketField} says (an agent its OTRS permission key, a
 * customer the field's customer rule), writes its history entry, and the whole change commits with its audit row
 * and events or not at all.
 */
final class TicketUpdate {

  /** One column to set, the field it belongs to, and how history records it. */
  private record Assignment(TicketField field, String column, Object value, TicketHistory.Change history) {}

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;
  private final TicketCustomFields customFields;
  private final TicketLookups lookups = new TicketLookups();
  private final Clock clock;
  private final TicketWriteHook afterWrite;
  private final boolean customersMayClose;

  TicketUpdate(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
               TicketCustomFields customFields, Clock clock, TicketWriteHook afterWrite, boolean customersMayClose) {
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
        lookups.resolve(tx, changes.lookups(), null).compose(resolved ->
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
               FOR UPDATE OF t""")
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
    List<Assignment> assignments = assignments(actor.principal(), current, changes, resolved, errors);
    return customFields.validate(tx, changes.customFields(), false, actor.principal(), errors).compose(customValues -> {
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
      list.add(new Assignment(TicketField.TITLE, "title", changes.title(), TicketHistory.Change.of("TitleUpdate",
          "%%" + current.getString("title") + "%%" + changes.title(), current.getString("title"), changes.title())));
    }
    Integer queue = resolved.queueId();
    if (queue != null && !queue.equals(current.getInteger("queue_id"))) {
      list.add(new Assignment(TicketField.QUEUE, "queue_id", queue, TicketHistory.Change.of("Move",
          "%%" + current.getInteger("queue_id") + "%%" + queue, current.getInteger("queue_id"), queue)));
    }
    int stateType = current.getInteger("state_type");
    long untilTime = current.getInteger("until_time") == null ? 0 : current.getInteger("until_time");
    boolean stateChanged = resolved.stateId() != null && !resolved.stateId().equals(current.getInteger("ticket_state_id"));
    if (stateChanged) {
      if (resolved.stateType() == StateType.MERGED.id()) {
        errors.add(new Problem.FieldError("state", "a ticket is merged through POST /tickets/{id}/merge"));
      }
      stateType = resolved.stateType();
      list.add(new Assignment(TicketField.STATE, "ticket_state_id", resolved.stateId(), TicketHistory.Change.of(
          "StateUpdate", "%%" + current.getString("state_name") + "%%" + resolved.stateName() + "%%",
          current.getString("state_name"), resolved.stateName())));
    }
    long newUntil = changes.untilTime() != null ? changes.untilTime() : untilTime;
    if (stateType == StateType.PENDING.id()) {
      boolean touchesPending = stateChanged || changes.untilTime() != null;
      if (touchesPending && newUntil <= clock.instant().getEpochSecond()) {
        errors.add(new Problem.FieldError("until_time", "a pending state needs a pending time in the future"));
      }
    } else {
      newUntil = 0;
    }
    if (newUntil != untilTime) {
      list.add(new Assignment(TicketField.PENDING_TIME, "until_time", (int) newUntil,
          TicketHistory.Change.of("SetPendingTime", "%%" + newUntil, untilTime, newUntil)));
    }
    if (resolved.priorityId() != null && !resolved.priorityId().equals(current.getInteger("ticket_priority_id"))) {
      list.add(new Assignment(TicketField.PRIORITY, "ticket_priority_id", resolved.priorityId(),
          TicketHistory.Change.of("PriorityUpdate", "%%" + current.getInteger("ticket_priority_id") + "%%"
              + resolved.priorityId(), current.getInteger("ticket_priority_id"), resolved.priorityId())));
    }
    if (resolved.typeId() != null && !resolved.typeId().equals(current.getInteger("type_id"))) {
      list.add(simple(TicketField.TYPE, "type_id", resolved.typeId(), "TypeUpdate", current.getInteger("type_id")));
    }
    if (resolved.serviceId() != null && !resolved.serviceId().equals(current.getInteger("service_id"))) {
      list.add(simple(TicketField.SERVICE, "service_id", resolved.serviceId(), "ServiceUpdate",
          current.getInteger("service_id")));
    }
    if (resolved.slaId() != null && !resolved.slaId().equals(current.getInteger("sla_id"))) {
      list.add(simple(TicketField.SLA, "sla_id", resolved.slaId(), "SLAUpdate", current.getInteger("sla_id")));
    }
    if (changes.serviceCleared() && current.getInteger("service_id") != null) {
      list.add(simple(TicketField.SERVICE, "service_id", null, "ServiceUpdate", current.getInteger("service_id")));
    }
    if (changes.slaCleared() && current.getInteger("sla_id") != null) {
      list.add(simple(TicketField.SLA, "sla_id", null, "SLAUpdate", current.getInteger("sla_id")));
    }
    UUID owner = changes.ownerNamed() ? resolved.ownerId() : current.getUUID("user_id");
    Lock lock = changes.lock();
    if (lock == Lock.LOCKED && owner == null) {
      owner = principal.userId(); // locking takes ownership, as in OTRS
    }
    if (!Objects.equals(owner, current.getUUID("user_id")) && (owner != null || changes.ownerNamed())) {
      list.add(new Assignment(TicketField.OWNER, "user_id", owner, TicketHistory.Change.of("OwnerUpdate",
          "%%" + owner, current.getUUID("user_id"), owner)));
    }
    if (lock != null && lock.id() != current.getInteger("ticket_lock_id")) {
      list.add(new Assignment(TicketField.LOCK, "ticket_lock_id", lock.id(), TicketHistory.Change.of(
          lock == Lock.LOCKED ? "Lock" : "Unlock", lock == Lock.LOCKED ? "%%lock" : "%%unlock",
          current.getInteger("ticket_lock_id"), lock.id())));
    }
    if (changes.responsibleNamed() && !Objects.equals(resolved.responsibleId(), current.getUUID("responsible_user_id"))) {
      list.add(simple(TicketField.RESPONSIBLE, "responsible_user_id", resolved.responsibleId(), "ResponsibleUpdate",
          current.getUUID("responsible_user_id")));
    }
    if (changes.lookups().customerUser() != null && !Objects.equals(resolved.customerUserId(), current.getUUID("customer_user_id"))) {
      list.add(simple(TicketField.CUSTOMER_USER, "customer_user_id", resolved.customerUserId(), "CustomerUpdate",
          current.getUUID("customer_user_id")));
      if (!changes.customerIdNamed() && resolved.customerUserCompany() != null) {
        list.add(simple(TicketField.CUSTOMER, "customer_id", resolved.customerUserCompany(), "CustomerUpdate",
            current.getString("customer_id")));
      }
    }
    if (changes.customerIdNamed() && !Objects.equals(changes.customerId(), current.getString("customer_id"))) {
      list.add(simple(TicketField.CUSTOMER, "customer_id", changes.customerId(), "CustomerUpdate",
          current.getString("customer_id")));
    }
    if (changes.tags() != null) {
      String[] old = current.getArrayOfStrings("tags");
      List<String> before = old == null ? List.of() : Arrays.asList(old);
      if (!new TreeSet<>(before).equals(new TreeSet<>(changes.tags()))) {
        list.add(new Assignment(TicketField.TAGS, "tags", changes.tags().toArray(new String[0]),
            TicketHistory.Change.of("Misc", "%%tags", String.join(",", before), String.join(",", changes.tags()))));
      }
    }
    if (changes.archiveFlag() != null && !changes.archiveFlag().equals(current.getInteger("archive_flag"))) {
      list.add(simple(TicketField.ARCHIVE_FLAG, "archive_flag", changes.archiveFlag(), "ArchiveFlagUpdate",
          current.getInteger("archive_flag")));
    }
    return list;
  }

  private static Assignment simple(TicketField field, String column, Object value, String historyType, Object old) {
    return new Assignment(field, column, value,
        TicketHistory.Change.of(historyType, "%%" + (value == null ? "" : value), old, value));
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
        ? TicketField.refusedCustomerState(resolved.stateName(), customersMayClose) : List.of();
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
        .compose(ticket -> publish(tx, current, ticket, newValues.keySet()).map(ticket));
  }

  private Future<Void> publish(SqlClient tx, Row current, Ticket ticket, Set<String> changed) {
    Integer oldQueue = current.getInteger("queue_id");
    List<Topic> topics = new ArrayList<>(TicketService.topics(ticket));
    JsonObject data = new JsonObject().put("ticket", ticket.toJson()).put("changed", new io.vertx.core.json.JsonArray(
        new ArrayList<>(changed))).put("previous", TicketService.previous(oldQueue, current.getInteger("state_type")));
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
