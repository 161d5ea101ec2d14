package org.gotrs.identity;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gotrs.http.Input;

/**
 * The columns a create or update body sets, validated at the edge (errors go to the {@link Input}, so one 422
 * names every wrong field). On create, absent columns take the table's defaults; on update, absent columns stay
 * as they are and {@code null} clears a nullable one. The keys are column names written in code, never names
 * taken from the request, which is what lets the services put them into SQL.
 */
final class Columns {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final Input input;
  private final boolean creating;
  private final Map<String, Object> values = new LinkedHashMap<>();

  Columns(Input input, boolean creating) {
    this.input = input;
    this.creating = creating;
  }

  /** Needed on create; on update it may be left out but not cleared. */
  Columns required(String column, int maxLength) {
    if (creating || input.has(column)) {
      put(column, input.string(column, true, maxLength));
    }
    return this;
  }

  /** May be left out (the column's default applies), not cleared. */
  Columns defaulted(String column, int maxLength) {
    if (input.isNull(column)) {
      input.error(column, "must not be null");
    } else if (input.has(column)) {
      put(column, input.string(column, false, maxLength));
    }
    return this;
  }

  /** May be left out or set to {@code null}. */
  Columns nullable(String column, int maxLength) {
    if (input.isNull(column)) {
      values.put(column, null);
    } else if (input.has(column)) {
      put(column, input.string(column, false, maxLength));
    }
    return this;
  }

  Columns email(String column) {
    required(column, 255);
    Object email = values.get(column);
    if (email != null && !EMAIL.matcher((String) email).matches()) {
      values.remove(column);
      input.error(column, "must be an email address");
    }
    return this;
  }

  /** An IANA time zone such as {@code Europe/Berlin}. */
  Columns timezone(String column) {
    defaulted(column, 50);
    Object zone = values.get(column);
    if (zone != null) {
      try {
        ZoneId.of((String) zone);
      } catch (DateTimeException e) {
        values.remove(column);
        input.error(column, "must be a time zone such as Europe/Berlin or UTC");
      }
    }
    return this;
  }

  /** OTRS's {@code valid}: 1 valid, 2 invalid, 3 invalid-temporarily. */
  Columns validId() {
    if (input.has("valid_id")) {
      Integer validId = input.integer("valid_id", true);
      if (validId != null && (validId < 1 || validId > 3)) {
        input.error("valid_id", "must be 1 (valid), 2 (invalid) or 3 (invalid-temporarily)");
      } else {
        put("valid_id", validId);
      }
    }
    return this;
  }

  /** A reference to another row by integer id, or {@code null} for none. */
  Columns nullableId(String column) {
    if (input.isNull(column)) {
      values.put(column, null);
    } else if (input.has(column)) {
      Integer id = input.integer(column, false);
      if (id != null && id <= 0) {
        input.error(column, "must be a positive integer");
      } else {
        put(column, id);
      }
    }
    return this;
  }

  /** A JSON object column; left out keeps the default, never null. */
  Columns object(String column) {
    if (input.isNull(column)) {
      input.error(column, "must be an object");
    } else if (input.has(column)) {
      JsonObject object = input.object(column, false);
      put(column, object);
    }
    return this;
  }

  Map<String, Object> values() {
    return values;
  }

  private void put(String column, Object value) {
    if (value != null) {
      values.put(column, value);
    }
  }

  /** {@code a = $2, b = $3} for an UPDATE's SET, parameters numbered from {@code first}. */
  static String assignments(Collection<String> columns, int first) {
    int[] n = {first};
    return columns.stream().map(column -> column + " = $" + n[0]++).collect(Collectors.joining(", "));
  }

  /** {@code $1, $2, ...} for an INSERT of {@code count} values. */
  static String placeholders(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "$" + i).collect(Collectors.joining(", "));
  }

  /** Guards the services' dynamic SQL: only their own column names may reach it. */
  static void requireKnown(Set<String> editable, Collection<String> columns) {
    if (!editable.containsAll(columns)) {
      throw new IllegalArgumentException("not an editable column: " + columns);
    }
  }
}
