package org.gotrs.ticket;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.gotrs.http.Input;

/**
 * A validated PATCH: each field null when the request did not name it; {@code serviceCleared} and
 * {@code slaCleared} when it named service_id or sla_id as null; {@code named} every member the body named.
 */
record TicketChanges(
    String title,
    TicketLookups.Wanted lookups,
    boolean serviceCleared,
    boolean slaCleared,
    boolean ownerNamed,
    boolean responsibleNamed,
    Integer ticketLockId,
    Long untilTime,
    List<String> tags,
    JsonObject customFields,
    String customerId,
    boolean customerIdNamed,
    Integer archiveFlag,
    Set<String> named) {

  static TicketChanges from(Input input) {
    String title = input.string("title", false, 255);
    if (input.has("title") && (title == null || title.isBlank())) {
      input.error("title", "must not be blank");
    }
    Integer lock = input.integer("ticket_lock_id", false);
    if (lock != null && lock != 1 && lock != 2) {
      input.error("ticket_lock_id", "must be 1 (unlock) or 2 (lock)");
    }
    Long untilTime = input.has("until_time") ? untilTime(input) : null;
    Integer archive = input.integer("archive_flag", false);
    if (archive != null && archive != 0 && archive != 1) {
      input.error("archive_flag", "must be 0 or 1");
    }
    var changes = new TicketChanges(title, TicketLookups.Wanted.from(input), input.isNull("service_id"),
        input.isNull("sla_id"),
        input.has("user_id") || input.has("owner_id"), input.has("responsible_user_id"), lock, untilTime,
        TicketRoutes.tags(input), input.object("custom_fields", false), input.string("customer_id", false, 150),
        input.has("customer_id"), archive, Set.copyOf(input.json().fieldNames()));
    if (changes.isEmpty()) {
      input.error("body", "names no field to change");
    }
    return changes;
  }

  /** {@code until_time}: epoch seconds (OTRS) or an ISO-8601 UTC time; 0 or null clears it. */
  static long untilTime(Input input) {
    Object value = input.json().getValue("until_time");
    if (value == null) {
      return 0;
    }
    if (value instanceof String) {
      var instant = input.instant("until_time", false);
      if (instant != null && (instant.getEpochSecond() < 0 || instant.getEpochSecond() > Integer.MAX_VALUE)) {
        input.error("until_time", "must lie between 1970 and 2038 (OTRS stores epoch seconds in 32 bits)");
        return 0;
      }
      return instant == null ? 0 : instant.getEpochSecond();
    }
    Long seconds = input.longValue("until_time", false);
    if (seconds != null && (seconds < 0 || seconds > Integer.MAX_VALUE)) {
      input.error("until_time", "is out of range");
      return 0;
    }
    return seconds == null ? 0 : seconds;
  }

  boolean isEmpty() {
    var l = lookups;
    return title == null && !l.namesQueue() && !l.namesState() && !l.namesPriority() && !l.namesType()
        && l.serviceId() == null && l.slaId() == null && !serviceCleared && !slaCleared && l.customerUser() == null && !ownerNamed && !responsibleNamed
        && ticketLockId == null && untilTime == null && tags == null && customFields == null && !customerIdNamed
        && archiveFlag == null;
  }
}
