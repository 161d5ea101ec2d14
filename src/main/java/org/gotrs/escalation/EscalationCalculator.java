package org.gotrs.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gotrs.lookup.StateType;
import org.gotrs.sla.WorkingTime;

/**
 * A ticket's escalation deadlines with OTRS's rules (its {@code TicketEscalationIndexBuild}), as a function
 * of what the ticket looks like now:
 * <ul>
 *   <li>merged, closed and removed tickets have no deadlines;</li>
 *   <li>first response: created + first response time, until the first customer-visible agent article;</li>
 *   <li>update: from the last customer contact (the last customer-visible agent article, or the first customer
 *       article after it) + update time; none while pending, and time spent pending since that contact does
 *       not count;</li>
 *   <li>solution: created + solution time, until the ticket is closed for the first time;</li>
 *   <li>all counted in the SLA's working time; {@code escalation_time} is the earliest.</li>
 * </ul>
 * A warning is due when the given percentage of a time has been used, the breach at the deadline.
 */
public final class EscalationCalculator {


  /** The three deadlines: the ticket column each one fills and its OTRS history type prefix. */
  public enum Kind {
    RESPONSE("escalation_response_time", "EscalationResponseTime"),
    UPDATE("escalation_update_time", "EscalationUpdateTime"),
    SOLUTION("escalation_solution_time", "EscalationSolutionTime");

    final String column;
    final String historyPrefix;

    Kind(String column, String historyPrefix) {
      this.column = column;
      this.historyPrefix = historyPrefix;
    }

    /** How the API and the database name it: {@code response}, {@code update}, {@code solution}. */
    public String key() {
      return name().toLowerCase();
    }

    public static Kind of(String key) {
      return valueOf(key.toUpperCase());
    }
  }

  /** A warning before the deadline, or the breach at it. */
  public enum Level {
    WARNING, BREACHED;

    public String key() {
      return name().toLowerCase();
    }

    public static Level of(String key) {
      return valueOf(key.toUpperCase());
    }
  }

  /** An SLA's times in minutes and warning percentages (null or 0 = not set), over its working time. */
  public record Targets(Integer firstResponseTime, Integer firstResponseNotify, Integer updateTime,
                        Integer updateNotify, Integer solutionTime, Integer solutionNotify, WorkingTime calendar) {}

  /** The ticket entered a state of this type at this time (its NewTicket and StateUpdate history, in order). */
  public record StateChange(Instant at, int stateType) {}

  /**
   * What the deadlines depend on.
   *
   * @param targets null when neither the ticket nor its queue has an SLA
   * @param updateStart the last customer contact (see class comment); null when the ticket has no article
   */
  public record Facts(Instant created, int stateType, Targets targets, boolean responded, Instant updateStart,
                      List<StateChange> states) {}

  /** An alert due at {@code dueAt} (epoch seconds) about the deadline {@code deadline} of one kind. */
  public record Alarm(Kind kind, Level level, long dueAt, long deadline) {}

  /** Epoch seconds, 0 = none, as in the OTRS columns. */
  public record Deadlines(long response, long update, long solution, List<Alarm> alarms) {

    public static final Deadlines NONE = new Deadlines(0, 0, 0, List.of());

    /** {@code escalation_time}: the earliest non-zero deadline, or 0. */
    public long earliest() {
      long earliest = 0;
      for (long deadline : new long[] {response, update, solution}) {
        if (deadline > 0 && (earliest == 0 || deadline < earliest)) {
          earliest = deadline;
        }
      }
      return earliest;
    }

    public long of(Kind kind) {
      return switch (kind) {
        case RESPONSE -> response;
        case UPDATE -> update;
        case SOLUTION -> solution;
      };
    }
  }

  private EscalationCalculator() {}

