package org.gotrs.notification;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What an agent can be notified of (OTRS's ticket notifications), by the name the API and the preferences use. Each
 * says, in a sentence with the ticket's number and title, what happened (filled by PostgreSQL's {@code format}, whose
 * {@code %1$s} are Java's: number, queue, title, detail); the console shows its own translation.
 */
enum NotificationEvent {
  TICKET_NEW("ticket.new", "New ticket in %2$s: [Ticket#%1$s] %3$s"),
  TICKET_FOLLOW_UP("ticket.follow_up", "The customer followed up on [Ticket#%1$s] %3$s"),
  TICKET_OWNER("ticket.owner", "You are now the owner of [Ticket#%1$s] %3$s"),
  TICKET_RESPONSIBLE("ticket.responsible", "You are now responsible for [Ticket#%1$s] %3$s"),
  TICKET_MOVED("ticket.moved", "[Ticket#%1$s] %3$s was moved into %2$s"),
  TICKET_LOCK_TIMEOUT("ticket.lock_timeout", "Your lock on [Ticket#%1$s] %3$s timed out"),
  TICKET_ESCALATION("ticket.escalation", "[Ticket#%1$s] %3$s %4$s"),
  TICKET_PENDING_REMINDER("ticket.pending_reminder", "Pending reminder reached on [Ticket#%1$s] %3$s"),
  MENTION("mention", "You were mentioned in a note on [Ticket#%1$s] %3$s"),
  WATCHED("watched", "[Ticket#%1$s] %3$s, which you watch, changed");

  private static final Map<String, NotificationEvent> BY_NAME = new HashMap<>();
  /** Every event's name, and its sentence at the same index. */
  static final String[] WIRES = Arrays.stream(values()).map(event -> event.wire).toArray(String[]::new);
  static final String[] SENTENCES = Arrays.stream(values()).map(event -> event.sentence).toArray(String[]::new);

  static {
    for (NotificationEvent event : values()) {
      BY_NAME.put(event.wire, event);
    }
  }

  private final String wire;
  private final String sentence;

  NotificationEvent(String wire, String sentence) {
    this.wire = wire;
    this.sentence = sentence;
  }

  String wire() {
    return wire;
  }

  /** The event of that name, or null. */
  static NotificationEvent of(String wire) {
    return wire == null ? null : BY_NAME.get(wire);
  }
}
