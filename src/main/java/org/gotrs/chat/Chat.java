package org.gotrs.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gotrs.db.Rows;
import org.gotrs.events.Topic;

/**
 * A chat as agents see it: who waits or talks, in which queue, on which ticket, and to whom it is offered first until
 * when (a queue that assigns automatically). Messages are the ticket's articles.
 */
public record Chat(
    long id,
    long ticketId,
    int queueId,
    String queue,
    String state,
    String customerName,
    String customerEmail,
    UUID customerUserId,
    UUID agentUserId,
    String agent,
    Instant createdAt,
    Instant acceptedAt,
    Instant closedAt,
    Long lastCustomerReadMessageId,
    Long lastAgentReadMessageId,
    String pageUrl,
    String referrer,
    UUID offeredTo,
    Instant offeredUntil) {

  static final String WAITING = "waiting";
  static final String ACTIVE = "active";
  static final String CLOSED = "closed";

  /** Callers append WHERE/ORDER BY on alias {@code c}. */
  static final String SELECT = """
      SELECT c.id, c.ticket_id, c.queue_id, q.name AS queue, c.state, c.customer_name, c.customer_email,
             c.customer_user_id, c.agent_user_id,
             coalesce(nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), ''), u.login) AS agent,
             c.created_at, c.accepted_at, c.closed_at, c.last_customer_read_article_id, c.last_agent_read_article_id,
             c.page_url, c.referrer, c.offered_to, c.offered_until
        FROM chat c
        JOIN queue q ON q.id = c.queue_id
        LEFT JOIN users u ON u.id = c.agent_user_id
      """;

  static Chat from(Row row) {
    return new Chat(row.getLong("id"), row.getLong("ticket_id"), row.getInteger("queue_id"), row.getString("queue"),
        row.getString("state"), row.getString("customer_name"), row.getString("customer_email"),
        row.getUUID("customer_user_id"), row.getUUID("agent_user_id"), row.getString("agent"),
        Rows.instant(row, "created_at"), Rows.instant(row, "accepted_at"),
        Rows.instant(row, "closed_at"), row.getLong("last_customer_read_article_id"),
        row.getLong("last_agent_read_article_id"), row.getString("page_url"), row.getString("referrer"),
        row.getUUID("offered_to"), Rows.instant(row, "offered_until"));
  }

  @JsonIgnore
  boolean isClosed() {
    return CLOSED.equals(state);
  }

  @JsonIgnore
  boolean isWaiting() {
    return WAITING.equals(state);
  }

  /** Where chat events about it go: every agent's chat list and the ticket's own stream. */
  List<Topic> topics() {
    return List.of(Topic.CHATS, Topic.ticket(ticketId));
  }
}