  public static Deadlines deadlines(Facts facts) {
    int type = facts.stateType();
    Targets targets = facts.targets();
    if (targets == null || type == StateType.CLOSED.id() || type == StateType.REMOVED.id() || type == StateType.MERGED.id()) {
      return Deadlines.NONE;
    }
    List<Alarm> alarms = new ArrayList<>();
    long response = 0;
    if (isSet(targets.firstResponseTime()) && !facts.responded()) {
      response = deadline(Kind.RESPONSE, targets.calendar(), facts.created(), targets.firstResponseTime(),
          targets.firstResponseNotify(), List.of(), alarms);
    }
    long update = 0;
    if (isSet(targets.updateTime()) && type != StateType.PENDING.id() && facts.updateStart() != null) {
      update = deadline(Kind.UPDATE, targets.calendar(), facts.updateStart(), targets.updateTime(),
          targets.updateNotify(), pendingPeriods(facts.states()), alarms);
    }
    long solution = 0;
    if (isSet(targets.solutionTime()) && !everClosed(facts.states())) {
      solution = deadline(Kind.SOLUTION, targets.calendar(), facts.created(), targets.solutionTime(),
          targets.solutionNotify(), List.of(), alarms);
    }
    return new Deadlines(response, update, solution, List.copyOf(alarms));
  }

  /** The deadline of one kind (0 if the calendar never reaches it), adding its warning and breach alarms. */
  private static long deadline(Kind kind, WorkingTime calendar, Instant start, int minutes, Integer notify,
                               List<Pause> pauses, List<Alarm> alarms) {
    Duration budget = Duration.ofMinutes(minutes);
    Optional<Instant> deadline = spend(calendar, start, budget, pauses);
    if (deadline.isEmpty()) {
      return 0;
    }
    long epoch = epoch(deadline.get());
    if (notify != null && notify > 0 && notify < 100) {
      spend(calendar, start, budget.multipliedBy(notify).dividedBy(100), pauses)
          .ifPresent(warning -> alarms.add(new Alarm(kind, Level.WARNING, epoch(warning), epoch)));
    }
    alarms.add(new Alarm(kind, Level.BREACHED, epoch, epoch));
    return epoch;
  }

  /** A stretch of time that does not count against the update time (the ticket was pending). */
  record Pause(Instant start, Instant end) {}

  /** Working time spent from {@code start}, skipping the pauses. */
  static Optional<Instant> spend(WorkingTime calendar, Instant start, Duration budget, List<Pause> pauses) {
    Instant at = start;
    Duration remaining = budget;
    for (Pause pause : pauses) {
      if (!pause.end().isAfter(at)) {
        continue;
      }
      if (pause.start().isAfter(at)) {
        Duration available = calendar.between(at, pause.start());
        if (remaining.compareTo(available) <= 0) {
          return calendar.plus(at, remaining);
        }
        remaining = remaining.minus(available);
      }
      at = pause.end();
    }
    return calendar.plus(at, remaining);
  }

  /** Where the ticket was pending: from entering a pending state to entering the next state. */
  static List<Pause> pendingPeriods(List<StateChange> states) {
    List<Pause> pauses = new ArrayList<>();
    for (int i = 0; i + 1 < states.size(); i++) {
      if (states.get(i).stateType() == StateType.PENDING.id() && states.get(i + 1).at().isAfter(states.get(i).at())) {
        pauses.add(new Pause(states.get(i).at(), states.get(i + 1).at()));
      }
    }
    return pauses;
  }

  /** OTRS counts the solution as done once the ticket was closed, even if it was reopened since. */
  private static boolean everClosed(List<StateChange> states) {
    return states.stream().anyMatch(change -> change.stateType() == StateType.CLOSED.id());
  }

  private static boolean isSet(Integer minutes) {
    return minutes != null && minutes > 0;
  }

  /** The OTRS columns are 32-bit epoch seconds. */
  private static long epoch(Instant instant) {
    return Math.min(instant.getEpochSecond(), Integer.MAX_VALUE);
  }
}
