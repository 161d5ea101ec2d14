package org.gotrs.notification;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;

/**
 * Why agents hear of one committed event, read from the event alone: who is named (a new owner, a new responsible
 * agent), whether the ticket's owner and responsible agent hear of it, whether the agents of the ticket's queue do,
 * whether its watchers do. Who those agents are, and whether they may read the ticket, is asked of the database.
 */
record Reasons(long ticketId, List<Named> named, NotificationEvent owner, NotificationEvent responsible,
               NotificationEvent myQueues, boolean watchers, UUID actor, String detail) {

  /** An agent named in the event, with the reason and its rank (lower wins when one agent has several). */
  record Named(UUID userId, NotificationEvent event, int rank) {}

  /** At most this many {@code @login}s of a note are heard. */
  private static final int MAX_MENTIONS = 20;
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_.@-])@([\\p{L}\\p{N}_.+-]+(?:@[\\p{L}\\p{N}_.-]+)?)");

  /** The reasons for an event about a ticket, or null for one that notifies no agent. */
  static Reasons of(EventName name, JsonObject data) {
    UUID actor = uuid(data.getString(CommittedEvent.ACTOR));
    JsonObject ticket = data.getJsonObject("ticket");
    return switch (name) {
      case TICKET_CREATED -> ticket == null ? null : new Reasons(ticket.getLong("id"), named(ticket, true, true),
          null, null, NotificationEvent.TICKET_NEW, false, actor, null);
      case TICKET_UPDATED, TICKET_MOVED -> {
        if (ticket == null || ticket.getLong("id") == null) {
          yield null;
        }
        Set<String> changed = changed(data.getJsonArray("changed"));
        yield new Reasons(ticket.getLong("id"), named(ticket, changed.contains("user_id"),
            changed.contains("responsible_user_id")), null, null,
            name == EventName.TICKET_MOVED ? NotificationEvent.TICKET_MOVED : null, true, actor, null);
      }
      case ESCALATION_WARNING, ESCALATION_BREACHED -> data.getLong("ticket_id") == null ? null
          : new Reasons(data.getLong("ticket_id"), List.of(), NotificationEvent.TICKET_ESCALATION,
              NotificationEvent.TICKET_ESCALATION, null, false, null, escalation(name, data.getString("kind")));
      case TICKET_PENDING_REMINDER -> data.getLong("ticket_id") == null ? null
          : new Reasons(data.getLong("ticket_id"), List.of(), NotificationEvent.TICKET_PENDING_REMINDER,
              NotificationEvent.TICKET_PENDING_REMINDER, null, false, null, null);
      case TICKET_LOCK_TIMEOUT -> data.getLong("ticket_id") == null ? null
          : new Reasons(data.getLong("ticket_id"), List.of(), NotificationEvent.TICKET_LOCK_TIMEOUT, null, null, false,
              null, null);
      default -> null;
    };
  }

  /** A follow-up article: the customer's goes to the owner and the responsible agent, any article to watchers. */
  static Reasons ofArticle(long ticketId, boolean customerFollowUp, List<Named> mentioned, UUID actor) {
    return new Reasons(ticketId, mentioned, customerFollowUp ? NotificationEvent.TICKET_FOLLOW_UP : null,
        customerFollowUp ? NotificationEvent.TICKET_FOLLOW_UP : null, null, true, actor, null);
  }

  /** The logins {@code @mentioned} in a note's text, lower-cased, at most {@value #MAX_MENTIONS}. */
  static List<String> mentions(String text) {
    Set<String> logins = new LinkedHashSet<>();
    if (text == null) {
      return List.of();
    }
    Matcher matcher = MENTION.matcher(text);
    while (matcher.find() && logins.size() < MAX_MENTIONS) {
      String login = matcher.group(1).replaceAll("[.\\-]+$", "");
      if (!login.isEmpty()) {
        logins.add(login.toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(logins);
  }

  /** The new owner and responsible agent named by a ticket's data, when they are what changed. */
  private static List<Named> named(JsonObject ticket, boolean owner, boolean responsible) {
    List<Named> named = new ArrayList<>();
    UUID ownerId = owner ? uuid(ticket.getString("user_id")) : null;
    UUID responsibleId = responsible ? uuid(ticket.getString("responsible_user_id")) : null;
    if (ownerId != null) {
      named.add(new Named(ownerId, NotificationEvent.TICKET_OWNER, 10));
    }
    if (responsibleId != null) {
      named.add(new Named(responsibleId, NotificationEvent.TICKET_RESPONSIBLE, 11));
    }
    return named;
  }

  static String escalation(EventName name, String kind) {
    String what = kind == null ? "" : " (" + kind.replace('_', ' ') + ")";
    return name == EventName.ESCALATION_BREACHED ? "has escalated" + what : "is about to escalate" + what;
  }

  private static Set<String> changed(JsonArray changed) {
    Set<String> names = new LinkedHashSet<>();
    if (changed != null) {
      changed.forEach(value -> names.add(String.valueOf(value)));
    }
    return names;
  }

  static UUID uuid(String text) {
    try {
      return text == null ? null : UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
