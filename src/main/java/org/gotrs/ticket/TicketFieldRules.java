package org.gotrs.ticket;

import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.gotrs.history.TicketHistory;
import org.gotrs.http.Problem;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Principal;

/**
 * One rule per ticket field: given a change and the ticket as it is, what the change sets on that field and how the
 * OTRS history records it. A field the change leaves as it is sets nothing. {@link TicketUpdate} runs them all.
 */
final class TicketFieldRules {

  /** One column to set, the field it belongs to, and how history records it. */
  record Assignment(TicketField field, String column, Object value, TicketHistory.Change history) {

    static Assignment simple(TicketField field, String column, Object value, String historyType, Object old) {
      return new Assignment(field, column, value,
          TicketHistory.Change.of(historyType, "%%" + (value == null ? "" : value), old, value));
    }
  }

  /**
   * What the rules look at: who changes the ticket, the ticket as it is (locked), the change, the rows it names,
   * the time, and where each rule reports what is wrong.
   */
  record Change(Principal principal, Row current, TicketChanges changes, TicketLookups.Resolved resolved, long now,
                List<Problem.FieldError> errors) {

    boolean stateChanges() {
      return resolved.stateId() != null && !resolved.stateId().equals(current.getInteger("ticket_state_id"));
    }

    /** The state type the ticket has after the change. */
    int stateType() {
      return stateChanges() ? resolved.stateType() : current.getInteger("state_type");
    }
  }

  @FunctionalInterface
  private interface Rule {
    Assignment apply(Change change);
  }

  private static final List<Rule> RULES = List.of(TicketFieldRules::title, TicketFieldRules::queue,
      TicketFieldRules::state, TicketFieldRules::pendingTime, TicketFieldRules::priority, TicketFieldRules::type,
      TicketFieldRules::service, TicketFieldRules::sla, TicketFieldRules::owner, TicketFieldRules::lock,
      TicketFieldRules::responsible, TicketFieldRules::customerUser, TicketFieldRules::customer, TicketFieldRules::tags,
      TicketFieldRules::archiveFlag);

  private TicketFieldRules() {}

  /** What the change sets, field by field, in the order OTRS's history lists it. */
  static List<Assignment> assignments(Change change) {
    List<Assignment> assignments = new ArrayList<>();
    for (Rule rule : RULES) {
      Assignment assignment = rule.apply(change);
      if (assignment != null) {
        assignments.add(assignment);
      }
    }
    return assignments;
  }

  private static Assignment title(Change change) {
    String title = change.changes().title();
    String old = change.current().getString("title");
    return title == null || title.equals(old) ? null : new Assignment(TicketField.TITLE, "title", title,
        TicketHistory.Change.of("TitleUpdate", "%%" + old + "%%" + title, old, title));
  }

  private static Assignment queue(Change change) {
    Integer queue = change.resolved().queueId();
    Integer old = change.current().getInteger("queue_id");
    return queue == null || queue.equals(old) ? null : new Assignment(TicketField.QUEUE, "queue_id", queue,
        TicketHistory.Change.of("Move", "%%" + old + "%%" + queue, old, queue));
  }

  private static Assignment state(Change change) {
    if (!change.stateChanges()) {
      return null;
    }
    var resolved = change.resolved();
    if (resolved.stateType() == StateType.MERGED.id()) {
      change.errors().add(new Problem.FieldError("state", "a ticket is merged through POST /tickets/{id}/merge"));
    }
    String old = change.current().getString("state_name");
    return new Assignment(TicketField.STATE, "ticket_state_id", resolved.stateId(), TicketHistory.Change.of(
        "StateUpdate", "%%" + old + "%%" + resolved.stateName() + "%%", old, resolved.stateName()));
  }

  /** A pending state needs a pending time in the future; any other state clears it. */
  private static Assignment pendingTime(Change change) {
    Integer stored = change.current().getInteger("until_time");
    long until = stored == null ? 0 : stored;
    Long wanted = change.changes().untilTime();
    long newUntil = wanted != null ? wanted : until;
    if (change.stateType() == StateType.PENDING.id()) {
      if ((change.stateChanges() || wanted != null) && newUntil <= change.now()) {
        change.errors().add(new Problem.FieldError("until_time", "a pending state needs a pending time in the future"));
      }
    } else {
      newUntil = 0;
    }
    return newUntil == until ? null : new Assignment(TicketField.PENDING_TIME, "until_time", (int) newUntil,
        TicketHistory.Change.of("SetPendingTime", "%%" + newUntil, until, newUntil));
  }

  private static Assignment priority(Change change) {
    Integer priority = change.resolved().priorityId();
    Integer old = change.current().getInteger("ticket_priority_id");
    return priority == null || priority.equals(old) ? null : new Assignment(TicketField.PRIORITY, "ticket_priority_id",
        priority, TicketHistory.Change.of("PriorityUpdate", "%%" + old + "%%" + priority, old, priority));
  }

