package org.gotrs.history;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Columns derived from a ticket and its articles (the escalation index), rebuilt inside every transaction
 * that creates or changes a ticket or adds an article to it: after the change and its history are written,
 * before the ticket is read back for the answer and the event. The ticket row is locked by then.
 */
@FunctionalInterface
public interface TicketWriteHook {

  TicketWriteHook NONE = (tx, ticketId) -> Future.succeededFuture();

  Future<Void> ticketWritten(SqlClient tx, long ticketId);
}
