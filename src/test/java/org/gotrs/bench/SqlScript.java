package org.gotrs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a script of statements (each ending with ";" at the end of a line) with {@code :name} parameters. */
final class SqlScript {

  private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-z_]+)");

  private SqlScript() {}

  static void run(Connection connection, String script, Map<String, Object> parameters) throws SQLException {
    for (String statement : script.split(";\\s*\\n")) {
      if (statement.isBlank()) {
        continue;
      }
      List<Object> values = new ArrayList<>();
      Matcher matcher = PARAMETER.matcher(statement);
      StringBuilder sql = new StringBuilder();
      while (matcher.find()) {
        if (!parameters.containsKey(matcher.group(1))) {
          throw new IllegalArgumentException("no value for :" + matcher.group(1));
        }
        values.add(parameters.get(matcher.group(1)));
        matcher.appendReplacement(sql, "?");
      }
      matcher.appendTail(sql);
      try (PreparedStatement prepared = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < values.size(); i++) {
          prepared.setObject(i + 1, values.get(i));
        }
        prepared.execute();
      }
    }
  }
}
