package org.gotrs.ticket;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A change to a ticket, as {@link TicketInput} read it: a validated PATCH: each field null when the request did not name it; {@code serviceCleared} and
 * {@code slaCleared} when it named service_id or sla_id as null; {@code named} every member the body named.
 */
public record TicketChanges(
    String title,
    TicketLookups.Wanted lookups,
    boolean serviceCleared,
    boolean slaCleared,
    boolean ownerNamed,
    boolean responsibleNamed,
    Lock lock,
    Long untilTime,
    List<String> tags,
    JsonObject customFields,
    String customerId,
    boolean customerIdNamed,
    Integer archiveFlag,
    Set<String> named) {

  /** A move to another queue and nothing else (a chat handed to another queue takes its ticket along). */
  static TicketChanges moveTo(int queueId) {
    return new TicketChanges(null, TicketLookups.Wanted.queue(queueId), false, false, false, false, null, null, null,
        null, null, false, null, Set.of("queue_id"));
  }

  /**
   * A new state and nothing else (a reply moving its ticket on); {@code untilTime} in epoch seconds for a pending
   * state, null otherwise.
   */
  public static TicketChanges toState(String state, Long untilTime) {
    var wanted = new TicketLookups.Wanted(null, null, null, state, null, null, null, null, null, null, null, null,
        null);
    return new TicketChanges(null, wanted, false, false, false, false, null, untilTime, null, null, null, false, null,
        untilTime == null ? Set.of("state") : Set.of("state", "until_time"));
  }

  boolean isEmpty() {
    var l = lookups;
    return title == null && !l.namesQueue() && !l.namesState() && !l.namesPriority() && !l.namesType()
        && l.serviceId() == null && l.slaId() == null && !serviceCleared && !slaCleared && l.customerUser() == null && !ownerNamed && !responsibleNamed
        && lock == null && untilTime == null && tags == null && customFields == null && !customerIdNamed
        && archiveFlag == null;
  }
}
