package org.gotrs.workflow;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleService;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.history.TicketHistory;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.Ticket;
import org.gotrs.ticket.TicketAutomation;

/**
 * Runs one workflow on one ticket inside the caller's transaction: locks the ticket, tests the conditions,
 * performs the actions in order (each under a savepoint, so one failing action does not undo the others),
 * writes the run to {@code workflow_history} and counts it. Every event its changes cause carries
 * {@code "cause": {"workflow_id", "chain"}}, which is how a workflow's own changes are kept from triggering it
 * again and how chains of workflows triggering each other are cut at the configured depth. Webhooks and
 * e-mail wait until the run has committed ({@link #notifyAfterCommit}).
 */
public final class WorkflowRunner {

  /**
   * What started a run; {@code chain} lists the workflows whose runs led to it, oldest first. {@code requestedBy}:
   * the agent who ran it by hand, whose permission keys its ticket changes need; null when an event or the clock
   * started it.
   */
  record Trigger(String name, Long eventSeq, JsonObject data, Set<String> changed, boolean everythingChanged,
                 JsonArray chain, Principal requestedBy) {

    static Trigger manual(Principal agent) {
      return new Trigger("manual", null, null, Set.of(), true, new JsonArray(), agent);
    }

    /** The event as a dry run pretends it happened: every field counts as changed, with no event data. */
    static Trigger tryOut(String event) {
      return new Trigger(event, null, new JsonObject(), Set.of(), true, new JsonArray(), null);
    }

    static Trigger time() {
      return new Trigger("time", null, null, Set.of(), true, new JsonArray(), null);
    }

    static Trigger event(long seq, String name, JsonObject data) {
      JsonArray changed = data.getJsonArray("changed", new JsonArray());
      JsonObject cause = data.getJsonObject("cause", new JsonObject());
      return new Trigger(name, seq, data, Set.copyOf(changed.stream().map(String::valueOf).toList()),
          EventName.TICKET_CREATED.wire().equals(name), cause.getJsonArray("chain", new JsonArray()), null);
    }
  }

  /** What a run did; {@code owed} are the notifications still to send once it has committed. */
  record Outcome(UUID runId, String status, boolean matched, JsonArray actionsTaken, List<Owed> owed, Ticket before,
                 Ticket after) {}

  /** A notification owed, and where its result goes in {@code actions_taken}. */
  record Owed(int index, Notifier.Notification notification) {}

  private final Pool pool;
  private final TicketAutomation tickets;
  private final ArticleService articles;
  private final DomainEvents events;
  private final TicketHistory history;
  private final Notifier notifier;
  private final Clock clock;
  private final IntSupplier maxDepth;

  public WorkflowRunner(Pool pool, TicketAutomation tickets, ArticleService articles, DomainEvents events,
                        TicketHistory history, Notifier notifier, Clock clock, IntSupplier maxDepth) {
    this.pool = pool;
    this.tickets = tickets;
    this.articles = articles;
    this.events = events;
    this.history = history;
    this.notifier = notifier;
    this.clock = clock;
    this.maxDepth = maxDepth;
  }

