package org.gotrs.bench;

/**
 * The SQL that loads the benchmark data set. Helper tables and functions live in schema {@code bench};
 * tickets, articles and history are generated in chunks by one INSERT ... SELECT each. All "randomness" is
 * a hash of the row number, so the same scale always yields the same data.
 */
final class LoadSql {

  private LoadSql() {}

  static final String ROOT = "00000000-0000-0000-0000-000000000001";

  static final String HELPERS = """
      CREATE SCHEMA bench;
      -- A uniform number in [0, 1) derived from (i, salt): the loader's only source of variety.
      CREATE FUNCTION bench.u(i bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT ((hashint8extended(i, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
      -- OTRS's DateChecksum check digit (org.gotrs.ticket.number.DateChecksum): weights 1,2,1,2,...; 10 - sum % 10, 10 -> 1.
      CREATE FUNCTION bench.check_digit(digits text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT (CASE WHEN s % 10 = 0 THEN 1 ELSE 10 - s % 10 END)::text
             FROM (SELECT sum(substr(digits, k, 1)::int * (2 - k % 2)) AS s
                     FROM generate_series(1, length(digits)) AS k) AS sums $$;
      CREATE TABLE bench.sentence (id int PRIMARY KEY, text text NOT NULL);
      CREATE TABLE bench.title (id int PRIMARY KEY, text text NOT NULL);
      CREATE TABLE bench.dataset (scale text NOT NULL, tickets bigint NOT NULL, articles bigint NOT NULL,
                                  history bigint NOT NULL, load_seconds numeric NOT NULL,
                                  loaded_at timestamptz NOT NULL DEFAULT now());
      """;

  /** 50 groups with one queue each; roles; the two agents who log in; owners; customers. Parameters by name below. */
  static final String REFERENCE_DATA = """
      INSERT INTO groups (name, comments)
      SELECT format('bench-%s', to_char(n, 'FM00')), 'benchmark group' FROM generate_series(1, 50) AS n;
      CREATE TABLE bench.group_map AS
      SELECT n, (SELECT id FROM groups WHERE name = format('bench-%s', to_char(n, 'FM00'))) AS id
        FROM generate_series(1, 50) AS n;
      INSERT INTO queue (name, group_id, system_address_id, salutation_id, signature_id, follow_up_id, comments)
      SELECT format('Bench %s', to_char(n, 'FM00')), id, 1, 1, 1, 1, 'benchmark queue' FROM bench.group_map;
      CREATE TABLE bench.queue_map AS
      SELECT g.n, q.id FROM bench.group_map g JOIN queue q ON q.group_id = g.id;
      ALTER TABLE bench.queue_map ADD PRIMARY KEY (n);

      -- bench-all: rw everywhere. bench.agent reads 15 of the 50 groups: rw on 1-5 through bench-tier1,
      -- ro on 13-15 through bench-tier2, rw on 6-8 and ro on 9-12 granted directly.
      INSERT INTO roles (name, comments) VALUES ('bench-all', 'benchmark'), ('bench-tier1', 'benchmark'),
                                                ('bench-tier2', 'benchmark');
      INSERT INTO role_group (role_id, group_id, permission_key, permission_value)
      SELECT r.id, g.id, k.key, 1
        FROM roles r JOIN bench.group_map g ON true
        JOIN LATERAL (SELECT CASE r.name WHEN 'bench-all' THEN 'rw' WHEN 'bench-tier1' THEN 'rw' ELSE 'ro' END AS key) k ON true
       WHERE r.name = 'bench-all'
          OR (r.name = 'bench-tier1' AND g.n BETWEEN 1 AND 5)
          OR (r.name = 'bench-tier2' AND g.n BETWEEN 13 AND 15);

      INSERT INTO users (login, email, password_hash, first_name, last_name)
      VALUES ('bench.lead', 'bench.lead@gotrs.example', :password_hash, 'Bench', 'Lead'),
             ('bench.agent', 'bench.agent@gotrs.example', :password_hash, 'Bench', 'Agent');
      INSERT INTO users (login, email, first_name, last_name)
      SELECT format('agent%s', to_char(n, 'FM000')), format('agent%s@gotrs.example', to_char(n, 'FM000')),
             'Agent', n::text
        FROM generate_series(1, :owners) AS n;
      CREATE TABLE bench.owner_map AS
      SELECT row_number() OVER (ORDER BY login) AS n, id FROM users WHERE login LIKE 'agent%';
      ALTER TABLE bench.owner_map ADD PRIMARY KEY (n);
      INSERT INTO role_user (user_id, role_id)
      SELECT u.id, r.id FROM users u JOIN roles r ON r.name = 'bench-all'
       WHERE u.login = 'bench.lead' OR u.login LIKE 'agent%'
      UNION ALL
      SELECT u.id, r.id FROM users u JOIN roles r ON r.name IN ('bench-tier1', 'bench-tier2')
       WHERE u.login = 'bench.agent';
      INSERT INTO group_user (user_id, group_id, permission_key, permission_value)
      SELECT u.id, g.id, CASE WHEN g.n <= 8 THEN 'rw' ELSE 'ro' END, 1
        FROM users u JOIN bench.group_map g ON g.n BETWEEN 6 AND 12
       WHERE u.login = 'bench.agent';

      INSERT INTO customer_company (customer_id, name)
      SELECT format('cust-%s', to_char(n, 'FM0000')), format('Customer %s Ltd', n)
        FROM generate_series(1, :companies) AS n;
      INSERT INTO customer_user (login, email, customer_id, first_name, last_name)
      SELECT format('customer%s', to_char(n, 'FM00000')), format('customer%s@example.com', to_char(n, 'FM00000')),
             format('cust-%s', to_char(1 + (n - 1) % :companies, 'FM0000')), 'Customer', n::text
        FROM generate_series(1, :customers) AS n;
      CREATE TABLE bench.customer_map AS
      SELECT row_number() OVER (ORDER BY login) AS n, id, customer_id, email
        FROM customer_user WHERE login LIKE 'customer%';
      ALTER TABLE bench.customer_map ADD PRIMARY KEY (n);
      """;

