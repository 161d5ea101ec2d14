package org.gotrs.notification;

/** The notification feature's SQL, in one place. */
final class NotificationSql {

  private NotificationSql() {}

  static final String COLUMNS = "n.id, n.user_id, n.event, n.ticket_id, n.text, n.read_time, n.create_time";

  /**
   * The consumer's statements keep one plan per connection. PostgreSQL would plan {@link #NOTIFY} again for every
   * call, since a call's own plan drops the branches its empty parameters rule out and so looks cheaper than the kept
   * one: 1.7 ms of planning for 0.1 ms of work, against 0.2 ms for the kept plan (1M tickets).
   */
  static final String PLANNED_ONCE = "SET LOCAL plan_cache_mode = force_generic_plan";

  static final String CURSOR = "SELECT last_seq FROM notification_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED";

  static final String ADVANCE = "UPDATE notification_cursor SET last_seq = $1 WHERE id = 1";

  /** The newest event: read first, it bounds the batch, so an event committed meanwhile waits for the next one. */
  static final String NEWEST = "SELECT coalesce(max(seq), 0) FROM event_log";

  /** The next events to act on after $1 up to $2 (names $3, at most $4). */
  static final String NEXT_EVENTS = """
      SELECT seq, name, data FROM event_log
       WHERE seq > $1 AND seq <= $2 AND name = ANY ($3) ORDER BY seq LIMIT $4""";

