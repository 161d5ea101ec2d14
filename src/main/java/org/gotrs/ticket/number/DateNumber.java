package org.gotrs.ticket.number;

import java.time.LocalDate;

/**
 * OTRS's {@code Kernel::System::Ticket::Number::Date} (config name {@code Date}):
 * {@code yyyymmdd + SystemID + counter (5+ digits)}, no check digit, the counter restarting every day.
 */
public final class DateNumber {

  private DateNumber() {}

  public static String format(LocalDate day, String systemId, long counter) {
    return NumberParts.date(day) + NumberParts.systemId(systemId) + NumberParts.counter(counter);
  }
}
