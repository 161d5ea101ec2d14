package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.gotrs.article.Article;
import org.gotrs.article.ArticleHistory;
import org.gotrs.events.DomainEvents;
import org.gotrs.ticket.Ticket;
import org.gotrs.ticket.number.DateChecksum;

/**
 * The statements {@code POST /api/v1/tickets} issues for an agent creating a ticket with a plain-text note
 * (TicketService.create and what it calls), sent straight to the database with the same client library: the
 * lookups, the custom field definitions, the permission check, the ticket number, then one transaction with
 * ticket, article, history, the ticket read back, the audit row and two events. The SQL is copied from those
 * classes; if they change, this must follow.
 */
final class RawCreate {

  /** One ticket to create: what the API request carries. */
  record Input(String title, int queueId, String customerUser, String body, UUID agent, String agentLogin) {}

  private static final String LOOKUPS = """
      SELECT
        (SELECT id FROM queue WHERE valid_id = 1 AND (id = $1 OR ($1 IS NULL AND name = $2))) AS queue_id,
        s.id AS state_id, s.type_id AS state_type, s.name AS state_name,
        (SELECT id FROM ticket_priority WHERE valid_id = 1 AND (id = $5 OR ($5 IS NULL AND name = $6))) AS priority_id,
        (SELECT id FROM ticket_type WHERE valid_id = 1 AND (id = $7 OR ($7 IS NULL AND name = $8))) AS type_id,
        (SELECT id FROM service WHERE valid_id = 1 AND id = $9) AS service_id,
        (SELECT id FROM sla WHERE valid_id = 1 AND id = $10) AS sla_id,
        cu.id AS customer_user_id, cu.customer_id AS customer_user_company,
        (SELECT id FROM users WHERE valid_id = 1 AND id = $12) AS owner_id,
        (SELECT id FROM users WHERE valid_id = 1 AND id = $13) AS responsible_id,
        (SELECT id FROM queue WHERE valid_id = 1 AND name = $14) AS default_queue_id,
        (SELECT id FROM ticket_state WHERE valid_id = 1 AND name = 'new') AS new_state_id,
        (SELECT id FROM ticket_priority WHERE valid_id = 1 AND name = '3 normal') AS normal_priority_id,
        (SELECT min(id) FROM ticket_type WHERE valid_id = 1) AS default_type_id
      FROM (SELECT 1) AS one
      LEFT JOIN ticket_state s ON s.valid_id = 1 AND (s.id = $3 OR ($3 IS NULL AND s.name = $4))
      LEFT JOIN customer_user cu ON cu.valid_id = 1 AND (cu.login = $11 OR cu.id::text = $11)""";

  private static final String CUSTOM_FIELD_DEFINITIONS = """
      SELECT id, object_type, field_name, field_type, field_config, required, visible_for_customer, searchable,
             position, created_at
        FROM custom_field_definitions
       WHERE object_type = $1 ORDER BY position, field_name""";

  private static final String MAY_ON_QUEUE = "SELECT $1::int = ANY (permitted_queue_ids($2, $3))";

  private static final String NEXT_NUMBER = """
      WITH drawn AS (SELECT nextval('ticket_number_seq') AS value),
           started AS (
             INSERT INTO ticket_number_day (counter_date, base)
             SELECT $1, value - 1 FROM drawn
              WHERE NOT EXISTS (SELECT 1 FROM ticket_number_day WHERE counter_date = $1)
             ON CONFLICT (counter_date) DO NOTHING
             RETURNING base)
      SELECT drawn.value - coalesce((SELECT base FROM started),
                                    (SELECT base FROM ticket_number_day WHERE counter_date = $1)) AS value
        FROM drawn""";

  private static final String INSERT_TICKET = """
      INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id,
                          responsible_user_id, ticket_priority_id, ticket_state_id, customer_id, customer_user_id,
                          until_time, create_by, change_by, source, tags, custom_fields)
      VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, jsonb_strip_nulls($17::jsonb))
      RETURNING id""";

  private static final String INSERT_ARTICLE = """
      WITH inserted AS (
        INSERT INTO article (ticket_id, article_type_id, article_sender_type_id, from_address, to_address,
                             cc_address, subject, message_id, message_id_md5, in_reply_to, "references",
                             content_type, body, html_body, plain_body, internal_note, is_visible_for_customer,
                             incoming_time, create_by, change_by, read_status)
        SELECT $1, at.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19,
               $3 <> 3
          FROM article_type at WHERE at.name = $2 AND at.valid_id = 1
        RETURNING *)
      SELECT a.*, at.name AS article_type, ast.name AS sender_type, NULL::numeric AS time_unit
        FROM inserted a
        JOIN article_type at ON at.id = a.article_type_id
        JOIN article_sender_type ast ON ast.id = a.article_sender_type_id""";

  private static final String INSERT_HISTORY = """
      INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
                                  priority_id, state_id, create_by, change_by, old_value, new_value)
      SELECT c.name, ht.id, t.id, c.article_id, t.type_id, t.queue_id, t.user_id, t.ticket_priority_id,
             t.ticket_state_id, $2, $2, c.old_value, c.new_value
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
             WITH ORDINALITY AS c(type, name, old_value, new_value, article_id, position)
        JOIN ticket_history_type ht ON ht.name = c.type
        JOIN ticket t ON t.id = $1
       ORDER BY c.position""";

