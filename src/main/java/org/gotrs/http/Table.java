package org.gotrs.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows under named columns: answered as JSON items keyed in column order, or downloaded as CSV or XLSX with the same
 * columns in the same order.
 */
public record Table(List<String> columns, List<List<Object>> rows) {

  /** The rows as JSON objects, each with the columns' keys in order. */
  public JsonArray items() {
    JsonArray items = new JsonArray();
    for (List<Object> row : rows) {
      Map<String, Object> item = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        item.put(columns.get(i), row.get(i));
      }
      items.add(new JsonObject(item));
    }
    return items;
  }

  /** Only the named columns, in the order named; 422 for a name the table lacks. Null or empty keeps them all. */
  public Table select(List<String> chosen) {
    if (chosen == null || chosen.isEmpty()) {
      return this;
    }
    int[] indexes = new int[chosen.size()];
    for (int i = 0; i < chosen.size(); i++) {
      indexes[i] = columns.indexOf(chosen.get(i));
      if (indexes[i] < 0) {
        throw Problem.invalid("columns", "'" + chosen.get(i) + "' is not one of " + String.join(", ", columns));
      }
    }
    List<List<Object>> selected = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<Object> values = new ArrayList<>(indexes.length);
      for (int index : indexes) {
        values.add(row.get(index));
      }
      selected.add(values);
    }
    return new Table(List.copyOf(chosen), selected);
  }
}
