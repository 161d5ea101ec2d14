package org.gotrs.demo;

/**
 * Every statement the demo data runs. Rows refer to each other by name (groups, roles, SLAs, queues), so the
 * organisation can be written in batches, parents first, and to the seed's own rows ({@code stats}, {@code 3 normal}).
 */
final class DemoSql {

  private DemoSql() {}

  /** Serialises loaders across nodes for the rest of the transaction. */
  static final String LOCK = "SELECT pg_advisory_xact_lock($1)";

  static final String LOADED = """
      SELECT 1 FROM migration_log WHERE source_system = 'gotrs' AND migration_type = 'demo_data' AND status = 'completed'""";

  static final String MARK_LOADED = """
      INSERT INTO migration_log (source_system, source_version, migration_type, records_processed, records_failed,
                                 started_at, completed_at, status)
      VALUES ('gotrs', '1', 'demo_data', $1, 0, $2, $3, 'completed')""";

  static final String GROUP = """
      INSERT INTO groups (name, comments, create_by, change_by) VALUES ($1, $2, $3, $3)""";

  static final String ROLE = """
      INSERT INTO roles (name, comments, create_by, change_by) VALUES ($1, $2, $3, $3)""";

  static final String ROLE_GRANT = """
      INSERT INTO role_group (role_id, group_id, permission_key, permission_value, create_by, change_by)
      VALUES ((SELECT id FROM roles WHERE name = $1), (SELECT id FROM groups WHERE name = $2), $3, 1, $4, $4)""";

  static final String AGENT = """
      INSERT INTO users (login, email, password_hash, first_name, last_name, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $6)
      RETURNING id""";

  static final String AGENT_ROLE = """
      INSERT INTO role_user (user_id, role_id, create_by, change_by)
      VALUES ($1, (SELECT id FROM roles WHERE name = $2), $3, $3)""";

  static final String SLA = """
      INSERT INTO sla (name, comments, first_response_time, first_response_notify, update_time, update_notify,
                       solution_time, solution_notify, business_hours, holidays, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)""";

  static final String SERVICE = """
      INSERT INTO service (name, criticality, create_by, change_by) VALUES ($1, $2, $3, $3)""";

  /** Every demo service is offered under every demo SLA. */
  static final String SERVICE_SLAS = """
      INSERT INTO service_sla (service_id, sla_id)
      SELECT s.id, l.id FROM service s CROSS JOIN sla l WHERE s.name = ANY ($1) AND l.name = ANY ($2)""";

  static final String TICKET_TYPE = """
      INSERT INTO ticket_type (name, create_by, change_by) VALUES ($1, $2, $2) ON CONFLICT (name) DO NOTHING""";

  static final String QUEUE = """
      INSERT INTO queue (name, group_id, parent_id, system_address_id, salutation_id, signature_id, follow_up_id,
                         follow_up_lock, unlock_timeout, default_priority_id, sla_id, comments, customer_selectable,
                         create_by, change_by)
      VALUES ($1, (SELECT id FROM groups WHERE name = $2), (SELECT id FROM queue WHERE name = $3), 1, 1, 1, 1, 0, 0,
              (SELECT id FROM ticket_priority WHERE name = '3 normal'), (SELECT id FROM sla WHERE name = $4), $5, $6,
              $7, $7)""";

  /** Every channel's tickets that name no queue go to this one (see db/V54). */
  static final String INTAKE = """
      INSERT INTO intake_queue (channel, queue_id, change_by)
      SELECT channel, (SELECT id FROM queue WHERE name = $1), $2 FROM unnest(ARRAY['portal', 'chat', 'api']) AS channel""";

  static final String COMPANY = """
      INSERT INTO customer_company (customer_id, name, street, zip, city, country, url, industry, size, sla_id,
                                    create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT id FROM sla WHERE name = $10), $11, $11)
      RETURNING sla_id""";

  static final String CUSTOMER_USER = """
      INSERT INTO customer_user (login, email, customer_id, password_hash, title, first_name, last_name, create_by,
                                 change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
      RETURNING id""";

  /** The ids the tickets refer to, by name. */
  static final String NAMES = """
      SELECT 'queue' AS kind, name, id FROM queue
      UNION ALL SELECT 'state', name, id FROM ticket_state
      UNION ALL SELECT 'priority', name, id FROM ticket_priority
      UNION ALL SELECT 'type', name, id FROM ticket_type
      UNION ALL SELECT 'service', name, id FROM service""";

  static final String TICKET = """
      INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id,
                          ticket_priority_id, ticket_state_id, customer_id, customer_user_id, until_time, create_time,
                          create_by, change_time, change_by, source, tags)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $8, $17, $18)
      RETURNING id""";

  static final String ARTICLE_IDS = """
      SELECT nextval(pg_get_serial_sequence('article', 'id')) AS id FROM generate_series(1, $1)""";

  /** All articles in one statement, one array per column; the ids were drawn from the sequence beforehand. */
  static final String ARTICLES = """
      INSERT INTO article (id, ticket_id, article_type_id, article_sender_type_id, from_address, to_address, subject,
                           content_type, body, html_body, plain_body, internal_note, is_visible_for_customer,
                           incoming_time, create_time, create_by, change_time, change_by, read_status)
      SELECT a.id, a.ticket_id, at.id, a.sender, a.from_address, a.to_address, a.subject, a.content_type, a.body,
             a.html_body, a.plain_body, a.internal_note, a.visible, a.incoming_time, a.written, a.author, a.written, a.author, a.read
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::bool[], $13::int[], $14::int[], $15::timestamp[],
                    $16::uuid[], $17::bool[])
             AS a(id, ticket_id, article_type, sender, from_address, to_address, subject, content_type, body,
                  html_body, plain_body, internal_note, visible, incoming_time, written, author, read)
        JOIN article_type at ON at.name = a.article_type""";

  /** All history in one statement, in the order given, as {@link org.gotrs.history.TicketHistory} writes it. */
  static final String HISTORY = """
      INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
                                  priority_id, state_id, create_time, create_by, change_time, change_by, old_value,
                                  new_value)
      SELECT h.name, ht.id, h.ticket_id, h.article_id, h.type_id, h.queue_id, h.owner_id, h.priority_id, h.state_id,
             h.written, h.author, h.written, h.author, h.old_value, h.new_value
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::int[], $6::int[], $7::uuid[], $8::int[],
                    $9::int[], $10::timestamp[], $11::uuid[], $12::text[], $13::text[])
             WITH ORDINALITY AS h(name, type, ticket_id, article_id, type_id, queue_id, owner_id, priority_id,
                                  state_id, written, author, old_value, new_value, position)
        JOIN ticket_history_type ht ON ht.name = h.type
       ORDER BY h.position""";
}