  /**
   * Acts on one event in one statement: who hears of it and as what, their in-app notifications stored, and the mails
   * due answered. Each candidate counts once, by its first reason in rank order, if it is a valid agent other than the
   * one who acted and may read the ticket now, with the methods its settings (or the administrators' defaults, or a
   * mandatory event) give it. The text is the event's sentence filled with the ticket's number, queue and title and
   * the detail, as {@code NotificationEvent.text} fills it. A mail is due where the recipient's window for the ticket
   * and kind is open (no mail of the kind about the ticket within the minute); the window is marked as mailed.
   * Parameters: $1 ticket, $2..$4 named agents with their event and rank, $5/$6 the event for the ticket's current
   * owner / responsible agent, $7 the event for the agents whose "my queues" hold the ticket's queue (default: queues
   * they hold rw on), $8 logins mentioned, $9 whether watchers hear of it, $10 the acting agent, $11 the event's
   * sequence number, $12 the detail, $13/$14 every event's name and sentence.
   */
  static final String NOTIFY = """
      WITH t AS (SELECT tk.id, tk.tn, tk.title, tk.queue_id, q.name AS queue, q.group_id, tk.user_id,
                        tk.responsible_user_id, tk.ticket_state_id, tk.ticket_priority_id, tk.type_id
                   FROM ticket tk JOIN queue q ON q.id = tk.queue_id WHERE tk.id = $1),
      candidate AS (
          SELECT d.user_id, d.event, d.rank FROM unnest($2::uuid[], $3::text[], $4::int[]) AS d(user_id, event, rank)
          UNION ALL SELECT t.user_id, $5::text, 10 FROM t WHERE $5::text IS NOT NULL
          UNION ALL SELECT t.responsible_user_id, $6::text, 11 FROM t WHERE $6::text IS NOT NULL
          UNION ALL SELECT u.id, 'mention', 20 FROM users u
                     WHERE cardinality($8::text[]) > 0 AND lower(u.login) = ANY ($8)
          UNION ALL SELECT g.user_id, $7::text, 40
                      FROM t JOIN user_permitted_groups g ON g.permission_key = 'rw' AND t.group_id = ANY (g.group_ids)
                     WHERE $7::text IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM notification_preference p
                                        WHERE p.user_id = g.user_id AND p.queue_ids IS NOT NULL)
          UNION ALL SELECT p.user_id, $7::text, 40
                      FROM t JOIN notification_preference p ON t.queue_id = ANY (p.queue_ids)
                     WHERE $7::text IS NOT NULL
          UNION ALL SELECT w.user_id, 'watched', 90 FROM ticket_watcher w WHERE $9 AND w.ticket_id = $1),
      chosen AS (SELECT DISTINCT ON (c.user_id) c.user_id, c.event FROM candidate c
                  WHERE c.user_id IS NOT NULL AND c.event IS NOT NULL ORDER BY c.user_id, c.rank),
      recipient AS (
        SELECT c.user_id, c.event, lower(u.email) AS email, u.login, u.first_name, u.last_name,
               coalesce(nullif(lp.preferences_value, ''), u.language) AS language,
               btrim(format(s.sentence, t.tn, coalesce(t.queue, ''), coalesce(t.title, ''), coalesce($12, ''))) AS text,
               CASE WHEN d.mandatory THEN d.in_app
                    ELSE coalesce((p.events -> c.event ->> 'in_app')::boolean, d.in_app, true) END AS in_app,
               CASE WHEN d.mandatory THEN d.email
                    ELSE coalesce((p.events -> c.event ->> 'email')::boolean, d.email, true)
                         AND NOT coalesce(p.quiet, false) END AS by_mail
          FROM chosen c CROSS JOIN t
          JOIN unnest($13::text[], $14::text[]) AS s(event, sentence) ON s.event = c.event
          JOIN users u ON u.id = c.user_id AND u.valid_id = 1
          LEFT JOIN notification_preference p ON p.user_id = c.user_id
          LEFT JOIN user_preferences lp ON lp.user_id = c.user_id AND lp.preferences_key = 'UserLanguage'
          LEFT JOIN notification_default d ON d.event = c.event
         WHERE c.user_id IS DISTINCT FROM $10::uuid
           AND c.user_id <> '00000000-0000-0000-0000-000000000001'::uuid
           AND t.queue_id = ANY (permitted_queue_ids(c.user_id, 'ro'))
           -- the agent's filter for the event: each id list given must hold the ticket's (mandatory events: all tickets)
           AND (coalesce(d.mandatory, false) OR NOT EXISTS (
                 SELECT 1 FROM jsonb_each(coalesce(p.events -> c.event -> 'filter', '{}'::jsonb)) AS f(name, ids)
                  WHERE jsonb_typeof(f.ids) = 'array' AND jsonb_array_length(f.ids) > 0
                    AND NOT f.ids @> to_jsonb(CASE f.name WHEN 'queue_ids' THEN t.queue_id
                                                          WHEN 'state_ids' THEN t.ticket_state_id
                                                          WHEN 'priority_ids' THEN t.ticket_priority_id
                                                          WHEN 'type_ids' THEN t.type_id END)))),
      stored AS (
        INSERT INTO notification (user_id, event, ticket_id, text, source_seq)
        SELECT r.user_id, r.event, $1, CASE WHEN length(r.text) <= 500 THEN r.text ELSE left(r.text, 499) || '…' END,
               $11
          FROM recipient r WHERE r.in_app),
      opened AS (
        INSERT INTO notification_mail_window AS w (recipient, ticket_id, event, sent_time)
        SELECT DISTINCT r.email, $1, r.event, now() AT TIME ZONE 'UTC'
          FROM recipient r WHERE r.by_mail AND r.email IS NOT NULL
        ON CONFLICT (recipient, ticket_id, event) DO UPDATE SET sent_time = EXCLUDED.sent_time
         WHERE w.sent_time <= EXCLUDED.sent_time - interval '1 minute'
        RETURNING recipient, event)
      SELECT r.event, r.email, r.login, r.first_name, r.last_name, r.language, r.text
        FROM recipient r JOIN opened o ON o.recipient = r.email AND o.event = r.event
       WHERE r.by_mail""";

  /** The notifications made from the events after $1 through $2, to be announced. */
  static final String WRITTEN = "SELECT " + COLUMNS
      + " FROM notification n WHERE n.source_seq > $1 AND n.source_seq <= $2 ORDER BY n.id";

  static final String PRUNE_MAIL_WINDOW =
      "DELETE FROM notification_mail_window WHERE sent_time < (now() AT TIME ZONE 'UTC') - interval '1 hour'";

  static final String EARLIER_ARTICLE = "SELECT EXISTS (SELECT 1 FROM article WHERE ticket_id = $1 AND id < $2)";

  static final String ARTICLE_TEXT = "SELECT coalesce(plain_body, body, '') AS text FROM article WHERE id = $1";

