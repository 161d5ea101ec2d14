package org.gotrs.lookup;

import java.util.regex.Pattern;
import org.gotrs.http.Input;

/** Field rules shared by several lookups. */
final class LookupInput {

  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

  private LookupInput() {}

  /** A hex colour for the UI such as {@code #50B5FF} (the columns are VARCHAR(7)). */
  static String color(Input input) {
    String color = input.string("color", false, 7);
    if (color != null && !COLOR.matcher(color).matches()) {
      input.error("color", "must be a hex colour such as #50B5FF");
      return null;
    }
    return color;
  }

  static Integer atLeast(Input input, String field, int minimum, Integer otherwise) {
    Integer value = input.integer(field, false);
    if (value == null) {
      return otherwise;
    }
    if (value < minimum) {
      input.error(field, "must be at least " + minimum);
    }
    return value;
  }
}