  /**
   * Tickets {@code lo..hi}: spread evenly over {@code days} days ending yesterday, {@code per_day} a day, so the
   * DateChecksum number (date, SystemID, counter of the day, check digit) is unique. Queues are skewed (the
   * first queues are the busiest); recent tickets are mostly new/open/pending, older ones mostly closed.
   */
  static final String TICKETS = """
      WITH p AS (SELECT ?::bigint AS lo, ?::bigint AS hi, ?::int AS per_day, ?::int AS days, ?::text AS system_id,
                        ?::int AS titles, ?::int AS owners, ?::int AS customers),
      g AS (
        SELECT i, p.system_id,
               current_date - p.days + ((i - 1) / p.per_day)::int AS day,
               (i - 1) % p.per_day + 1 AS counter,
               p.days - ((i - 1) / p.per_day)::int AS age_days,
               ((i - 1) % p.per_day) * 86400 / p.per_day AS second_of_day,
               1 + floor(50 * bench.u(i, 1) ^ 2)::int AS queue_n,
               bench.u(i, 2) AS u_state,
               bench.u(i, 3) AS u_priority,
               1 + floor(p.customers * bench.u(i, 4) ^ 2)::int AS customer_n,
               bench.u(i, 5) AS u_owner,
               1 + floor(p.owners * bench.u(i, 5))::int AS owner_n,
               1 + floor(p.titles * bench.u(i, 6))::int AS title_n,
               bench.u(i, 7) AS u_source
          FROM p, generate_series(p.lo, p.hi) AS i),
      s AS (
        SELECT g.*,
               CASE WHEN age_days <= 3 THEN
                      CASE WHEN u_state < 0.4 THEN 1 WHEN u_state < 0.8 THEN 2 WHEN u_state < 0.9 THEN 5 ELSE 3 END
                    WHEN age_days <= 30 THEN
                      CASE WHEN u_state < 0.05 THEN 1 WHEN u_state < 0.3 THEN 2 WHEN u_state < 0.4 THEN 5
                           WHEN u_state < 0.45 THEN 6 WHEN u_state < 0.9 THEN 3 ELSE 4 END
                    ELSE
                      CASE WHEN u_state < 0.01 THEN 2 WHEN u_state < 0.02 THEN 5 WHEN u_state < 0.9 THEN 3 ELSE 4 END
               END AS state_id,
               day + make_interval(secs => second_of_day) AS created,
               to_char(day, 'YYYYMMDD') || system_id || lpad(counter::text, 5, '0') AS digits
          FROM g)
      INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, user_id, ticket_priority_id,
                          ticket_state_id, customer_id, customer_user_id, until_time, create_time, create_by,
                          change_time, change_by, source, archive_flag)
      SELECT s.i, s.digits || bench.check_digit(s.digits), ti.text, q.id, 1, 1,
             CASE WHEN s.state_id = 1 AND s.u_owner < 0.7 THEN NULL ELSE o.id END,
             CASE WHEN s.u_priority < 0.05 THEN 1 WHEN s.u_priority < 0.15 THEN 2 WHEN s.u_priority < 0.85 THEN 3
                  WHEN s.u_priority < 0.97 THEN 4 ELSE 5 END,
             s.state_id, c.customer_id, c.id,
             CASE WHEN s.state_id IN (5, 6) THEN extract(epoch FROM s.created + interval '10 days')::int ELSE 0 END,
             s.created, '00000000-0000-0000-0000-000000000001'::uuid,
             least(s.created + interval '1 hour' * (1 + 71 * s.u_priority), localtimestamp),
             coalesce(o.id, '00000000-0000-0000-0000-000000000001'::uuid),
             CASE WHEN s.u_source < 0.6 THEN 'email' WHEN s.u_source < 0.85 THEN 'web' ELSE 'phone' END, 0
        FROM s
        JOIN bench.queue_map q ON q.n = s.queue_n
        JOIN bench.title ti ON ti.id = s.title_n
        JOIN bench.customer_map c ON c.n = s.customer_n
        JOIN bench.owner_map o ON o.n = s.owner_n
      """;

