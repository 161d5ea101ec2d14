package org.gotrs.ticket.number;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Hands out OTRS-compatible ticket numbers from the configured generator and the counters in PostgreSQL. */
public final class TicketNumberGenerator {

  private final Scheme scheme;
  private final String systemId;
  private final Clock clock;

  private TicketNumberGenerator(Scheme scheme, String systemId, Clock clock) {
    this.scheme = scheme;
    this.systemId = systemId;
    this.clock = clock;
  }

  /**
   * @param name {@code DateChecksum} (the OTRS default), {@code Date} or {@code AutoIncrement}, any case
   * @param systemId the OTRS SystemID, digits only
   * @throws IllegalArgumentException for an unknown generator name or a SystemID that is not digits
   */
  public static TicketNumberGenerator fromConfig(String name, String systemId, Clock clock) {
    return new TicketNumberGenerator(Scheme.named(name), NumberParts.systemId(systemId), clock);
  }

  /** The next number. Drawing it locks nothing, so it may be drawn inside a ticket's transaction; a rollback leaves a gap. */
  public Future<String> next(SqlClient client) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return TicketNumberCounter.next(client, scheme.counterDate(today))
        .map(counter -> scheme.format(today, systemId, counter));
  }

  /**
   * Moves the counters past numbers made elsewhere with this scheme and SystemID (an OTRS import), so the numbers
   * handed out next never repeat one of them. Numbers of any other form are ignored.
   */
  public Future<Void> skipPast(SqlClient client, java.util.Collection<String> tns) {
    java.util.List<LocalDate> dates = new java.util.ArrayList<>();
    java.util.List<Long> counters = new java.util.ArrayList<>();
    for (String tn : tns) {
      scheme.parse(tn, systemId).filter(drawn -> drawn.counter() > 0).ifPresent(drawn -> {
        dates.add(drawn.counterDate());
        counters.add(drawn.counter());
      });
    }
    return dates.isEmpty() ? Future.succeededFuture() : TicketNumberCounter.atLeast(client, dates, counters);
  }
}
