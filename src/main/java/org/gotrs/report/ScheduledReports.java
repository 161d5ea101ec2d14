package org.gotrs.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.gotrs.http.ExportFormat;
import org.gotrs.http.Problem;
import org.gotrs.http.Table;
import org.gotrs.http.TableEncoder;
import org.gotrs.mail.MailQueue;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;
import org.gotrs.scheduler.Job;

/**
 * The scheduler's job {@code scheduled_reports}: each due schedule's report, run as its owner (who must still be in the
 * group {@code stats}), goes to its recipients through the mail outbox with the CSV or XLSX attached; the mail and the
 * next run are written in one transaction, so a run is sent once.
 */
public final class ScheduledReports implements Job {

  private static final int BATCH = 20;

  private final Pool pool;
  private final Reports reports;
  private final ReportSchedules schedules;

  public ScheduledReports(Pool pool, Reports reports, ReportSchedules schedules) {
    this.pool = pool;
    this.reports = reports;
    this.schedules = schedules;
  }

  @Override
  public String name() {
    return "scheduled_reports";
  }

  @Override
  public Future<String> run(Instant now) {
    return schedules.due(now, BATCH).compose(due -> {
      Future<Integer> sent = Future.succeededFuture(0);
      for (ReportSchedules.Due one : due) {
        sent = sent.compose(count -> send(one, now).map(mailed -> count + (mailed ? 1 : 0)));
      }
      return sent.map(count -> count + " of " + due.size() + " due report(s) sent");
    });
  }

  /** One due schedule: its mail queued, or the reason it was not noted on it; either way its next run set. */
  private Future<Boolean> send(ReportSchedules.Due due, Instant now) {
    ReportSchedule schedule = due.schedule();
    LocalDate[] period = ReportSchedule.period(schedule.frequency(), schedule.zone(), schedule.nextRunAt());
    Principal owner = new Principal(Principal.Kind.AGENT, schedule.ownerId(), null, null, due.ownerLogin(), null, null,
        false, Set.of());
    Reports.Request request = new Reports.Request(ReportKind.of(schedule.report()), ReportGroup.of(schedule.groupBy()),
        period[0], period[1], schedule.queueId(), null, schedule.zone());
    return reports.run(new Actor(owner, null, "gotrs-scheduled-reports"), request)
        .compose(answer -> pool.withTransaction(tx -> MailQueue.enqueue(tx, mail(schedule, period),
                List.of(attachment(schedule, period, answer.table())))
            .compose(queued -> ReportSchedules.ran(tx, schedule, now, "sent to " + schedule.recipients().size()
                + " recipient(s)"))).map(true))
        .recover(failure -> failure instanceof Problem refused
            ? pool.withTransaction(tx -> ReportSchedules.ran(tx, schedule, now, "not sent: " + refused.getMessage()))
                .map(false)
            : Future.failedFuture(failure));
  }

  private static MailQueue.Message mail(ReportSchedule schedule, LocalDate[] period) {
    String subject = "%s: %s report, %s to %s".formatted(schedule.name(), schedule.report(), period[0], period[1]);
    String body = """
        The %s report from %s to %s (%s), by %s%s, is attached as %s.

        It is sent %s to %s at the request of an agent of your help desk; they can stop it on the Reports page.
        """.formatted(schedule.report(), period[0], period[1], schedule.zone().getId(), schedule.groupBy(),
        schedule.queueId() == null ? "" : ", queue " + schedule.queueId(), filename(schedule, period),
        schedule.frequency(), String.join(", ", schedule.recipients()));
    return new MailQueue.Message(null, "report:" + schedule.id(), String.join(", ", schedule.recipients()), subject,
        body, true);
  }

  private static MailQueue.Attachment attachment(ReportSchedule schedule, LocalDate[] period, Table table) {
    ExportFormat format = schedule.format().equals("xlsx") ? ExportFormat.XLSX : ExportFormat.CSV;
    return new MailQueue.Attachment(filename(schedule, period), format.contentType,
        TableEncoder.file(format, schedule.report(), table).getBytes());
  }

  private static String filename(ReportSchedule schedule, LocalDate[] period) {
    return "%s-%s-%s-%s.%s".formatted(schedule.report(), schedule.groupBy(), period[0], period[1], schedule.format());
  }
}
