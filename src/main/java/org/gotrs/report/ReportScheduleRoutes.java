package org.gotrs.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.permission.Actor;

/**
 * {@code GET/POST /reports/schedules}, {@code DELETE /reports/schedules/{id}}: an agent's reports sent by e-mail,
 * weekly or monthly, as CSV or XLSX, to a list of addresses.
 */
final class ReportScheduleRoutes {

  private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
  private static final int MAX_RECIPIENTS = 20;

  private final ReportSchedules schedules;

  ReportScheduleRoutes(ReportSchedules schedules) {
    this.schedules = schedules;
  }

  void mount(Router api) {
    api.get("/reports/schedules").handler(this::list);
    api.post("/reports/schedules").handler(this::create);
    api.delete("/reports/schedules/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, schedules.list(Actor.of(ctx)).map(found -> new JsonObject()
        .put("items", new JsonArray(found.stream().map(ReportSchedules::json).toList()))));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.created(ctx, schedules.requireReporter(actor)
        .compose(member -> schedules.create(actor, schedule(Input.of(ctx))))
        .map(ReportSchedules::json));
  }

  /** The schedule the body asks for; 422 naming every wrong field. */
  private static ReportSchedules.NewSchedule schedule(Input input) {
    String name = input.string("name", true, 200);
    String report = input.string("report", true, 30);
    ReportKind kind = report == null ? null : ReportKind.of(report);
    if (report != null && kind == null) {
      input.error("report", "must be one of " + String.join(", ", ReportKind.names()));
    }
    String groupBy = input.string("group_by", false, 10);
    ReportGroup group = groupBy == null ? (kind == null ? null : kind.defaultGroup) : ReportGroup.of(groupBy);
    if (groupBy != null && group == null) {
      input.error("group_by", "must be one of " + String.join(", ", ReportGroup.names()));
    }
    Integer queueId = input.integer("queue_id", false);
    String frequency = input.string("frequency", true, 10);
    if (frequency != null && !ReportSchedule.FREQUENCIES.contains(frequency)) {
      input.error("frequency", "must be weekly or monthly");
    }
    String format = input.has("format") ? input.string("format", true, 4) : "csv";
    if (format != null && !List.of("csv", "xlsx").contains(format)) {
      input.error("format", "must be csv or xlsx");
    }
    List<String> recipients = input.strings("recipients", true, 254);
    if (recipients != null) {
      recipients = recipients.stream().map(String::trim).filter(address -> !address.isEmpty()).distinct().toList();
      if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
        input.error("recipients", "must name 1 to " + MAX_RECIPIENTS + " addresses");
      } else if (!recipients.stream().allMatch(address -> ADDRESS.matcher(address).matches())) {
        input.error("recipients", "must be e-mail addresses such as lead@example.com");
      }
    }
    ZoneId zone = zone(input);
    input.validate();
    return new ReportSchedules.NewSchedule(name.trim(), kind, group, queueId, frequency, format, recipients, zone);
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("[1-9][0-9]{0,17}")) {
      throw Problem.notFound("no report schedule " + id);
    }
    Replies.noContent(ctx, schedules.delete(Actor.of(ctx), Long.parseLong(id)));
  }

  private static ZoneId zone(Input input) {
    String value = input.string("time_zone", false, 64);
    if (value == null) {
      return ZoneOffset.UTC;
    }
    try {
      ZoneId zone = ZoneId.of(value);
      if (!(zone instanceof ZoneOffset) || zone.equals(ZoneOffset.UTC)) {
        return zone;
      }
    } catch (DateTimeException unknown) {
      // not a zone: refused like an offset
    }
    input.error("time_zone", "must be a time zone such as Europe/Berlin");
    return null;
  }
}