  /**
   * Runs the workflow on the ticket in {@code tx}. A run whose conditions do not hold is recorded only when
   * {@code recordSkipped}; a dry run ({@code record} false) records nothing and sends nothing.
   */
  Future<Outcome> run(SqlClient tx, Workflow workflow, long ticketId, Trigger trigger, boolean record,
                      boolean recordSkipped) {
    Workflow.Compiled compiled = workflow.compiled();
    LocalDateTime started = now();
    UUID runId = UUID.randomUUID();
    return tickets.lock(tx, ticketId).compose(before -> {
      Condition.Facts facts = new Condition.Facts(before.toJson(), trigger.name(), trigger.data(), trigger.changed(),
          trigger.everythingChanged());
      if (!compiled.condition().test(facts)) {
        Outcome skipped = new Outcome(runId, "skipped", false, new JsonArray(), List.of(), before, before);
        return record && recordSkipped
            ? write(tx, workflow, ticketId, trigger, skipped, started, "conditions not met").map(skipped)
            : Future.succeededFuture(skipped);
      }
      if (trigger.chain().size() >= maxDepth.getAsInt()) {
        Outcome stopped = new Outcome(runId, "stopped", true, new JsonArray(), List.of(), before, before);
        return record ? stop(tx, workflow, ticketId, trigger, stopped, started).map(stopped)
            : Future.succeededFuture(stopped);
      }
      JsonArray chain = trigger.chain().copy().add(workflow.id().toString());
      return events.causedBy(tx, new JsonObject().put("workflow_id", workflow.id().toString())
              .put("workflow", workflow.name()).put("run_id", runId.toString()).put("chain", chain))
          .compose(marked -> perform(tx, compiled.actions(), ticketId, trigger.requestedBy(), !record))
          .compose(taken -> tickets.find(tx, ticketId).compose(after -> {
            List<Owed> owed = new ArrayList<>();
            JsonObject payload = new JsonObject().put("run_id", runId.toString())
                .put("workflow", new JsonObject().put("id", workflow.id().toString()).put("name", workflow.name()))
                .put("trigger", trigger.name()).put("event_seq", trigger.eventSeq()).put("ticket", after.toJson());
            for (int i = 0; i < compiled.actions().size(); i++) {
              if (compiled.actions().get(i).notifies() && record) {
                owed.add(new Owed(i, new Notifier.Notification(compiled.actions().get(i), payload)));
              }
            }
            Outcome outcome = new Outcome(runId, status(taken), true, taken, owed, before, after);
            return record ? write(tx, workflow, ticketId, trigger, outcome, started, null).map(outcome)
                : Future.succeededFuture(outcome);
          }));
    });
  }

  /** Performs the actions in order, for the agent who asked if one did; each is undone alone if it fails. */
  private Future<JsonArray> perform(SqlClient tx, List<Action> actions, long ticketId, Principal requestedBy,
                                    boolean dryRun) {
    JsonArray taken = new JsonArray();
    Future<Void> done = Future.succeededFuture();
    for (Action action : actions) {
      done = done.compose(previous -> {
        if (action.notifies()) {
          taken.add(describe(action).put("status", dryRun ? "would_send" : "pending"));
          return Future.succeededFuture();
        }
        return tx.query("SAVEPOINT workflow_action").execute()
            .compose(saved -> perform(tx, action, ticketId, requestedBy))
            .compose(result -> tx.query("RELEASE SAVEPOINT workflow_action").execute().map(result))
            .recover(failure -> tx.query("ROLLBACK TO SAVEPOINT workflow_action").execute()
                .map(undone -> describe(action).put("status", "failed").put("error", String.valueOf(failure.getMessage()))))
            .map(result -> {
              taken.add(result);
              return null;
            });
      });
    }
    return done.map(taken);
  }

  private Future<JsonObject> perform(SqlClient tx, Action action, long ticketId, Principal requestedBy) {
    JsonObject done = describe(action).put("status", "done");
    JsonObject config = action.config();
    return switch (action.type()) {
      case "set_owner" -> agentId(tx, config.getValue("value")).compose(agent -> agent == null
          ? Future.failedFuture("no valid agent " + config.getValue("value"))
          : tickets.change(tx, "workflow", ticketId, new JsonObject().put("user_id", agent.toString()), requestedBy)
              .map(done));
      case "add_tag" -> tickets.find(tx, ticketId).compose(ticket -> {
        if (ticket.tags().contains(config.getString("value"))) {
          return Future.succeededFuture(done.put("status", "unchanged"));
        }
        List<String> tags = new ArrayList<>(ticket.tags());
        tags.add(config.getString("value"));
        return tickets.change(tx, "workflow", ticketId, new JsonObject().put("tags", new JsonArray(tags)), requestedBy)
            .map(done);
      });
      case "add_note" -> {
        boolean internal = config.getBoolean("internal", true);
        ArticleDraft note = new ArticleDraft(internal ? "note-internal" : "note-external", ArticleDraft.SYSTEM,
            "GOTRS workflow", null, null, config.getString("subject", "Workflow note"),
            ArticleBody.of("text/plain", config.getString("body")), internal, null, null, null, 0);
        yield articles.addInTransaction(tx, TicketAutomation.actor("workflow"), ticketId, note)
            .map(article -> done.put("article_id", article.id()));
      }
      default -> tickets.change(tx, "workflow", ticketId, action.patch(), requestedBy).map(done);
    };
  }

