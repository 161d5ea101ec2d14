package org.gotrs.article;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.gotrs.http.Input;

/**
 * Time units as OTRS accounts them: a number with at most two decimals that fits its DECIMAL(10,2), negative for a
 * correction; a decimal comma is read as a point, as OTRS does.
 */
public final class TimeUnits {

  private static final Pattern UNITS = Pattern.compile("-?[0-9]{1,8}([.,][0-9]{1,2})?");
  public static final String INVALID = "must be a number of time units (at most 8 digits and 2 decimals)";

  private TimeUnits() {}

  /** The units written as text or a JSON number; null when it is no such number. */
  public static BigDecimal parse(Object value) {
    String text = value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
        : value instanceof String string ? string.strip() : null;
    return text != null && UNITS.matcher(text).matches() ? new BigDecimal(text.replace(',', '.')) : null;
  }

  /** The member {@code field}, or null when absent; a 422 error at the field when it is not a number of units. */
  static BigDecimal read(Input input, String field) {
    Object value = input.json().getValue(field);
    if (value == null) {
      return null;
    }
    BigDecimal units = parse(value);
    if (units == null) {
      input.error(field, INVALID);
    }
    return units;
  }

  /** As OTRS writes it in history and in TicketGet: no trailing zeros, no exponent. */
  public static String format(BigDecimal units) {
    return units.signum() == 0 ? "0" : units.stripTrailingZeros().toPlainString();
  }
}
