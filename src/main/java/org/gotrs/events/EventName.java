package org.gotrs.events;

import java.util.HashMap;
import java.util.Map;

/**
 * Every domain event GOTRS records, by the name it carries in the event log, on the live stream and in workflow
 * triggers. A name is spelled here and nowhere else.
 */
public enum EventName {
  TICKET_CREATED("ticket.created"),
  TICKET_UPDATED("ticket.updated"),
  TICKET_MOVED("ticket.moved"),
  TICKET_MERGED("ticket.merged"),
  TICKET_DELETED("ticket.deleted"),
  TICKET_PENDING_REMINDER("ticket.pending_reminder"),
  /** A locked ticket's owner did nothing for the queue's unlock timeout, and the system unlocked it. */
  TICKET_LOCK_TIMEOUT("ticket.lock_timeout"),
  TICKET_LINKED("ticket.linked"),
  TICKET_UNLINKED("ticket.unlinked"),
  ARTICLE_CREATED("article.created"),
  ESCALATION_WARNING("escalation.warning"),
  ESCALATION_BREACHED("escalation.breached"),
  PRESENCE_CHANGED("presence.changed"),
  CHAT_WAITING("chat.waiting"),
  CHAT_ACCEPTED("chat.accepted"),
  CHAT_MESSAGE("chat.message"),
  CHAT_TYPING("chat.typing"),
  CHAT_READ("chat.read"),
  CHAT_TRANSFERRED("chat.transferred"),
  CHAT_OFFERED("chat.offered"),
  CHAT_CLOSED("chat.closed"),
  PERMISSIONS_CHANGED("permissions.changed"),
  /** An administrator changed runtime settings: every node reloads them. On {@code system} only. */
  SETTINGS_CHANGED("settings.changed"),
  /** Something that concerns one agent, stored for them; announced on {@code agent:<id>} only. */
  NOTIFICATION_CREATED("notification.created"),
  /** An agent's saved views whose count changed: pushed on {@code views} to that agent only, never written to the log. */
  VIEWS_COUNTS("views.counts"),
  /** The wallboard's numbers: pushed to subscribers as they change, never written to the log. */
  STATS_UPDATED("stats.updated");

  private static final Map<String, EventName> BY_NAME = new HashMap<>();

  static {
    for (EventName name : values()) {
      BY_NAME.put(name.wire, name);
    }
  }

  private final String wire;

  EventName(String wire) {
    this.wire = wire;
  }

  /** The name as written in the log and sent to clients, e.g. {@code ticket.created}. */
  public String wire() {
    return wire;
  }

  /** The event of that name, or null for a name GOTRS does not record. */
  public static EventName of(String wire) {
    return wire == null ? null : BY_NAME.get(wire);
  }

  public boolean isChat() {
    return wire.startsWith("chat.");
  }

  @Override
  public String toString() {
    return wire;
  }
}