  /**
   * One to five articles per ticket (three on average): the customer's request first, then agent answers,
   * customer follow-ups and internal notes. A body is three to six sentences from the sentence pool.
   */
  static final String ARTICLES = """
      WITH p AS (SELECT ?::bigint AS lo, ?::bigint AS hi, ?::int AS sentences)
      INSERT INTO article (ticket_id, article_type_id, article_sender_type_id, from_address, to_address, subject,
                           content_type, body, plain_body, internal_note, is_visible_for_customer, incoming_time,
                           create_time, create_by, change_time, change_by, read_status)
      SELECT t.id, k.type_id, k.sender,
             CASE WHEN k.sender = 3 THEN c.email ELSE 'support@gotrs.example' END,
             CASE WHEN k.sender = 3 THEN 'support@gotrs.example' ELSE c.email END,
             left(CASE WHEN j = 1 THEN t.title ELSE 'Re: ' || t.title END, 255),
             'text/plain; charset=utf-8', b.body, b.body, k.type_id = 9, CASE WHEN k.type_id = 9 THEN 0 ELSE 1 END,
             extract(epoch FROM k.at)::int, k.at, k.author, k.at, k.author, k.sender <> 3
        FROM p
        JOIN ticket t ON t.id BETWEEN p.lo AND p.hi
        LEFT JOIN customer_user c ON c.id = t.customer_user_id
        CROSS JOIN LATERAL generate_series(1, 1 + floor(5 * bench.u(t.id, 8))::int) AS j
        CROSS JOIN LATERAL (
          SELECT CASE WHEN j = 1 THEN 3 WHEN v < 0.45 THEN 1 WHEN v < 0.75 THEN 3 ELSE 1 END AS sender,
                 CASE WHEN j = 1 THEN (CASE t.source WHEN 'phone' THEN 5 WHEN 'web' THEN 8 ELSE 1 END)
                      WHEN v < 0.75 THEN 1 ELSE 9 END AS type_id,
                 CASE WHEN j = 1 OR (v >= 0.45 AND v < 0.75) THEN NULL
                      ELSE coalesce(t.user_id, '00000000-0000-0000-0000-000000000001'::uuid) END AS author,
                 t.create_time + (j - 1) * interval '150 minutes' AS at
            FROM (SELECT bench.u(t.id * 8 + j, 20) AS v) AS r) AS k
        CROSS JOIN LATERAL (
          SELECT string_agg(s.text, ' ' ORDER BY x.n) AS body
            FROM generate_series(1, 3 + floor(4 * bench.u(t.id * 8 + j, 21))::int) AS x(n)
            JOIN bench.sentence s ON s.id = 1 + floor(p.sentences * bench.u(t.id * 8 + j, 100 + x.n))::int) AS b
       ORDER BY t.id, j
      """;

