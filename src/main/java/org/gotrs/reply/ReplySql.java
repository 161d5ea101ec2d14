package org.gotrs.reply;

/** Every statement of replies and drafts. */
final class ReplySql {

  private ReplySql() {}

  /**
   * The ticket's state, queue, title and customer address, the article answered or forwarded if it is on this ticket, the
   * state asked for, and the help desk's own addresses.
   */
  static final String CONTEXT = """
      SELECT t.ticket_state_id, s.type_id AS state_type, t.queue_id, t.title, cu.email AS customer_email,
             r.id AS replied_id, r.article_sender_type_id AS replied_sender, r.from_address AS replied_from,
             r.to_address AS replied_to, r.cc_address AS replied_cc, r.subject AS replied_subject,
             r.message_id AS replied_message_id, r."references" AS replied_references,
             f.id AS forwarded_id, f.subject AS forwarded_subject,
             ns.id AS next_state_id, ns.name AS next_state, ns.type_id AS next_state_type,
             ARRAY(SELECT lower(sa.value0) FROM system_address sa WHERE sa.valid_id = 1) AS own_addresses
        FROM ticket t
        JOIN ticket_state s ON s.id = t.ticket_state_id
        LEFT JOIN customer_user cu ON cu.id = t.customer_user_id
        LEFT JOIN article r ON r.id = $2 AND r.ticket_id = t.id
        LEFT JOIN article f ON f.id = $3 AND f.ticket_id = t.id
        LEFT JOIN ticket_state ns ON ns.name = $4 AND ns.valid_id = 1
       WHERE t.id = $1""";

  /** {@link #CONTEXT} with the ticket locked, so that its state cannot change under the reply. */
  static final String LOCKED_CONTEXT = CONTEXT + "\n   FOR NO KEY UPDATE OF t";

  static final String DRAFT = """
      SELECT content, change_time FROM article_draft WHERE ticket_id = $1 AND user_id = $2""";

  static final String SAVE_DRAFT = """
      INSERT INTO article_draft (ticket_id, user_id, content) VALUES ($1, $2, $3)
      ON CONFLICT (ticket_id, user_id) DO UPDATE
         SET content = EXCLUDED.content, change_time = (now() AT TIME ZONE 'UTC')
      RETURNING content, change_time""";

  static final String DISCARD_DRAFT = "DELETE FROM article_draft WHERE ticket_id = $1 AND user_id = $2";
}
