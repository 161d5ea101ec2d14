package org.gotrs.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see an event about a ticket: the ticket's queue (agents need {@code ro} on its group), its customer
 * (customers see their own and their company's tickets) and the custom fields customers may see. Written into the
 * event's data under {@link #KEY} in the same transaction as the change, so the live stream decides from the event
 * alone, live and on replay; it is never sent to a client.
 */
public record Audience(Integer queueId, String customerId, String customerUserId, List<String> customerFields) {

  public static final String KEY = "audience";

  public static Audience of(Integer queueId, String customerId, UUID customerUserId, List<String> customerFields) {
    return new Audience(queueId, customerId, customerUserId == null ? null : customerUserId.toString(), customerFields);
  }

  /** The data with this audience added. */
  public JsonObject addTo(JsonObject data) {
    return data.put(KEY, new JsonObject().put("queue_id", queueId).put("customer_id", customerId)
        .put("customer_user_id", customerUserId).put("customer_fields", new JsonArray(customerFields)));
  }

  /** The audience an event's data carries, or null for events that carry none (older ones, or not about a ticket). */
  public static Audience in(JsonObject data) {
    JsonObject json = data == null ? null : data.getJsonObject(KEY);
    if (json == null) {
      return null;
    }
    JsonArray fields = json.getJsonArray("customer_fields", new JsonArray());
    return new Audience(json.getInteger("queue_id"), json.getString("customer_id"), json.getString("customer_user_id"),
        fields.stream().map(String::valueOf).toList());
  }

  public Set<String> customerFieldSet() {
    return Set.copyOf(customerFields);
  }
}
