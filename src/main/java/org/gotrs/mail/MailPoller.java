package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the mailboxes that are due, on every node. A session-level advisory lock per mailbox makes one node
 * poll it at a time; a node that dies releases it with its connection. A poll fetches a batch, imports the
 * messages one by one in order, and only then deletes those that are stored (or kept as failed) — so a crash
 * in between leaves them in the mailbox, and the ledger recognises them next time.
 */
public final class MailPoller extends VerticleBase {

  /** What one poll did. */
  public record PollResult(int fetched, int imported, int duplicates, int dropped, int failed, int leftInMailbox) {

    static final PollResult SKIPPED = new PollResult(0, 0, 0, 0, 0, 0);
  }

  private static final Logger LOG = LoggerFactory.getLogger(MailPoller.class);
  /** First key of the two-key advisory lock on a mailbox; the second is the account id. */
  private static final int MAILBOX_LOCK = 7400701;

  private final Pool pool;
  private final MailAccountService accounts;
  private final MailImport importer;
  private final WorkerExecutor worker;
  private final Config.Mail config;
  private boolean ticking;

  MailPoller(Pool pool, MailAccountService accounts, MailImport importer, WorkerExecutor worker, Config.Mail config) {
    this.pool = pool;
    this.accounts = accounts;
    this.importer = importer;
    this.worker = worker;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(config.schedulerMillis(), id -> tick());
    return Future.succeededFuture();
  }

  /** Polls every due mailbox that no other node is polling; one tick at a time. */
  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    accounts.due()
        .compose(due -> Future.join(due.stream().map(id -> poll(id, false)).toList()))
        .onFailure(failure -> LOG.debug("mail poll tick failed: {}", failure.getMessage()))
        .onComplete(done -> ticking = false);
  }

  /** Polls the mailbox now (an administrator's "check mail"), waiting for a poll on another node to end. */
  Future<PollResult> pollNow(int accountId) {
    return poll(accountId, true);
  }

  private Future<PollResult> poll(int accountId, boolean now) {
    return pool.withConnection(connection -> lock(connection, accountId, now).compose(locked -> !locked
        ? Future.succeededFuture(PollResult.SKIPPED)
        : accounts.startPoll(connection, accountId, now)
            .compose(account -> account == null
                ? (now ? Future.<PollResult>failedFuture(Problem.conflict("mail account " + accountId
                    + " is not valid")) : Future.succeededFuture(PollResult.SKIPPED))
                : pollLocked(account))
            .eventually(() -> connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)")
                .execute(Tuple.of(MAILBOX_LOCK, accountId)))));
  }

  private static Future<Boolean> lock(SqlConnection connection, int accountId, boolean wait) {
    String sql = wait ? "SELECT pg_advisory_lock($1, $2) IS NOT NULL" : "SELECT pg_try_advisory_lock($1, $2)";
    return connection.preparedQuery(sql).execute(Tuple.of(MAILBOX_LOCK, accountId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private Future<PollResult> pollLocked(MailAccount.Connection account) {
    return worker.executeBlocking(() -> RemoteMailbox.open(account, config.timeoutSeconds()), false)
        .compose(mailbox -> worker.executeBlocking(() -> mailbox.fetch(config.batchSize()), false)
            .compose(fetched -> importAll(account, fetched))
            .compose(imported -> worker.executeBlocking(() -> {
              mailbox.delete(imported.deletable());
              mailbox.close();
              return imported.result();
            }, false))
            .onFailure(failure -> worker.executeBlocking(() -> {
              closeQuietly(mailbox);
              return null;
            }, false)))
        .compose(result -> accounts.finishPoll(account.id(), null).map(result),
            failure -> {
              LOG.warn("cannot poll mailbox {}: {}", account, failure.toString());
              return accounts.finishPoll(account.id(), failure.toString()).transform(ignored ->
                  Future.failedFuture(Problem.unavailable("the mailbox cannot be polled: " + failure.getMessage())));
            });
  }

  private record Imported(PollResult result, List<Integer> deletable) {}

  /** Imports in mailbox order, one after the other, so a follow-up never overtakes its ticket. */
  private Future<Imported> importAll(MailAccount.Connection account, List<RemoteMailbox.Fetched> fetched) {
    int[] counts = new int[MailImport.Outcome.values().length];
    List<Integer> deletable = new ArrayList<>();
    Future<Void> done = Future.succeededFuture();
    for (RemoteMailbox.Fetched message : fetched) {
      done = done.compose(previous -> importer.importMessage(account, message.raw())
          .map(outcome -> {
            counts[outcome.ordinal()]++;
            deletable.add(message.number());
            return (Void) null;
          })
          .recover(failure -> {
            LOG.warn("message {} stays in mailbox {}: {}", message.number(), account, failure.toString());
            return Future.succeededFuture();
          }));
    }
    return done.map(all -> new Imported(new PollResult(fetched.size(), counts[MailImport.Outcome.IMPORTED.ordinal()],
        counts[MailImport.Outcome.DUPLICATE.ordinal()], counts[MailImport.Outcome.DROPPED.ordinal()],
        counts[MailImport.Outcome.FAILED.ordinal()], fetched.size() - deletable.size()), deletable));
  }

  private static void closeQuietly(RemoteMailbox mailbox) {
    try {
      mailbox.close();
    } catch (Exception e) {
      LOG.debug("closing the mailbox failed: {}", e.getMessage());
    }
  }
}