  private static Assignment type(Change change) {
    Integer type = change.resolved().typeId();
    Integer old = change.current().getInteger("type_id");
    return type == null || type.equals(old) ? null
        : Assignment.simple(TicketField.TYPE, "type_id", type, "TypeUpdate", old);
  }

  /** A service named, or cleared by naming it as null. */
  private static Assignment service(Change change) {
    Integer service = change.resolved().serviceId();
    Integer old = change.current().getInteger("service_id");
    if (service != null && !service.equals(old) || service == null && change.changes().serviceCleared() && old != null) {
      return Assignment.simple(TicketField.SERVICE, "service_id", service, "ServiceUpdate", old);
    }
    return null;
  }

  /** An SLA named, or cleared by naming it as null. */
  private static Assignment sla(Change change) {
    Integer sla = change.resolved().slaId();
    Integer old = change.current().getInteger("sla_id");
    if (sla != null && !sla.equals(old) || sla == null && change.changes().slaCleared() && old != null) {
      return Assignment.simple(TicketField.SLA, "sla_id", sla, "SLAUpdate", old);
    }
    return null;
  }

  /** The owner named; locking an unowned ticket makes the one who locks it its owner, as in OTRS. */
  private static Assignment owner(Change change) {
    UUID old = change.current().getUUID("user_id");
    boolean named = change.changes().ownerNamed();
    UUID owner = named ? change.resolved().ownerId() : old;
    if (change.changes().lock() == Lock.LOCKED && owner == null) {
      owner = change.principal().userId();
    }
    return Objects.equals(owner, old) || owner == null && !named ? null : new Assignment(TicketField.OWNER, "user_id",
        owner, TicketHistory.Change.of("OwnerUpdate", "%%" + owner, old, owner));
  }

  private static Assignment lock(Change change) {
    Lock lock = change.changes().lock();
    Integer old = change.current().getInteger("ticket_lock_id");
    if (lock == null || old != null && lock.id() == old) {
      return null;
    }
    boolean locks = lock == Lock.LOCKED;
    return new Assignment(TicketField.LOCK, "ticket_lock_id", lock.id(), TicketHistory.Change.of(
        locks ? "Lock" : "Unlock", locks ? "%%lock" : "%%unlock", old, lock.id()));
  }

  private static Assignment responsible(Change change) {
    UUID responsible = change.resolved().responsibleId();
    UUID old = change.current().getUUID("responsible_user_id");
    return !change.changes().responsibleNamed() || Objects.equals(responsible, old) ? null
        : Assignment.simple(TicketField.RESPONSIBLE, "responsible_user_id", responsible, "ResponsibleUpdate", old);
  }

  private static Assignment customerUser(Change change) {
    UUID customerUser = change.resolved().customerUserId();
    UUID old = change.current().getUUID("customer_user_id");
    return change.changes().lookups().customerUser() == null || Objects.equals(customerUser, old) ? null
        : Assignment.simple(TicketField.CUSTOMER_USER, "customer_user_id", customerUser, "CustomerUpdate", old);
  }

  /** The customer id named, else the company of a new customer user. */
  private static Assignment customer(Change change) {
    String old = change.current().getString("customer_id");
    TicketChanges changes = change.changes();
    if (changes.customerIdNamed()) {
      return Objects.equals(changes.customerId(), old) ? null
          : Assignment.simple(TicketField.CUSTOMER, "customer_id", changes.customerId(), "CustomerUpdate", old);
    }
    boolean newCustomerUser = customerUser(change) != null;
    String company = change.resolved().customerUserCompany();
    return newCustomerUser && company != null
        ? Assignment.simple(TicketField.CUSTOMER, "customer_id", company, "CustomerUpdate", old) : null;
  }

  private static Assignment tags(Change change) {
    List<String> tags = change.changes().tags();
    if (tags == null) {
      return null;
    }
    String[] stored = change.current().getArrayOfStrings("tags");
    List<String> before = stored == null ? List.of() : Arrays.asList(stored);
    return new TreeSet<>(before).equals(new TreeSet<>(tags)) ? null : new Assignment(TicketField.TAGS, "tags",
        tags.toArray(new String[0]), TicketHistory.Change.of("Misc", "%%tags", String.join(",", before),
        String.join(",", tags)));
  }

  private static Assignment archiveFlag(Change change) {
    Integer flag = change.changes().archiveFlag();
    Integer old = change.current().getInteger("archive_flag");
    return flag == null || flag.equals(old) ? null
        : Assignment.simple(TicketField.ARCHIVE_FLAG, "archive_flag", flag, "ArchiveFlagUpdate", old);
  }
}
