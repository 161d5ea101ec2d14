package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What kind of OTRS database the source is, told by the tables and columns it has: OTRS 5 keeps articles in one
 * {@code article} table with {@code article_type}; OTRS 6 splits them into {@code article} and
 * {@code article_data_mime*} with communication channels; Znuny names {@code groups} {@code permission_groups}.
 */
public record SourceSchema(String system, String version, boolean splitArticles, String groupsTable,
                           boolean groupUserHasValue, Set<String> tables) {

  static final String COLUMNS = """
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema()""";

  static Future<SourceSchema> detect(SqlClient source) {
    return source.query(COLUMNS).execute().compose(rows -> {
      Map<String, Set<String>> columns = new HashMap<>();
      for (Row row : rows) {
        columns.computeIfAbsent(row.getString("table_name"), t -> new HashSet<>()).add(row.getString("column_name"));
      }
      boolean hasTicket = columns.containsKey("ticket") && columns.containsKey("article");
      boolean hasGroups = columns.containsKey("groups") || columns.containsKey("permission_groups");
      if (!hasTicket || !hasGroups || !columns.containsKey("users")) {
        return Future.failedFuture(new IllegalArgumentException(
            "the source is not an OTRS or Znuny database: it lacks the ticket, article, users or groups table"));
      }
      return Future.succeededFuture(of(columns));
    });
  }

  static SourceSchema of(Map<String, Set<String>> columns) {
    boolean split = columns.containsKey("article_data_mime");
    boolean znuny = columns.containsKey("permission_groups");
    String version;
    if (znuny) {
      version = columns.getOrDefault("ticket_state", Set.of()).contains("color")
          || columns.containsKey("oauth2_token_config") ? "7" : "6";
    } else {
      version = split ? "6" : "5";
    }
    boolean groupUserHasValue = columns.getOrDefault("group_user", Set.of()).contains("permission_value");
    return new SourceSchema(znuny ? "Znuny" : "OTRS", version, split, znuny ? "permission_groups" : "groups",
        groupUserHasValue, Set.copyOf(columns.keySet()));
  }

  boolean has(String table) {
    return tables.contains(table);
  }

  @Override
  public String toString() {
    return system + " " + version + (splitArticles ? " (article + article_data_mime)" : " (single article table)");
  }
}
