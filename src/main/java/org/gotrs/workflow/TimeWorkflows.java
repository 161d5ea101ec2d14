package org.gotrs.workflow;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.scheduler.Job;
import org.gotrs.ticket.Ticket;

/**
 * Time-triggered workflows, run by the scheduler: a workflow whose cron schedule has come due runs on every
 * open (new, open or pending) ticket its conditions match, up to its {@code max_tickets}. Claiming the schedule
 * (moving {@code next_run} on with a conditional update) makes each scheduled run happen once.
 */
public final class TimeWorkflows implements Job {

  private static final int PAGE = 200;

  private static final String DUE = "SELECT " + Workflow.COLUMNS + """
       FROM workflows
      WHERE trigger_type = 'time' AND enabled AND valid_id = 1 AND next_run <= $1
      ORDER BY execution_order, name""";

  private static final String OPEN_TICKETS = Ticket.SELECT + """
       WHERE t.ticket_state_id IN (SELECT s.id FROM ticket_state s WHERE s.type_id IN (1, 2, 3)) AND t.id > $1
       ORDER BY t.id
       LIMIT $2""";

  private final Pool pool;
  private final WorkflowRunner runner;

  public TimeWorkflows(Pool pool, WorkflowRunner runner) {
    this.pool = pool;
    this.runner = runner;
  }

  @Override
  public String name() {
    return "time_workflows";
  }

  @Override
  public Future<String> run(Instant now) {
    return pool.preparedQuery(DUE).execute(Tuple.of(utc(now))).compose(rows -> {
      List<Workflow> due = new ArrayList<>();
      rows.forEach(row -> due.add(Workflow.from(row)));
      Future<Integer> runs = Future.succeededFuture(0);
      for (Workflow workflow : due) {
        runs = runs.compose(count -> claim(workflow, now).compose(claimed -> claimed
            ? overTickets(workflow, workflow.compiled(), 0, 0).map(matched -> count + matched)
            : Future.succeededFuture(count)));
      }
      return runs.map(count -> due.size() + " workflow(s) due, " + count + " run(s)");
    });
  }

  /** Moves the schedule on; false when another node already did. */
  private Future<Boolean> claim(Workflow workflow, Instant now) {
    Workflow.Compiled compiled = workflow.compiled();
    LocalDateTime next = compiled.schedule().next(now, compiled.zone()).map(TimeWorkflows::utc).orElse(null);
    return pool.preparedQuery("UPDATE workflows SET next_run = $2 WHERE id = $1 AND next_run = $3 RETURNING id")
        .execute(Tuple.of(workflow.id(), next, utc(workflow.nextRun())))
        .map(rows -> rows.size() > 0);
  }

  /** Pages through the open tickets, running the workflow on each match, until max_tickets runs. */
  private Future<Integer> overTickets(Workflow workflow, Workflow.Compiled compiled, long after, int ran) {
    return pool.preparedQuery(OPEN_TICKETS).execute(Tuple.of(after, PAGE)).compose(rows -> {
      List<Long> matching = new ArrayList<>();
      long last = after;
      for (var row : rows) {
        Ticket ticket = Ticket.from(row);
        last = ticket.id();
        if (compiled.condition().test(new Condition.Facts(ticket.toJson(), "time", null, java.util.Set.of(), true))) {
          matching.add(ticket.id());
        }
      }
      Future<Integer> done = Future.succeededFuture(ran);
      for (long ticketId : matching) {
        done = done.compose(count -> count >= compiled.maxTickets() ? Future.succeededFuture(count)
            : pool.withTransaction(tx -> runner.run(tx, workflow, ticketId, WorkflowRunner.Trigger.time(), true, false))
                .compose(runner::notifyAfterCommit)
                .map(outcome -> outcome.matched() ? count + 1 : count)
                .otherwise(count));
      }
      long next = last;
      return done.compose(count -> rows.size() < PAGE || count >= compiled.maxTickets()
          ? Future.succeededFuture(count) : overTickets(workflow, compiled, next, count));
    });
  }

  private static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
