package org.gotrs.ticket.number;

/**
 * OTRS's {@code Kernel::System::Ticket::Number::AutoIncrement}: {@code SystemID + counter (5+ digits)},
 * the counter never restarting.
 */
public final class AutoIncrement {

  private AutoIncrement() {}

  public static String format(String systemId, long counter) {
    return NumberParts.systemId(systemId) + NumberParts.counter(counter);
  }
}
