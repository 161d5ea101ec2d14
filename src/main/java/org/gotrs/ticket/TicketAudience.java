package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;
import org.gotrs.events.Audience;

/** Adds to an event about tickets who may see it ({@link Audience}), read in the transaction that writes the event. */
public final class TicketAudience {

  private TicketAudience() {}

  /**
   * The data with the first ticket's audience; the custom fields customers may see are looked up only when one of
   * the tickets carries custom field values.
   */
  public static Future<JsonObject> of(SqlClient tx, JsonObject data, Ticket ticket, Ticket... others) {
    boolean anyFields = !ticket.customFields().isEmpty();
    for (Ticket other : others) {
      anyFields |= !other.customFields().isEmpty();
    }
    Future<List<String>> names = anyFields ? TicketCustomFields.customerFieldNames(tx) : Future.succeededFuture(List.of());
    return names.map(fields -> Audience.of(ticket.queueId(), ticket.customerId(), ticket.customerUserId(), fields)
        .addTo(data));
  }

  /** The data with the audience of a ticket known by its queue and customer (an event that shows no field values). */
  public static JsonObject of(JsonObject data, Integer queueId, String customerId, UUID customerUserId) {
    return Audience.of(queueId, customerId, customerUserId, List.of()).addTo(data);
  }
}
