package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gotrs.escalation.EscalationCalculator.Alarm;
import org.gotrs.escalation.EscalationCalculator.Deadlines;
import org.gotrs.escalation.EscalationCalculator.Kind;
import org.gotrs.escalation.EscalationCalculator.Level;
import org.gotrs.sla.BusinessHoursSpec;
import org.gotrs.sla.WorkingTime;
import org.gotrs.ticket.TicketAutomation;
import org.gotrs.history.TicketWriteHook;
import org.gotrs.history.TicketHistory;

/**
 * Keeps a ticket's escalation columns and its pending alerts in step with the ticket, inside the transaction
 * that changed it (OTRS rebuilds its escalation index on every ticket event the same way). When a deadline
 * that had already been breached goes away or moves, the OTRS {@code Escalation*TimeStop} history is written.
 */
public final class EscalationIndex implements TicketWriteHook {

  private final TicketHistory history;

  public EscalationIndex(TicketHistory history) {
    this.history = history;
  }

  @Override
  public Future<Void> ticketWritten(SqlClient tx, long ticketId) {
    return tx.preparedQuery(EscalationSql.FACTS).execute(Tuple.of(ticketId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      Row row = rows.iterator().next();
      Deadlines deadlines = EscalationCalculator.deadlines(facts(row));
      List<Stored> stored = stored(row);
      if (unchanged(row, deadlines, stored)) {
        return Future.succeededFuture();
      }
      return write(tx, ticketId, deadlines).compose(written -> recordStops(tx, ticketId, deadlines, stored));
    });
  }

  private Future<Void> write(SqlClient tx, long ticketId, Deadlines deadlines) {
    List<Alarm> alarms = deadlines.alarms();
    return tx.preparedQuery(EscalationSql.WRITE).execute(Tuple.from(new Object[] {ticketId,
            alarms.stream().map(alarm -> alarm.kind().key()).toArray(String[]::new),
            alarms.stream().map(alarm -> alarm.level().key()).toArray(String[]::new),
            alarms.stream().map(alarm -> (int) alarm.dueAt()).toArray(Integer[]::new),
            alarms.stream().map(alarm -> (int) alarm.deadline()).toArray(Integer[]::new),
            (int) deadlines.response(), (int) deadlines.update(), (int) deadlines.solution(),
            (int) deadlines.earliest()}))
        .mapEmpty();
  }

  /** A breach that was announced and whose deadline is gone now: OTRS's Escalation*TimeStop. */
  private Future<Void> recordStops(SqlClient tx, long ticketId, Deadlines deadlines, List<Stored> stored) {
    List<TicketHistory.Change> stops = new ArrayList<>();
    for (Stored alert : stored) {
      if (alert.fired() && alert.level() == Level.BREACHED && deadlines.of(alert.kind()) != alert.deadline()) {
        stops.add(TicketHistory.Change.of(alert.kind().historyPrefix + "Stop",
            "%%" + Instant.ofEpochSecond(alert.deadline()), alert.deadline(), deadlines.of(alert.kind())));
      }
    }
    return history.record(tx, ticketId, TicketAutomation.SYSTEM_USER, stops);
  }

  /** An alert as stored now. */
  private record Stored(Kind kind, Level level, long dueAt, long deadline, boolean fired) {}

  private static boolean unchanged(Row row, Deadlines deadlines, List<Stored> stored) {
    if (number(row, "escalation_response_time") != deadlines.response()
        || number(row, "escalation_update_time") != deadlines.update()
        || number(row, "escalation_solution_time") != deadlines.solution()
        || number(row, "escalation_time") != deadlines.earliest()
        || stored.size() != deadlines.alarms().size()) {
      return false;
    }
    Set<Alarm> wanted = new HashSet<>(deadlines.alarms());
    return stored.stream().allMatch(alert -> wanted.contains(
        new Alarm(alert.kind(), alert.level(), alert.dueAt(), alert.deadline())));
  }

  private static List<Stored> stored(Row row) {
    String[] kinds = row.getArrayOfStrings("alert_kinds");
    if (kinds == null) {
      return List.of();
    }
    String[] levels = row.getArrayOfStrings("alert_levels");
    Integer[] due = row.getArrayOfIntegers("alert_due");
    Integer[] deadlines = row.getArrayOfIntegers("alert_deadlines");
    Boolean[] fired = row.getArrayOfBooleans("alert_fired");
    List<Stored> stored = new ArrayList<>(kinds.length);
    for (int i = 0; i < kinds.length; i++) {
      stored.add(new Stored(Kind.of(kinds[i]), Level.of(levels[i]), due[i], deadlines[i], fired[i]));
    }
    return stored;
  }

  private static EscalationCalculator.Facts facts(Row row) {
    EscalationCalculator.Targets targets = null;
    if (row.getInteger("sla_id") != null) {
      Object hours = row.getValue("business_hours");
      Object holidays = row.getValue("holidays");
      BusinessHoursSpec spec = BusinessHoursSpec.parse(hours instanceof JsonObject object ? object : null,
          holidays instanceof JsonArray array ? array : null);
      targets = new EscalationCalculator.Targets(row.getInteger("first_response_time"),
          row.getInteger("first_response_notify"), row.getInteger("update_time"), row.getInteger("update_notify"),
          row.getInteger("solution_time"), row.getInteger("solution_notify"), new WorkingTime(spec));
    }
    List<EscalationCalculator.StateChange> states = new ArrayList<>();
    LocalDateTime[] times = row.getArrayOfLocalDateTimes("state_times");
    Integer[] types = row.getArrayOfIntegers("state_types");
    if (times != null) {
      for (int i = 0; i < times.length; i++) {
        states.add(new EscalationCalculator.StateChange(utc(times[i]), types[i]));
      }
    }
    return new EscalationCalculator.Facts(utc(row.getLocalDateTime("create_time")), row.getInteger("state_type"),
        targets, row.getBoolean("responded"), utc(row.getLocalDateTime("update_start")), states);
  }

  /** TIMESTAMP columns hold UTC. */
  private static Instant utc(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }

  private static long number(Row row, String column) {
    return Objects.requireNonNullElse(row.getInteger(column), 0);
  }
}