  /** The customer's address when an agent's answer is to be copied to them. */
  static final String ANSWER_MAIL = """
      SELECT cu.email, cu.login, cu.first_name, cu.last_name, cu.language, a.subject,
             coalesce(a.plain_body, a.body, '') AS text, t.title, a.create_by
        FROM article a JOIN ticket t ON t.id = a.ticket_id JOIN customer_user cu ON cu.id = t.customer_user_id
       WHERE a.id = $1 AND cu.email IS NOT NULL""";

  /** The ticket's customer user, to whom the desk writes about the ticket (closed, reminded). */
  static final String TICKET_CUSTOMER = """
      SELECT cu.email, cu.login, cu.first_name, cu.last_name, cu.language
        FROM ticket t JOIN customer_user cu ON cu.id = t.customer_user_id
       WHERE t.id = $1 AND cu.email IS NOT NULL AND cu.valid_id = 1""";

  /** The caller's notifications, newest first, after the cursor $2 (an id), unread only when $3. */
  static final String LIST = "SELECT " + COLUMNS + """
        FROM notification n
       WHERE n.user_id = $1 AND ($2::bigint IS NULL OR n.id < $2) AND (NOT $3 OR n.read_time IS NULL)
       ORDER BY n.id DESC LIMIT $4""";

  static final String UNREAD_COUNT = "SELECT count(*) FROM notification WHERE user_id = $1 AND read_time IS NULL";

  static final String MARK_READ = """
      UPDATE notification SET read_time = coalesce(read_time, now() AT TIME ZONE 'UTC')
       WHERE id = $1 AND user_id = $2 RETURNING id""";

  static final String MARK_ALL_READ = """
      UPDATE notification SET read_time = now() AT TIME ZONE 'UTC' WHERE user_id = $1 AND read_time IS NULL""";

  static final String PREFERENCES = "SELECT events, queue_ids, quiet FROM notification_preference WHERE user_id = $1";

  static final String SAVE_PREFERENCES = """
      INSERT INTO notification_preference (user_id, events, queue_ids, quiet) VALUES ($1, $2, $3, $4)
      ON CONFLICT (user_id) DO UPDATE SET events = EXCLUDED.events, queue_ids = EXCLUDED.queue_ids,
                                          quiet = EXCLUDED.quiet, change_time = now() AT TIME ZONE 'UTC'""";

  static final String DEFAULTS = "SELECT event, email, in_app, mandatory FROM notification_default";

  static final String SAVE_DEFAULT = """
      INSERT INTO notification_default (event, email, in_app, mandatory, change_by) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (event) DO UPDATE SET email = EXCLUDED.email, in_app = EXCLUDED.in_app,
                                        mandatory = EXCLUDED.mandatory, change_by = EXCLUDED.change_by,
                                        change_time = now() AT TIME ZONE 'UTC'""";

  /** Which of the queues $2 the agent $1 may not read. */
  static final String UNREADABLE_QUEUES = """
      SELECT q FROM unnest($2::int[]) AS q WHERE NOT q = ANY (permitted_queue_ids($1, 'ro'))""";

  /** The texts of the events $1, every language. */
  static final String TEXTS_OF = "SELECT event, language, subject, body FROM notification_text WHERE event = ANY ($1)";

  static final String TEXTS = "SELECT event, language, subject, body FROM notification_text ORDER BY event, language";

  static final String TEXT = """
      SELECT event, language, subject, body FROM notification_text WHERE event = $1 AND language = $2""";

  /** Changes one text: what $3/$4 leave null stays. */
  static final String CHANGE_TEXT = """
      UPDATE notification_text SET subject = coalesce($3, subject), body = coalesce($4, body), change_by = $5,
                                   change_time = now() AT TIME ZONE 'UTC'
       WHERE event = $1 AND language = $2
      RETURNING event, language, subject, body""";

  /** The administrator as a test mail's recipient. */
  static final String AGENT = """
      SELECT u.login, u.email, u.first_name, u.last_name,
             coalesce(nullif(lp.preferences_value, ''), u.language) AS language
        FROM users u
        LEFT JOIN user_preferences lp ON lp.user_id = u.id AND lp.preferences_key = 'UserLanguage'
       WHERE u.id = $1""";
}
