package org.gotrs.ticket;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Whether a ticket, as the API and event data show it, is one a view's filters find: the same conditions
 * {@link TicketList} states in SQL, decided from the ticket's own fields, so a view's count can follow an event's
 * before and after state without counting again. Filters that need other tables or the clock (text, watched,
 * escalated, at risk, pending reached, changed since) cannot be decided this way: such a view has no match and is
 * counted again instead. The caller checks the queue permission.
 *
 * @param test  whether the ticket matches
 * @param reads the fields (as an event's {@code changed} names them) the test reads
 */
public record ViewMatch(Predicate<JsonObject> test, Set<String> reads) {

  /** The view's match, or null when its filters are not decided by the ticket's own fields. */
  static ViewMatch of(TicketQuery query, UUID agent) {
    if (query.text() != null || query.watched() || query.escalated() != null || query.atRisk() != null
        || query.pendingReached() || query.changedAfter() != null || query.changedBefore() != null) {
      return null;
    }
    List<Predicate<JsonObject>> all = new ArrayList<>();
    Set<String> reads = new LinkedHashSet<>();
    reads.add("queue_id");
    equal(all, reads, "queue_id", "queue_id", query.queueId());
    equal(all, reads, "state_id", "state", query.state());
    equal(all, reads, "state_id", "state_id", query.stateId());
    if (query.stateType() != null) {
      List<String> types = Arrays.asList(query.stateType().split(","));
      reads.add("state_id");
      all.add(ticket -> types.contains(ticket.getString("state_type")));
    }
    equal(all, reads, "priority_id", "priority_id", query.priorityId());
    equal(all, reads, "user_id", "user_id", query.ownerId());
    if ("me".equals(query.ownerKeyword())) {
      equal(all, reads, "user_id", "user_id", agent);
    } else if ("none".equals(query.ownerKeyword())) {
      reads.add("user_id");
      all.add(ticket -> ticket.getValue("user_id") == null);
    }
    equal(all, reads, "responsible_user_id", "responsible_user_id", query.responsibleId());
    equal(all, reads, "customer_id", "customer_id", query.customerId());
    equal(all, reads, "customer_user_id", "customer_user_id", query.customerUserId());
    if (query.tag() != null) {
      reads.add("tags");
      all.add(ticket -> ticket.getJsonArray("tags", new JsonArray()).contains(query.tag()));
    }
    for (Map.Entry<String, String> field : query.customFields().entrySet()) {
      reads.add("custom_fields");
      all.add(ticket -> customFieldHas(ticket.getJsonObject("custom_fields"), field.getKey(), field.getValue()));
    }
    if (query.createdAfter() != null) {
      all.add(ticket -> !createdAt(ticket).isBefore(query.createdAfter()));
    }
    if (query.createdBefore() != null) {
      all.add(ticket -> createdAt(ticket).isBefore(query.createdBefore()));
    }
    if (!"all".equals(query.archived())) {
      int flag = "true".equals(query.archived()) ? 1 : 0;
      reads.add("archive_flag");
      all.add(ticket -> ticket.getInteger("archive_flag", 0) == flag);
    }
    return new ViewMatch(ticket -> all.stream().allMatch(condition -> condition.test(ticket)), Set.copyOf(reads));
  }

  private static void equal(List<Predicate<JsonObject>> all, Set<String> reads, String changedName, String field,
                            Object wanted) {
    if (wanted != null) {
      reads.add(changedName);
      String text = wanted.toString();
      all.add(ticket -> {
        Object value = ticket.getValue(field);
        return value != null && value.toString().equals(text);
      });
    }
  }

  /** {@code custom_fields ->> name = value OR custom_fields -> name ? value}, as the list states it. */
  private static boolean customFieldHas(JsonObject fields, String name, String wanted) {
    Object value = fields == null ? null : fields.getValue(name);
    if (value instanceof JsonArray values) {
      return values.contains(wanted);
    }
    return value != null && !(value instanceof JsonObject) && value.toString().equals(wanted);
  }

  private static Instant createdAt(JsonObject ticket) {
    String created = ticket.getString("create_time");
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }
}