  /** How an action shows in {@code actions_taken}: its type and what it names (never a webhook's secret). */
  private static JsonObject describe(Action action) {
    JsonObject shown = new JsonObject().put("type", action.type());
    for (String field : List.of("value", "field", "url", "to", "subject")) {
      if (action.config().containsKey(field)) {
        shown.put(field, action.config().getValue(field));
      }
    }
    return shown;
  }

  /** success when nothing failed, failure when everything that ran failed, partial otherwise. */
  private static String status(JsonArray taken) {
    long failed = 0;
    long ran = 0;
    for (Object entry : taken) {
      String status = ((JsonObject) entry).getString("status");
      if (status.equals("pending") || status.equals("would_send")) {
        continue;
      }
      ran++;
      if (status.equals("failed")) {
        failed++;
      }
    }
    return failed == 0 ? "success" : failed == ran ? "failure" : "partial";
  }

  private Future<Void> write(SqlClient tx, Workflow workflow, long ticketId, Trigger trigger, Outcome outcome,
                             LocalDateTime started, String error) {
    boolean finished = outcome.owed().isEmpty();
    return tx.preparedQuery("""
            INSERT INTO workflow_history (id, workflow_id, ticket_id, status, started_at, completed_at, error_message,
                                          actions_taken, trigger, event_seq)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
        .execute(Tuple.from(new Object[] {outcome.runId(), workflow.id(), ticketId, outcome.status(), started,
            finished ? now() : null, error, outcome.actionsTaken(), trigger.name(), trigger.eventSeq()}))
        .compose(inserted -> outcome.matched()
            ? tx.preparedQuery("""
                  UPDATE workflows SET execution_count = coalesce(execution_count, 0) + 1, last_execution = $2
                   WHERE id = $1""").execute(Tuple.of(workflow.id(), started)).mapEmpty()
            : Future.succeededFuture());
  }

  /** Loop protection: the chain of runs that led here is as long as allowed; the run is recorded, not made. */
  private Future<Void> stop(SqlClient tx, Workflow workflow, long ticketId, Trigger trigger, Outcome outcome,
                            LocalDateTime started) {
    String reason = "loop protection: " + trigger.chain().size() + " workflow runs in a row led here (limit "
        + maxDepth.getAsInt() + ")";
    return write(tx, workflow, ticketId, trigger, new Outcome(outcome.runId(), "stopped", false, new JsonArray(),
            List.of(), outcome.before(), outcome.after()), started, reason)
        .compose(written -> history.record(tx, ticketId, TicketAutomation.SYSTEM_USER, List.of(
            TicketHistory.Change.of("LoopProtection", "%%" + workflow.name() + "%%" + reason, null, workflow.name()))));
  }

  /** After the run committed: sends what it owes and records how that went. */
  Future<Outcome> notifyAfterCommit(Outcome outcome) {
    if (outcome.owed().isEmpty()) {
      return Future.succeededFuture(outcome);
    }
    JsonArray taken = outcome.actionsTaken().copy();
    List<Future<Void>> sent = new ArrayList<>();
    for (Owed owed : outcome.owed()) {
      sent.add(notifier.deliver(owed.notification()).map(result -> {
        taken.set(owed.index(), taken.getJsonObject(owed.index()).mergeIn(result));
        return null;
      }));
    }
    return Future.join(sent).transform(all -> {
      String status = status(taken);
      return pool.preparedQuery("""
              UPDATE workflow_history SET actions_taken = $2, status = $3, completed_at = $4 WHERE id = $1""")
          .execute(Tuple.of(outcome.runId(), taken, status, now()))
          .map(updated -> new Outcome(outcome.runId(), status, true, taken, List.of(), outcome.before(),
              outcome.after()));
    });
  }

  /** An agent named by id or login, if valid. */
  static Future<UUID> agentId(SqlClient client, Object value) {
    String text = String.valueOf(value);
    UUID id = null;
    try {
      id = UUID.fromString(text);
    } catch (IllegalArgumentException notAnId) {
      // a login
    }
    return client.preparedQuery("SELECT id FROM users WHERE valid_id = 1 AND (id = $1 OR ($1 IS NULL AND login = $2))")
        .execute(Tuple.of(id, text))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
