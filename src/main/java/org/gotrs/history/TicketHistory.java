package org.gotrs.history;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes and reads {@code ticket_history} with OTRS's history types. Each entry also stamps the
 * ticket's queue, owner, priority and state at that moment, as OTRS does.
 */
public final class TicketHistory {

  /** One change: the OTRS history type name, OTRS's {@code name} text, old and new values. */
  public record Change(String type, String name, String oldValue, String newValue, Long articleId) {
    public static Change of(String type, String name, Object oldValue, Object newValue) {
      return new Change(type, name, text(oldValue), text(newValue), null);
    }

    public Change withArticle(long id) {
      return new Change(type, name, oldValue, newValue, id);
    }
  }

  /**
   * A history entry as the API shows it. Beside OTRS's ids, what they name: the ticket's queue, state, priority and
   * owner at that moment, who made the change, and the old and new value of a change by name (a queue's, a priority's,
   * an agent's, ...) where the value is an id; null where there is nothing to name.
   */
  public record Entry(long id, String name, String historyType, Long articleId, Integer queueId, Integer stateId,
                      Integer priorityId, UUID ownerId, String oldValue, String newValue, Instant createTime,
                      UUID createBy, int historyTypeId, Integer typeId, String queue, String state, String priority,
                      String owner, String createByName, String oldName, String newName) {}

  /** An agent as people call them: first and last name, else the login. */
  private static final String AGENT_NAME = "coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''), u.login)";

  /** A ticket's history in order, with the names of what it refers to. */
  private static final String LIST = """
      SELECT h.id, h.name, ht.name AS history_type, h.article_id, h.queue_id, h.state_id, h.priority_id,
             h.owner_id, h.old_value, h.new_value, h.create_time, h.create_by, h.history_type_id, h.type_id,
             (SELECT q.name FROM queue q WHERE q.id = h.queue_id) AS queue,
             (SELECT s.name FROM ticket_state s WHERE s.id = h.state_id) AS state,
             (SELECT p.name FROM ticket_priority p WHERE p.id = h.priority_id) AS priority,
             (SELECT %1$s FROM users u WHERE u.id = h.owner_id) AS owner,
             (SELECT %1$s FROM users u WHERE u.id = h.create_by) AS create_by_name,
             %2$s AS old_name, %3$s AS new_name
        FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
       WHERE h.ticket_id = $1
       ORDER BY h.id""".formatted(AGENT_NAME, valueName("h.old_value"), valueName("h.new_value"));

  /** Writes the changes in one statement, in order. */
  public Future<Void> record(SqlClient tx, long ticketId, UUID actor, List<Change> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> olds = new ArrayList<>();
    List<String> news = new ArrayList<>();
    List<Long> articles = new ArrayList<>();
    for (Change change : changes) {
      types.add(change.type());
      names.add(truncate(change.name(), 200));
      olds.add(change.oldValue());
      news.add(change.newValue());
      articles.add(change.articleId());
    }
    return tx.preparedQuery("""
            INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
                                        priority_id, state_id, create_by, change_by, old_value, new_value)
            SELECT c.name, ht.id, t.id, c.article_id, t.type_id, t.queue_id, t.user_id, t.ticket_priority_id,
                   t.ticket_state_id, $2, $2, c.old_value, c.new_value
              FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
                   WITH ORDINALITY AS c(type, name, old_value, new_value, article_id, position)
              JOIN ticket_history_type ht ON ht.name = c.type
              JOIN ticket t ON t.id = $1
             ORDER BY c.position""")
        .execute(Tuple.of(ticketId, actor, types.toArray(new String[0]), names.toArray(new String[0]),
            olds.toArray(new String[0]), news.toArray(new String[0]), articles.toArray(new Long[0])))
        .mapEmpty();
  }

  public Future<List<Entry>> list(SqlClient client, long ticketId) {
    return client.preparedQuery(LIST)
        .execute(Tuple.of(ticketId))
        .map(rows -> {
          List<Entry> entries = new ArrayList<>();
          for (Row row : rows) {
            var created = row.getLocalDateTime("create_time");
            entries.add(new Entry(row.getLong("id"), row.getString("name"), row.getString("history_type"),
                row.getLong("article_id"), row.getInteger("queue_id"), row.getInteger("state_id"),
                row.getInteger("priority_id"), row.getUUID("owner_id"), row.getString("old_value"),
                row.getString("new_value"), created == null ? null : created.toInstant(ZoneOffset.UTC),
                row.getUUID("create_by"), row.getInteger("history_type_id"), row.getInteger("type_id"),
                row.getString("queue"), row.getString("state"), row.getString("priority"), row.getString("owner"),
                row.getString("create_by_name"), row.getString("old_name"), row.getString("new_name")));
          }
          return entries;
        });
  }

  /**
   * What an old or new value names, by the history type that wrote it: the ids a change records (of a queue, a
   * priority, an agent, ...) looked up by key; a state is stored by name already.
   */
  private static String valueName(String column) {
    String id = "CASE WHEN " + column + " ~ '^[0-9]{1,9}$' THEN " + column + "::int END";
    String uuid = "CASE WHEN " + column + " ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' THEN " + column
        + "::uuid END";
    return """
        CASE ht.name
          WHEN 'Move' THEN (SELECT q.name FROM queue q WHERE q.id = %1$s)
          WHEN 'PriorityUpdate' THEN (SELECT p.name FROM ticket_priority p WHERE p.id = %1$s)
          WHEN 'StateUpdate' THEN %3$s
          WHEN 'TypeUpdate' THEN (SELECT ty.name FROM ticket_type ty WHERE ty.id = %1$s)
          WHEN 'ServiceUpdate' THEN (SELECT sv.name FROM service sv WHERE sv.id = %1$s)
          WHEN 'SLAUpdate' THEN (SELECT sl.name FROM sla sl WHERE sl.id = %1$s)
          WHEN 'Lock' THEN (SELECT lt.name FROM ticket_lock_type lt WHERE lt.id = %1$s)
          WHEN 'Unlock' THEN (SELECT lt.name FROM ticket_lock_type lt WHERE lt.id = %1$s)
          WHEN 'OwnerUpdate' THEN (SELECT %4$s FROM users u WHERE u.id = %2$s)
          WHEN 'ResponsibleUpdate' THEN (SELECT %4$s FROM users u WHERE u.id = %2$s)
          WHEN 'CustomerUpdate' THEN coalesce((SELECT cu.login FROM customer_user cu WHERE cu.id = %2$s), %3$s)
        END""".formatted(id, uuid, column, AGENT_NAME);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
