package org.gotrs.report;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.gotrs.http.ExportFormat;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.http.TableDownload;
import org.gotrs.permission.Actor;

/**
 * {@code GET /reports/{volume|first_response|resolution|sla|csat|agents|time|chat}?from=&to=&group_by=&queue_id=
 * &agent_id=&tz=&columns=&format=csv|xlsx}: a report as JSON items, or downloaded as CSV or XLSX with the same columns.
 */
public final class ReportRoutes implements Routes {

  /** The longest range a report covers: five years. */
  private static final int MAX_DAYS = 5 * 366;
  private static final int DEFAULT_DAYS = 30;

  private final Reports reports;
  private final ReportScheduleRoutes schedules;
  private final java.time.Clock clock;

  public ReportRoutes(Reports reports, ReportSchedules schedules, java.time.Clock clock) {
    this.reports = reports;
    this.schedules = new ReportScheduleRoutes(schedules);
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    // before /reports/:report, which would take "schedules" for a report's name
    schedules.mount(api);
    api.get("/reports/:report").handler(this::report);
  }

  private void report(RoutingContext ctx) {
    ReportKind kind = ReportKind.of(ctx.pathParam("report"));
    if (kind == null) {
      throw Problem.notFound("no report '" + ctx.pathParam("report") + "'; there are " + String.join(", ",
          ReportKind.names()));
    }
    ExportFormat format = ExportFormat.requested(ctx);
    MultiMap query = ctx.queryParams();
    List<Problem.FieldError> errors = new ArrayList<>();
    ZoneId zone = zone(query.get("tz"), errors);
    LocalDate to = date(query, "to", errors);
    LocalDate from = date(query, "from", errors);
    if (to == null) {
      to = LocalDate.now(clock.withZone(zone == null ? ZoneOffset.UTC : zone));
    }
    if (from == null) {
      from = to.minusDays(DEFAULT_DAYS - 1);
    }
    if (from.isAfter(to)) {
      errors.add(new Problem.FieldError("to", "must not lie before from"));
    } else if (from.plusDays(MAX_DAYS).isBefore(to)) {
      errors.add(new Problem.FieldError("to", "a report covers at most five years"));
    }
    ReportGroup group = kind.defaultGroup;
    if (query.get("group_by") != null) {
      group = ReportGroup.of(query.get("group_by"));
      if (group == null) {
        errors.add(new Problem.FieldError("group_by", "must be one of " + String.join(", ", ReportGroup.names())));
      }
    }
    Integer queueId = queueId(query.get("queue_id"), errors);
    UUID agentId = agentId(query.get("agent_id"), errors);
    List<String> columns = query.get("columns") == null ? null
        : Arrays.stream(query.get("columns").split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    Reports.Request request = new Reports.Request(kind, group, from, to, queueId, agentId, zone);
    String filename = kind.wire + "-" + group.wire + "-" + from + "-" + to;
    reports.run(Actor.of(ctx), request).onSuccess(answer -> {
      try {
        var table = answer.table().select(columns);
        if (format != null) {
          TableDownload.send(ctx, format, filename, table);
          return;
        }
        Replies.json(ctx, 200, new JsonObject()
            .put("report", kind.wire).put("group_by", request.group().wire)
            .put("from", request.from().toString()).put("to", request.to().toString())
            .put("time_zone", Reports.zoneName(answer.zone()))
            .put("queue_id", queueId).put("agent_id", agentId == null ? null : agentId.toString())
            .put("columns", table.columns())
            .put("items", table.items()));
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    }).onFailure(ctx::fail);
  }

  private static LocalDate date(MultiMap query, String name, List<Problem.FieldError> errors) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException wrong) {
      errors.add(new Problem.FieldError(name, "must be a date (2026-01-31)"));
      return null;
    }
  }

  private static ZoneId zone(String value, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      ZoneId zone = ZoneId.of(value);
      if (!(zone instanceof ZoneOffset) || zone.equals(ZoneOffset.UTC)) {
        return zone;
      }
    } catch (DateTimeException unknown) {
      // not a zone: the same answer as an offset
    }
    errors.add(new Problem.FieldError("tz", "must be a time zone such as Europe/Berlin"));
    return null;
  }

  private static Integer queueId(String value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value.matches("[1-9][0-9]{0,8}")) {
      return Integer.valueOf(value);
    }
    errors.add(new Problem.FieldError("queue_id", "must be a queue id"));
    return null;
  }

  private static UUID agentId(String value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException notUuid) {
      errors.add(new Problem.FieldError("agent_id", "must be an agent's id"));
      return null;
    }
  }
}
