package org.gotrs.timeaccounting;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/**
 * {@code GET /time-accounting?from=&to=&queue_id=&agent_id=&group_by=agent|queue|ticket}: the time units accounted,
 * summed, for agents.
 */
public final class TimeAccountingRoutes implements Routes {

  private final TimeAccountingReport report;

  public TimeAccountingRoutes(TimeAccountingReport report) {
    this.report = report;
  }

  @Override
  public void mount(Router api) {
    api.get("/time-accounting").handler(this::report);
  }

  private void report(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    List<Problem.FieldError> errors = new ArrayList<>();
    Instant from = instant(query, "from", errors);
    Instant to = instant(query, "to", errors);
    Integer queueId = null;
    String queue = query.get("queue_id");
    if (queue != null) {
      if (queue.matches("[1-9][0-9]{0,8}")) {
        queueId = Integer.valueOf(queue);
      } else {
        errors.add(new Problem.FieldError("queue_id", "must be a queue id"));
      }
    }
    UUID agentId = null;
    String agent = query.get("agent_id");
    if (agent != null) {
      try {
        agentId = UUID.fromString(agent);
      } catch (IllegalArgumentException notUuid) {
        errors.add(new Problem.FieldError("agent_id", "must be an agent's id"));
      }
    }
    String groupBy = query.get("group_by") == null ? "ticket" : query.get("group_by");
    if (!TimeAccountingReport.GROUPS.contains(groupBy)) {
      errors.add(new Problem.FieldError("group_by", "must be one of " + String.join(", ", TimeAccountingReport.GROUPS)));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      errors.add(new Problem.FieldError("to", "must lie after from"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    Replies.ok(ctx, report.report(Actor.of(ctx), new TimeAccountingReport.Filter(from, to, queueId, agentId),
        groupBy));
  }

  /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or a date ({@code 2026-01-01}, midnight UTC). */
  private static Instant instant(MultiMap query, String name, List<Problem.FieldError> errors) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException wrong) {
      errors.add(new Problem.FieldError(name, "must be a date (2026-01-31) or an ISO-8601 time in UTC"));
      return null;
    }
  }
}