  private static final String INSERT_AUDIT = """
      INSERT INTO audit_log (user_id, session_id, ip_address, user_agent, action, object_type, object_id,
                             old_values, new_values, result, error_message, metadata)
      VALUES ($1, $2, $3::text::inet, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";

  /** The event as the server writes it by default (db/V100): its transaction's id, no number, no lock, no notice. */
  private static final String INSERT_EVENT = """
      INSERT INTO event_log (xid, name, topics, data)
      SELECT pg_current_xact_id(), $1, $2, $3
      RETURNING id""";

  /** The event as a server with {@code events.ordering=locked} writes it. */
  private static final String INSERT_EVENT_LOCKED = """
      WITH serialised AS (SELECT pg_advisory_xact_lock(7400501) AS locked),
           written AS (
             INSERT INTO event_log (seq, name, topics, data)
             SELECT nextval('event_seq'), $1, $2, $3 FROM serialised
             RETURNING seq)
      SELECT seq, pg_notify($4, seq::text) FROM written""";

  private final Pool pool;
  private final boolean locked;

  RawCreate(Pool pool, boolean locked) {
    this.pool = pool;
    this.locked = locked;
  }

  Future<Long> create(Input input) {
    return pool.preparedQuery(LOOKUPS).execute(Tuple.from(new Object[] {input.queueId(), null, null, null, null, null,
            null, null, null, null, input.customerUser(), null, null, "Raw"}))
        .compose(lookups -> pool.preparedQuery(CUSTOM_FIELD_DEFINITIONS).execute(Tuple.of("ticket"))
            .compose(definitions -> pool.preparedQuery(MAY_ON_QUEUE)
                .execute(Tuple.of(input.queueId(), input.agent(), "create")))
            .compose(allowed -> nextNumber())
            .compose(tn -> pool.withTransaction(tx -> insert(tx, input, lookups.iterator().next(), tn))));
  }

  private Future<String> nextNumber() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return pool.preparedQuery(NEXT_NUMBER).execute(Tuple.of(today))
        .map(rows -> DateChecksum.format(today, "10", rows.iterator().next().getLong("value")));
  }

  private Future<Long> insert(SqlClient tx, Input input, Row lookups, String tn) {
    return tx.preparedQuery(INSERT_TICKET).execute(Tuple.from(new Object[] {tn, input.title(), input.queueId(),
            lookups.getInteger("default_type_id"), null, null, null, null, lookups.getInteger("normal_priority_id"),
            lookups.getInteger("new_state_id"), lookups.getString("customer_user_company"),
            lookups.getUUID("customer_user_id"), 0, input.agent(), "web", new String[0], new JsonObject()}))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          return tx.preparedQuery(INSERT_ARTICLE).execute(Tuple.from(new Object[] {id, "note-external", 1,
                  input.agentLogin(), null, null, input.title(), null, null, null, null, "text/plain", input.body(),
                  null, input.body(), false, 1, 0, input.agent()}))
              .map(articleRows -> Article.from(articleRows.iterator().next()))
              .compose(article -> tx.preparedQuery(INSERT_HISTORY).execute(Tuple.of(id, input.agent(),
                      new String[] {"NewTicket", "AddNote"},
                      new String[] {"%%" + tn + "%%" + input.title(), "%%" + input.title()},
                      new String[] {null, null}, new String[] {tn, "note-external"}, new Long[] {null, article.id()}))
                  .compose(history -> tx.preparedQuery(Ticket.SELECT + " WHERE t.id = $1").execute(Tuple.of(id)))
                  .map(ticketRows -> Ticket.from(ticketRows.iterator().next()))
                  .compose(ticket -> tx.preparedQuery(INSERT_AUDIT).execute(Tuple.from(new Object[] {input.agent(),
                          "bench", "127.0.0.1", "Vert.x-WebClient", "ticket.create", "ticket", String.valueOf(id), null,
                          new JsonObject().put("tn", tn).put("title", input.title()).put("queue_id", ticket.queueId()),
                          "success", null, new JsonObject()}))
                      .compose(audited -> event(tx, "ticket.created", ticket,
                          new JsonObject().put("ticket", ticket.toJson())))
                      .compose(recorded -> event(tx, "article.created", ticket,
                          ArticleHistory.eventData(id, ticket.queueId(), ticket.source(), article)))))
              .map(id);
        });
  }

  private Future<?> event(SqlClient tx, String name, Ticket ticket, JsonObject data) {
    String[] topics = {"queue:" + ticket.queueId(), "ticket:" + ticket.id()};
    return locked ? tx.preparedQuery(INSERT_EVENT_LOCKED).execute(Tuple.of(name, topics, data, DomainEvents.CHANNEL))
        : tx.preparedQuery(INSERT_EVENT).execute(Tuple.of(name, topics, data));
  }
}
