package org.gotrs.workflow;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.db.Rows;
import org.gotrs.permission.Actor;
import org.gotrs.ticket.TicketAutomation;

/** Workflows: create, read, change, delete, and the history of their runs. */
public final class WorkflowService {

  /** A row of {@code workflow_history}: one run, what started it and what it did. */
  public record Run(UUID id, UUID workflowId, Long ticketId, String status, String trigger, Long eventSeq,
                    Instant startedAt, Instant completedAt, String errorMessage, JsonArray actionsTaken) {

    static Run from(Row row) {
      Object taken = row.getValue("actions_taken");
      return new Run(row.getUUID("id"), row.getUUID("workflow_id"), row.getLong("ticket_id"), row.getString("status"),
          row.getString("trigger"), row.getLong("event_seq"), Rows.instant(row, "started_at"),
          Rows.instant(row, "completed_at"), row.getString("error_message"),
          taken instanceof JsonArray array ? array : new JsonArray());
    }
  }

  private static final String SELECT = "SELECT " + Workflow.COLUMNS + " FROM workflows";

  private static final String INSERT = """
      INSERT INTO workflows (name, description, trigger_type, trigger_config, conditions, actions, enabled, valid_id,
                             execution_order, next_run)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE workflows
         SET name = $1, description = $2, trigger_type = $3, trigger_config = $4, conditions = $5, actions = $6,
             enabled = $7, valid_id = $8, execution_order = $9, next_run = $10,
             updated_at = (now() AT TIME ZONE 'UTC')
       WHERE id = $11""";

  private final Pool pool;
  private final AuditLog audit;
  private final TicketAutomation tickets;
  private final Clock clock;
  private final boolean mailConfigured;

  public WorkflowService(Pool pool, AuditLog audit, TicketAutomation tickets, Clock clock, boolean mailConfigured) {
    this.pool = pool;
    this.audit = audit;
    this.tickets = tickets;
    this.clock = clock;
    this.mailConfigured = mailConfigured;
  }

  WorkflowInput read(Input input) {
    return WorkflowInput.read(input, mailConfigured);
  }

  public Future<List<Workflow>> list(Boolean enabled, String triggerType) {
    return pool.preparedQuery(SELECT + " " + """
             WHERE ($1::boolean IS NULL OR enabled = $1) AND ($2::text IS NULL OR trigger_type = $2)
             ORDER BY execution_order, name""")
        .execute(Tuple.of(enabled, triggerType))
        .map(rows -> Rows.all(rows, Workflow::from));
  }

  public Future<Workflow> get(UUID id) {
    return byId(pool, id, false);
  }

  Future<Workflow> create(Actor actor, WorkflowInput fields) {
    return pool.withTransaction(tx -> checkReferences(tx, fields)
            .compose(checked -> tx.preparedQuery(INSERT).execute(tuple(fields)))
            .compose(rows -> byId(tx, rows.iterator().next().getUUID("id"), false))
            .compose(workflow -> audit.record(tx, actor, AuditLog.Entry.success("workflow.create", "workflow",
                workflow.id(), null, Rows.json(workflow).getMap())).map(workflow)))
        .recover(Rows.duplicate("a workflow named '" + fields.name() + "' already exists"));
  }

  /** A workflow as it would be saved, checked like a save but stored nowhere: what a dry run of a draft runs. */
  Future<Workflow> draft(WorkflowInput fields) {
    return checkReferences(pool, fields).map(checked -> Workflow.draft(fields));
  }

  Future<Workflow> update(Actor actor, UUID id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
          WorkflowInput fields = read(Input.of(Rows.json(before).mergeIn(patch)));
          return checkReferences(tx, fields)
              .compose(checked -> tx.preparedQuery(UPDATE).execute(tuple(fields).addUUID(id)))
              .compose(updated -> byId(tx, id, false))
              .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("workflow.update", "workflow", id,
                  Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
        }))
        .recover(Rows.duplicate("another workflow has this name"));
  }

  /** Deletes the workflow and its run history. */
  Future<Void> delete(Actor actor, UUID id) {
    return pool.withTransaction(tx -> byId(tx, id, true)
        .compose(before -> tx.preparedQuery("DELETE FROM workflows WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("workflow.delete", "workflow", id,
                Rows.json(before).getMap(), null)))));
  }

  /** The newest runs first. */
  Future<List<Run>> history(UUID id, int limit) {
    return byId(pool, id, false).compose(workflow -> pool.preparedQuery("""
            SELECT id, workflow_id, ticket_id, status, trigger, event_seq, started_at, completed_at, error_message,
                   actions_taken
              FROM workflow_history
             WHERE workflow_id = $1
             ORDER BY started_at DESC, id
             LIMIT $2""").execute(Tuple.of(id, limit)))
        .map(rows -> Rows.all(rows, Run::from));
  }

  static Future<Workflow> byId(SqlClient client, UUID id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE id = $1" + (forUpdate ? " FOR UPDATE" : "")).execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, Workflow::from, () -> Problem.notFound("workflow " + id + " not found")));
  }

  private Tuple tuple(WorkflowInput fields) {
    LocalDateTime nextRun = null;
    if ("time".equals(fields.triggerType())) {
      nextRun = CronSchedule.parse(fields.triggerConfig().getString("schedule"))
          .next(clock.instant(), java.time.ZoneId.of(fields.triggerConfig().getString("timezone", "UTC")))
          .map(next -> LocalDateTime.ofInstant(next, ZoneOffset.UTC)).orElse(null);
    }
    return Tuple.from(new Object[] {fields.name(), fields.description(), fields.triggerType(), fields.triggerConfig(),
        fields.conditions(), fields.actions(), fields.enabled(), fields.validId(), fields.executionOrder(), nextRun});
  }

  /** What the actions name must exist: states, priorities, queues, types, agents, custom fields. */
  private Future<Void> checkReferences(SqlClient client, WorkflowInput fields) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Future<Void> checked = Future.succeededFuture();
    for (int i = 0; i < fields.parsedActions().size(); i++) {
      Action action = fields.parsedActions().get(i);
      String path = "actions[" + i + "]";
      if (Action.TICKET_FIELDS.contains(action.type())) {
        checked = checked.compose(ok -> tickets.problems(client, action.patch()).map(problems -> {
          problems.forEach(problem -> errors.add(new Problem.FieldError(path + ".value", problem.message())));
          return null;
        }));
      } else if (action.type().equals("set_owner")) {
        checked = checked.compose(ok -> WorkflowRunner.agentId(client, action.config().getValue("value")).map(agent -> {
          if (agent == null) {
            errors.add(new Problem.FieldError(path + ".value", "names no valid agent"));
          }
          return null;
        }));
      } else if (action.type().equals("set_custom_field")) {
        checked = checked.compose(ok -> client.preparedQuery("""
                SELECT 1 FROM custom_field_definitions WHERE object_type = 'ticket' AND field_name = $1""")
            .execute(Tuple.of(action.config().getString("field"))).map(rows -> {
              if (rows.size() == 0) {
                errors.add(new Problem.FieldError(path + ".field", "names no ticket custom field"));
              }
              return null;
            }));
      }
    }
    return checked.compose(done -> errors.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(Problem.invalid(errors)));
  }
}
