package org.gotrs;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.article.ArticleService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.audit.AuditLog;
import org.gotrs.config.Config;
import org.gotrs.escalation.EscalationAlerts;
import org.gotrs.escalation.EscalationTimer;
import org.gotrs.events.DomainEvents;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;
import org.gotrs.retention.RetentionRoutes;
import org.gotrs.retention.RetentionRunner;
import org.gotrs.retention.RetentionService;
import org.gotrs.scheduler.Job;
import org.gotrs.scheduler.LockTimeouts;
import org.gotrs.scheduler.PendingTickets;
import org.gotrs.scheduler.Scheduler;
import org.gotrs.scheduler.SchedulerJobs;
import org.gotrs.scheduler.SchedulerRoutes;
import org.gotrs.scheduler.SqlJob;
import org.gotrs.ticket.TicketAutomation;
import org.gotrs.history.TicketHistory;
import org.gotrs.workflow.Notifier;
import org.gotrs.workflow.TimeWorkflows;
import org.gotrs.workflow.WorkflowEvents;
import org.gotrs.workflow.WorkflowRoutes;
import org.gotrs.workflow.WorkflowRunner;
import org.gotrs.workflow.WorkflowService;

/**
 * The work the server does by itself, wired together: escalation alerts fired on time, the scheduler's jobs
 * (pending tickets, maintenance, retention, time-triggered workflows) and event-triggered workflows.
 */
final class Automation {

  private final Config config;
  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final MeterRegistry registry;
  private final DomainEvents events;
  private final TicketHistory history;
  private final TicketAutomation tickets;
  private final WorkflowRunner workflowRunner;
  private final RetentionRunner retention;
  private final List<Routes> routes;
  private final Map<Job, Duration> jobs;
  /** Jobs other features bring: the directory sync, the scheduled reports. */
  private final List<Job> featureJobs;

  Automation(Config config, Vertx vertx, Pool pool, Clock clock, MeterRegistry registry, DomainEvents events,
             TicketHistory history, TicketAutomation tickets, ArticleService articles, AttachmentStore attachments,
             AuditLog audit, Permissions permissions, java.util.function.IntSupplier maxDepth, List<Job> featureJobs) {
    this.config = config;
    this.featureJobs = List.copyOf(featureJobs);
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.registry = registry;
    this.events = events;
    this.history = history;
    this.tickets = tickets;
    Notifier notifier = new Notifier(vertx, config.workflows(), config.smtp());
    this.workflowRunner = new WorkflowRunner(pool, tickets, articles, events, history, notifier, clock,
        maxDepth);
    this.retention = new RetentionRunner(pool, audit, tickets, attachments, clock);
    this.jobs = jobs();
    Map<String, Duration> intervals = new LinkedHashMap<>();
    jobs.forEach((job, interval) -> intervals.put(job.name(), interval));
    this.routes = List.of(
        new SchedulerRoutes(new SchedulerJobs(vertx, pool, intervals, config.scheduler().enabled(), clock), audit, pool,
            permissions),
        new WorkflowRoutes(new WorkflowService(pool, audit, tickets, clock, notifier.mailConfigured()), workflowRunner,
            pool, permissions),
        new RetentionRoutes(new RetentionService(pool, audit, clock), retention, permissions, clock));
  }

  /** The API of these features. */
  List<Routes> routes() {
    return routes;
  }

  /**
   * Starts the timers and the scheduler; call once the schema is migrated.
   *
   * @param lockConnection where the scheduler opens the connection holding its job locks
   */
  Future<Void> start(PgConnectOptions lockConnection) {
    Future<String> timer = vertx.deployVerticle(new EscalationTimer(new EscalationAlerts(pool, events, history), clock))
        .compose(deployed -> vertx.deployVerticle(new WorkflowEvents(pool, workflowRunner)));
    if (!config.scheduler().enabled()) {
      return timer.mapEmpty();
    }
    return timer.compose(deployed -> vertx.deployVerticle(new Scheduler(pool, lockConnection, clock, registry, jobs)))
        .mapEmpty();
  }

  private Map<Job, Duration> jobs() {
    Config.Scheduler intervals = config.scheduler();
    List<Job> jobs = new java.util.ArrayList<>(List.of(
        new PendingTickets(pool, tickets, events),
        new LockTimeouts(pool, tickets, events),
        new TimeWorkflows(pool, workflowRunner),
        retention,
        SqlJob.of("cleanup_old_sessions", pool, "SELECT cleanup_old_sessions()", "SELECT purge_expired_customer_tokens()",
            "DELETE FROM scheduler_job_run WHERE started_at < (now() AT TIME ZONE 'UTC') - interval '7 days'"),
        SqlJob.of("archive_old_tickets", pool, "SELECT archive_old_tickets()"),
        SqlJob.of("refresh_ticket_statistics", pool, "SELECT refresh_ticket_statistics()"),
        SqlJob.of("create_audit_log_partitions", pool, "SELECT create_audit_log_partitions(3)")));
    jobs.addAll(featureJobs);
    Map<Job, Duration> scheduled = new LinkedHashMap<>();
    jobs.forEach(job -> scheduled.put(job, intervals.interval(job.name())));
    return scheduled;
  }
}
