package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the deadlines of many tickets at once, when something they all depend on changed (an SLA's times,
 * business hours or holidays): the open tickets under it, 200 per transaction, locked in id order.
 */
public final class EscalationRebuild {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationRebuild.class);
  private static final int BATCH = 200;

  private static final String OPEN_TICKETS_OF_SLA = """
      SELECT t.id
        FROM ticket t
        JOIN ticket_state s ON s.id = t.ticket_state_id
        LEFT JOIN queue q ON q.id = t.queue_id
       WHERE coalesce(t.sla_id, q.sla_id) = $1 AND s.type_id IN (1, 2, 3) AND t.id > $2
       ORDER BY t.id
       LIMIT $3
         FOR UPDATE OF t""";

  private final Pool pool;
  private final EscalationIndex index;

  public EscalationRebuild(Pool pool, EscalationIndex index) {
    this.pool = pool;
    this.index = index;
  }

  /** Starts rebuilding the tickets of an SLA that was just changed; the change's answer does not wait for it. */
  public void slaChanged(int slaId) {
    ticketsOfSla(slaId)
        .onSuccess(count -> LOG.info("deadlines of {} open ticket(s) under SLA {} rebuilt", count, slaId))
        .onFailure(failure -> LOG.warn("cannot rebuild the deadlines under SLA {}: {}", slaId, failure.getMessage()));
  }

  /** Every open ticket taking this SLA, its own or its queue's; the answer is how many were rebuilt. */
  public Future<Integer> ticketsOfSla(int slaId) {
    return batch(slaId, 0, 0);
  }

  private Future<Integer> batch(int slaId, long after, int done) {
    return pool.withTransaction(tx -> tx.preparedQuery(OPEN_TICKETS_OF_SLA).execute(Tuple.of(slaId, after, BATCH))
            .compose(rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getLong("id")));
              Future<Void> rebuilt = Future.succeededFuture();
              for (long id : ids) {
                rebuilt = rebuilt.compose(previous -> index.ticketWritten(tx, id));
              }
              return rebuilt.map(ids);
            }))
        .compose(ids -> ids.size() < BATCH ? Future.succeededFuture(done + ids.size())
            : batch(slaId, ids.get(ids.size() - 1), done + ids.size()));
  }
}
