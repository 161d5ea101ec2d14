package org.gotrs.retention;

/**
 * What anonymising and archiving do, table by table. {@code %s} is the policy's row filter on alias {@code x}
 * (see {@link RetentionRunner.Where}); in the batched statements the next two parameters are the time of the run
 * and the batch size. Anonymised tickets keep their id, number, queue, state, priority, type, owner and times, so
 * they still count in statistics; what identifies the customer and what they wrote goes.
 */
final class RetentionSql {

  private RetentionSql() {}

  static final String ANONYMIZE_TICKETS = """
      WITH batch AS (
             SELECT x.id FROM ticket x WHERE %1$s ORDER BY x.id LIMIT $%3$d FOR UPDATE OF x SKIP LOCKED),
           files AS (
             DELETE FROM article_attachment aa USING article a, batch
              WHERE aa.article_id = a.id AND a.ticket_id = batch.id
             RETURNING aa.checksum, aa.storage_backend),
           articles AS (
             UPDATE article a
                SET subject = '[anonymized]', body = '', html_body = NULL, plain_body = '', from_address = NULL,
                    to_address = NULL, cc_address = NULL, message_id = NULL, message_id_md5 = NULL, in_reply_to = NULL,
                    "references" = NULL, metadata = jsonb_build_object('anonymized_at', $%2$d::text)
               FROM batch WHERE a.ticket_id = batch.id),
           history AS (
             UPDATE ticket_history h SET name = '', old_value = NULL, new_value = NULL, comments = NULL
               FROM batch WHERE h.ticket_id = batch.id),
           field_values AS (
             DELETE FROM custom_field_values v USING batch
              WHERE v.object_id = batch.id::text
                AND v.field_id IN (SELECT d.id FROM custom_field_definitions d WHERE d.object_type = 'ticket')),
           tickets AS (
             UPDATE ticket t
                SET title = '[anonymized]', customer_id = NULL, customer_user_id = NULL, custom_fields = '{}',
                    tags = '{}', metadata = coalesce(t.metadata, '{}') || jsonb_build_object('anonymized_at', $%2$d::text)
               FROM batch WHERE t.id = batch.id
             RETURNING t.id)
      SELECT (SELECT count(*) FROM tickets) AS rows,
             (SELECT coalesce(array_agg(DISTINCT f.checksum) FILTER (WHERE f.storage_backend = 'filesystem'), '{}')
                FROM files f) AS files""";

  static final String ANONYMIZE_ARTICLES = """
      WITH batch AS (
             SELECT x.id FROM article x WHERE %1$s ORDER BY x.id LIMIT $%3$d FOR UPDATE OF x SKIP LOCKED),
           files AS (
             DELETE FROM article_attachment aa USING batch WHERE aa.article_id = batch.id
             RETURNING aa.checksum, aa.storage_backend),
           articles AS (
             UPDATE article a
                SET subject = '[anonymized]', body = '', html_body = NULL, plain_body = '', from_address = NULL,
                    to_address = NULL, cc_address = NULL, message_id = NULL, message_id_md5 = NULL, in_reply_to = NULL,
                    "references" = NULL, metadata = jsonb_build_object('anonymized_at', $%2$d::text)
               FROM batch WHERE a.id = batch.id
             RETURNING a.id)
      SELECT (SELECT count(*) FROM articles) AS rows,
             (SELECT coalesce(array_agg(DISTINCT f.checksum) FILTER (WHERE f.storage_backend = 'filesystem'), '{}')
                FROM files f) AS files""";

  static final String ARCHIVE_TICKETS = "UPDATE ticket x SET archive_flag = 1 WHERE %s AND x.archive_flag = 0";

  /** The customer user stays (their tickets refer to it) but says nothing about the person; their sessions end. */
  static final String ANONYMIZE_CUSTOMER_USERS = """
      WITH people AS (
             UPDATE customer_user x
                SET login = 'anonymized-' || x.id, email = 'anonymized-' || x.id || '@invalid', pw = NULL,
                    password_hash = NULL, title = NULL, first_name = NULL, last_name = NULL, phone = NULL, mobile = NULL,
                    street = NULL, zip = NULL, city = NULL, country = NULL, avatar_url = NULL, preferences = '{}',
                    valid_id = 2
              WHERE %s
             RETURNING x.id),
           sessions_ended AS (DELETE FROM sessions s USING people WHERE s.customer_user_id = people.id)
      SELECT id FROM people""";

  static final String ANONYMIZE_AUDIT_LOG = """
      UPDATE audit_log x SET ip_address = NULL, user_agent = NULL, old_values = NULL, new_values = NULL WHERE %s""";
}