  /** OTRS history as the API writes it: NewTicket, one entry per article, and the last state change. */
  static final String HISTORY = """
      WITH p AS (SELECT ?::bigint AS lo, ?::bigint AS hi)
      INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
                                  priority_id, state_id, create_time, create_by, change_time, change_by,
                                  old_value, new_value)
      SELECT left(h.name, 200), h.history_type_id, h.ticket_id, h.article_id, h.type_id, h.queue_id, h.owner_id,
             h.priority_id, h.state_id, h.at, h.by, h.at, h.by, h.old_value, h.new_value
        FROM (
          SELECT '%%' || t.tn || '%%' || t.title AS name, 1 AS history_type_id, t.id AS ticket_id,
                 NULL::bigint AS article_id, t.type_id, t.queue_id, t.user_id AS owner_id,
                 t.ticket_priority_id AS priority_id, 1 AS state_id, t.create_time AS at, t.create_by AS by,
                 NULL::text AS old_value, t.tn AS new_value, 0 AS position
            FROM p JOIN ticket t ON t.id BETWEEN p.lo AND p.hi
          UNION ALL
          SELECT '%%' || a.subject,
                 CASE WHEN a.article_sender_type_id = 3 AND a.subject LIKE 'Re: %' THEN 2
                      WHEN a.article_sender_type_id = 3 THEN (CASE a.article_type_id WHEN 5 THEN 14 WHEN 8 THEN 29 ELSE 12 END)
                      WHEN a.article_type_id = 1 THEN 8 ELSE 15 END,
                 a.ticket_id, a.id, t.type_id, t.queue_id, t.user_id, t.ticket_priority_id, t.ticket_state_id,
                 a.create_time, a.create_by, NULL, at.name, 1
            FROM p JOIN article a ON a.ticket_id BETWEEN p.lo AND p.hi
            JOIN ticket t ON t.id = a.ticket_id
            JOIN article_type at ON at.id = a.article_type_id
          UNION ALL
          SELECT '%%new%%' || s.name || '%%', 27, t.id, NULL, t.type_id, t.queue_id, t.user_id, t.ticket_priority_id,
                 t.ticket_state_id, t.change_time, t.change_by, 'new', s.name, 2
            FROM p JOIN ticket t ON t.id BETWEEN p.lo AND p.hi
            JOIN ticket_state s ON s.id = t.ticket_state_id
           WHERE t.ticket_state_id <> 1
        ) AS h
       ORDER BY h.ticket_id, h.at, h.position
      """;

  /** Secondary indexes of the bulk-loaded tables: dropped for the load and rebuilt from these definitions. */
  static final String SECONDARY_INDEXES = """
      SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
       WHERE i.indrelid IN ('ticket'::regclass, 'article'::regclass, 'ticket_history'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1
      """;

  /** Every single-column foreign key of the bulk-loaded tables, to check the loaded rows against. */
  static final String FOREIGN_KEYS = """
      SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
         AND c.conrelid IN ('ticket'::regclass, 'article'::regclass, 'ticket_history'::regclass)
       ORDER BY 1, 2
      """;
}
