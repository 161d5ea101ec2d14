package org.gotrs.realtime;

import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import org.gotrs.article.Article;
import org.gotrs.events.Audience;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.TicketCustomFields;

/**
 * What one subscriber may see of one event: the same answer REST gives the same caller. Agents see events of the
 * queues they may read; customers see only what happens to their own (or their company's) tickets, without internal
 * or hidden articles and without custom fields not visible to customers, and no agent-only event. Live delivery and
 * replay both ask here.
 */
final class EventVisibility {

  /** The only events a customer's stream carries; escalations, presence, reminders, chats are for agents. */
  private static final Set<EventName> CUSTOMER_EVENTS = EnumSet.of(EventName.TICKET_CREATED, EventName.TICKET_UPDATED,
      EventName.TICKET_MOVED, EventName.TICKET_MERGED, EventName.ARTICLE_CREATED);

  private EventVisibility() {}

  /**
   * The data this viewer receives on {@code topic}: the event's own data when it may see all of it, a reduced copy
   * when it may see part, or null when it may see nothing (then nothing is sent).
   */
  static JsonObject of(Viewer viewer, String topic, CommittedEvent event) {
    JsonObject data = event.data() == null ? new JsonObject() : event.data();
    return viewer.principal().isAgent() ? forAgent(viewer, topic, event.name(), data)
        : forCustomer(viewer, event.name(), data, event.audience());
  }

  private static JsonObject forAgent(Viewer viewer, String topic, EventName name, JsonObject data) {
    if (name == EventName.NOTIFICATION_CREATED) {
      // an agent's notifications are theirs alone, whatever topic they were found on
      return topic.equals(Topic.agent(viewer.principal().userId()).name()) ? data : null;
    }
    if (topic.equals(Topic.CHATS.name())) {
      return viewer.reads(data.getInteger("queue_id")) || viewer.reads(data.getInteger("from_queue_id")) ? data : null;
    }
    JsonObject ticket = data.getJsonObject("ticket");
    JsonObject into = data.getJsonObject("into");
    if (name == EventName.TICKET_MOVED && ticket != null && !viewer.reads(ticket.getInteger("queue_id"))) {
      // it left a queue this agent reads for one it does not: that it left, and nothing of where it is now
      return viewer.reads(data.getInteger("old_queue_id"))
          ? new JsonObject().put("ticket_id", ticket.getValue("id")).put("old_queue_id", data.getValue("old_queue_id"))
          : null;
    }
    if (name == EventName.TICKET_MERGED && ticket != null && into != null) {
      boolean source = viewer.reads(ticket.getInteger("queue_id"));
      boolean target = viewer.reads(into.getInteger("queue_id"));
      return source && target ? data : !source && !target ? null : data.copy()
          .put(source ? "into" : "ticket", new JsonObject().put("id", (source ? into : ticket).getValue("id")));
    }
    Integer queue = ticket != null ? ticket.getInteger("queue_id") : data.getInteger("queue_id");
    return queue == null || viewer.reads(queue) ? data : null;
  }

  private static JsonObject forCustomer(Viewer viewer, EventName name, JsonObject data, Audience audience) {
    if (!CUSTOMER_EVENTS.contains(name)) {
      return null;
    }
    if (name == EventName.ARTICLE_CREATED) {
      JsonObject article = data.getJsonObject("article");
      boolean own = audience == null || Permissions.customerSees(viewer.principal(), audience.customerId(),
          audience.customerUserId());
      return own && article != null && Article.customerVisible(article.getBoolean("internal_note", false),
          article.getBoolean("is_visible_for_customer", false)) ? data : null;
    }
    Set<String> fields = audience == null ? Set.of() : audience.customerFieldSet();
    JsonObject ticket = shown(viewer, data.getJsonObject("ticket"), fields);
    JsonObject into = shown(viewer, data.getJsonObject("into"), fields);
    if (ticket == null && into == null) {
      return null;
    }
    JsonObject projected = data.copy();
    JsonObject previous = data.getJsonObject("previous");
    if (previous != null && !Permissions.customerSees(viewer.principal(), previous.getString("customer_id"),
        previous.getString("customer_user_id"))) {
      // the ticket was someone else's before: who that was is not this customer's to know
      JsonObject before = previous.copy();
      before.remove("customer_id");
      before.remove("customer_user_id");
      projected.put("previous", before);
    }
    projected.put("ticket", ticket != null ? ticket : new JsonObject().put("id", data.getJsonObject("ticket").getValue("id")));
    if (data.containsKey("into")) {
      projected.put("into", into != null ? into : new JsonObject().put("id", data.getJsonObject("into").getValue("id")));
    }
    return projected;
  }

  /**
   * A ticket as the customer sees it (custom fields cut to those visible to customers, no accounted time), or null if
   * not theirs.
   */
  private static JsonObject shown(Viewer viewer, JsonObject ticket, Set<String> fields) {
    if (ticket == null || !Permissions.customerSees(viewer.principal(), ticket.getString("customer_id"),
        ticket.getString("customer_user_id"))) {
      return null;
    }
    JsonObject seen = ticket.copy();
    if (seen.containsKey("time_units_total")) {
      seen.putNull("time_units_total");
    }
    JsonObject values = ticket.getJsonObject("custom_fields");
    return values == null ? seen : seen.put("custom_fields", TicketCustomFields.only(values, fields));
  }
}
