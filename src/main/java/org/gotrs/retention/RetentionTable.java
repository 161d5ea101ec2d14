package org.gotrs.retention;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table retention policies may act on, and everything about it a policy may name: the columns that say how old
 * a row is, the actions allowed, and the condition keys with the SQL each one compares (on alias {@code x}).
 * Policies only ever choose among these; no name from a request reaches SQL.
 *
 * @param marker a condition true for rows not yet anonymised, so a run does not touch them twice
 */
record RetentionTable(String name, List<String> ageColumns, Set<String> actions, Map<String, String> conditions,
                      String marker) {

  static final Map<String, RetentionTable> ALL = Map.of(
      "ticket", new RetentionTable("ticket", List.of("change_time", "create_time"),
          Set.of("delete", "anonymize", "archive"),
          Map.of("queue_id", "x.queue_id", "state", "(SELECT s.name FROM ticket_state s WHERE s.id = x.ticket_state_id)",
              "state_type", """
                  (SELECT st.name FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
                    WHERE s.id = x.ticket_state_id)""",
              "priority_id", "x.ticket_priority_id", "type_id", "x.type_id", "customer_id", "x.customer_id",
              "archive_flag", "x.archive_flag", "source", "x.source"),
          "coalesce(x.metadata->>'anonymized_at', '') = ''"),
      "article", new RetentionTable("article", List.of("create_time"), Set.of("anonymize"),
          Map.of("article_sender_type_id", "x.article_sender_type_id", "article_type_id", "x.article_type_id",
              "ticket_id", "x.ticket_id"),
          "coalesce(x.metadata->>'anonymized_at', '') = ''"),
      "customer_user", new RetentionTable("customer_user", List.of("change_time", "create_time", "last_login"),
          Set.of("anonymize"), Map.of("customer_id", "x.customer_id", "valid_id", "x.valid_id"),
          "x.login NOT LIKE 'anonymized-%'"),
      "audit_log", new RetentionTable("audit_log", List.of("timestamp"), Set.of("delete", "anonymize"),
          Map.of("action", "x.action", "object_type", "x.object_type", "result", "x.result"),
          "(x.ip_address IS NOT NULL OR x.user_agent IS NOT NULL OR x.old_values IS NOT NULL OR x.new_values IS NOT NULL)"),
      "sessions", new RetentionTable("sessions", List.of("expires_at", "created_at"), Set.of("delete"), Map.of(),
          "true"),
      "workflow_history", new RetentionTable("workflow_history", List.of("started_at"), Set.of("delete"),
          Map.of("status", "x.status", "trigger", "x.trigger"), "true"),
      "notification", new RetentionTable("notification", List.of("create_time", "read_time"), Set.of("delete"),
          Map.of("event", "x.event"), "true"));

  /** The column that ages rows when the policy names none. */
  String defaultAgeColumn() {
    return ageColumns.get(0);
  }

  /** The age column quoted for SQL ("timestamp" is a type name). */
  static String quoted(String column) {
    return "x.\"" + column + "\"";
  }
}
