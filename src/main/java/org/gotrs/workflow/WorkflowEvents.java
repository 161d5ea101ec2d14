package org.gotrs.workflow;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.events.EventRelay;
import org.gotrs.events.SingleFlight;
import org.gotrs.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-triggered workflows. Committed events are read from the event log after a cursor, one event per
 * transaction, and the cursor moves in the transaction that makes the workflows' changes, so each event is
 * acted on exactly once across the cluster (nodes take the cursor row with SKIP LOCKED; the one holding it
 * works, the others wait for the next event). Events are taken in commit order, as the live stream has them.
 */
public final class WorkflowEvents extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowEvents.class);
  private static final long POLL_MS = 5_000;

  private static final String ACTIVE = "SELECT " + Workflow.COLUMNS + """
       FROM workflows
      WHERE trigger_type = 'event' AND enabled AND valid_id = 1""";

  /**
   * The active event workflows, each row carrying the next event one of them listens to and the newest event. One
   * statement, so one snapshot: a workflow saved before an event was written is always among those that see it.
   */
  private static final String NEXT = "WITH active AS (" + ACTIVE + """
      ),
      log AS (
        SELECT (SELECT seq FROM event_log
                 WHERE seq > $1
                   AND name IN (SELECT jsonb_array_elements_text(trigger_config -> 'events') FROM active)
                 ORDER BY seq LIMIT 1) AS next_seq,
               (SELECT max(seq) FROM event_log) AS max_seq)
      SELECT log.next_seq, log.max_seq, active.*
        FROM log LEFT JOIN active ON true
       ORDER BY active.execution_order, active.name""";

  private final Pool pool;
  private final WorkflowRunner runner;
  /** Works through the events waiting, one at a time, while there are any. */
  private final SingleFlight drain = new SingleFlight(this::step);

  public WorkflowEvents(Pool pool, WorkflowRunner runner) {
    this.pool = pool;
    this.runner = runner;
  }

  @Override
  public Future<?> start() {
    EventRelay.listen(vertx, WorkflowInput.EVENTS, event -> drain.run());
    vertx.setPeriodic(POLL_MS, id -> drain.run());
    drain.run();
    return Future.succeededFuture();
  }

  /** Handles the next event if this node holds the cursor; true when one was handled. */
  private Future<Boolean> step() {
    List<WorkflowRunner.Outcome> outcomes = new ArrayList<>();
    return pool.withTransaction(tx -> tx.query("SELECT last_seq FROM workflow_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED")
            .execute()
            .compose(cursor -> cursor.size() == 0 ? Future.succeededFuture(false)
                : next(tx, cursor.iterator().next().getLong("last_seq"), outcomes)))
        .compose(handled -> {
          Future<Void> sent = Future.succeededFuture();
          for (WorkflowRunner.Outcome outcome : outcomes) {
            sent = sent.compose(previous -> runner.notifyAfterCommit(outcome).mapEmpty());
          }
          return sent.map(handled);
        })
        .onFailure(failure -> LOG.warn("workflow events: {}", failure.getMessage()));
  }

  private Future<Boolean> next(SqlClient tx, long last, List<WorkflowRunner.Outcome> outcomes) {
    return tx.preparedQuery(NEXT).execute(Tuple.of(last)).compose(rows -> {
      List<Workflow> workflows = new ArrayList<>();
      Long next = null;
      Long newest = null;
      for (Row row : rows) {
        next = row.getLong("next_seq");
        newest = row.getLong("max_seq");
        if (row.getUUID("id") != null) {
          workflows.add(Workflow.from(row));
        }
      }
      if (next == null) {
        return advance(tx, newest == null ? last : Math.max(last, newest)).map(false);
      }
      long seq = next;
      return tx.preparedQuery("SELECT seq, name, data FROM event_log WHERE seq = $1").execute(Tuple.of(seq))
          .compose(event -> handle(tx, event.iterator().next(), workflows, outcomes))
          .compose(handled -> advance(tx, seq))
          .map(true);
    });
  }

  private Future<Void> advance(SqlClient tx, long seq) {
    return tx.preparedQuery("UPDATE workflow_cursor SET last_seq = $1 WHERE id = 1").execute(Tuple.of(seq)).mapEmpty();
  }

  /** Runs every workflow listening to the event on its ticket, in execution order, each under its own savepoint. */
  private Future<Void> handle(SqlClient tx, Row event, List<Workflow> workflows, List<WorkflowRunner.Outcome> outcomes) {
    String name = event.getString("name");
    JsonObject data = event.getValue("data") instanceof JsonObject object ? object : new JsonObject();
    Long ticketId = ticketOf(data);
    if (ticketId == null) {
      return Future.succeededFuture();
    }
    WorkflowRunner.Trigger trigger = WorkflowRunner.Trigger.event(event.getLong("seq"), name, data);
    JsonArray chain = trigger.chain();
    Future<Void> done = Future.succeededFuture();
    for (Workflow workflow : workflows) {
      if (!workflow.compiled().events().contains(name) || chain.contains(workflow.id().toString())) {
        continue;  // not listening, or its own change (directly or through others)
      }
      done = done.compose(previous -> tx.query("SAVEPOINT workflow_run").execute()
          .compose(saved -> runner.run(tx, workflow, ticketId, trigger, true, false))
          .compose(outcome -> tx.query("RELEASE SAVEPOINT workflow_run").execute().map(outcome))
          .map(outcome -> {
            outcomes.add(outcome);
            return (Void) null;
          })
          .recover(failure -> tx.query("ROLLBACK TO SAVEPOINT workflow_run").execute().map(undone -> {
            if (!(failure instanceof Problem problem && problem.status() == 404)) {
              LOG.warn("workflow {} failed on ticket {}: {}", workflow.name(), ticketId, failure.getMessage());
            }
            return null;
          })));
    }
    return done;
  }

  private static Long ticketOf(JsonObject data) {
    if (data.getValue("ticket") instanceof JsonObject ticket && ticket.getValue("id") instanceof Number id) {
      return id.longValue();
    }
    return data.getValue("ticket_id") instanceof Number id ? id.longValue() : null;
  }
}
