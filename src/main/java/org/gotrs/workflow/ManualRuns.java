package org.gotrs.workflow;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.gotrs.permission.Principal;

/**
 * Running a workflow on a ticket on request ({@code POST /workflows/{id}/run}), and trying it without keeping
 * anything ({@code POST /workflows/{id}/dry-run}): the dry run makes the very same changes in a transaction
 * that is then rolled back, so what it reports is exactly what a run would do.
 */
final class ManualRuns {

  /** Carries a dry run's outcome out of the transaction it rolls back. */
  private static final class RolledBack extends RuntimeException {
    private final WorkflowRunner.Outcome outcome;

    RolledBack(WorkflowRunner.Outcome outcome) {
      super("dry run", null, false, false);
      this.outcome = outcome;
    }
  }

  private final Pool pool;
  private final WorkflowRunner runner;

  ManualRuns(Pool pool, WorkflowRunner runner) {
    this.pool = pool;
    this.runner = runner;
  }

  /** Runs it for the agent who asked: its ticket changes need that agent's permission keys. */
  Future<JsonObject> run(Workflow workflow, long ticketId, Principal agent) {
    return pool.withTransaction(tx -> runner.run(tx, workflow, ticketId, WorkflowRunner.Trigger.manual(agent), true,
            true))
        .compose(runner::notifyAfterCommit)
        .map(outcome -> new JsonObject().put("run_id", outcome.runId().toString()).put("workflow_id",
                workflow.id().toString()).put("ticket_id", ticketId).put("status", outcome.status())
            .put("matched", outcome.matched()).put("actions_taken", outcome.actionsTaken())
            .put("ticket", outcome.after().toJson()));
  }

  /** What a run by this agent would do: the changes their permission keys allow, the others as failed actions. */
  Future<JsonObject> dryRun(Workflow workflow, long ticketId, Principal agent) {
    return dryRun(workflow, ticketId, WorkflowRunner.Trigger.manual(agent));
  }

  /**
   * What a workflow not saved yet would do when it runs as it will: an event-triggered one as if its first event
   * had just happened, a timed one as the clock runs it (neither limited by the asking administrator's keys), a
   * manual one as run by the administrator.
   */
  Future<JsonObject> dryRunDraft(Workflow workflow, long ticketId, Principal admin) {
    WorkflowRunner.Trigger trigger = switch (workflow.triggerType()) {
      case "event" -> WorkflowRunner.Trigger.tryOut(workflow.triggerConfig().getJsonArray("events").getString(0));
      case "time" -> WorkflowRunner.Trigger.time();
      default -> WorkflowRunner.Trigger.manual(admin);
    };
    return dryRun(workflow, ticketId, trigger);
  }

  private Future<JsonObject> dryRun(Workflow workflow, long ticketId, WorkflowRunner.Trigger trigger) {
    return pool.<WorkflowRunner.Outcome>withTransaction(tx -> runner.run(tx, workflow, ticketId, trigger, false, false)
            .compose(outcome -> Future.failedFuture(new RolledBack(outcome))))
        .recover(failure -> failure instanceof RolledBack rolledBack ? Future.succeededFuture(rolledBack.outcome)
            : Future.failedFuture(failure))
        .map(outcome -> new JsonObject().put("workflow_id", workflow.id().toString()).put("ticket_id", ticketId)
            .put("matched", outcome.matched()).put("actions", outcome.actionsTaken())
            .put("changes", changes(outcome.before().toJson(), outcome.after().toJson())));
  }

  /** Field by field, what differs: {@code {"priority": {"from": "3 normal", "to": "5 very high"}}}. */
  private static JsonObject changes(JsonObject before, JsonObject after) {
    JsonObject changes = new JsonObject();
    for (String field : after.fieldNames()) {
      Object from = before.getValue(field);
      Object to = after.getValue(field);
      if (!field.equals("change_time") && !java.util.Objects.equals(from, to)) {
        changes.put(field, new JsonObject().put("from", from).put("to", to));
      }
    }
    return changes;
  }
}
