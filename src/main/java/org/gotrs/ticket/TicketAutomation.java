package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * Ticket changes the system makes on its own (workflows, pending states running out, retention). They act
 * as OTRS's system user (root, UserID 1 in OTRS), are validated like an agent's PATCH and leave the same
 * history, audit rows and events, but are not limited by an agent's permissions.
 */
public final class TicketAutomation {

  /** The built-in admin {@code root@localhost}; history and audit rows of system changes name it. */
  public static final UUID SYSTEM_USER = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final TicketService tickets;
  private final TicketUpdate update;
  private final TicketLookups lookups = new TicketLookups();

  TicketAutomation(TicketService tickets, TicketUpdate update) {
    this.tickets = tickets;
    this.update = update;
  }

  /** The system acting for a reason ({@code workflow}, {@code pending}, {@code retention}), as the audit shows it. */
  public static Actor actor(String reason) {
    Principal system = new Principal(Principal.Kind.AGENT, SYSTEM_USER, null, null, "root@localhost", null, null, true,
        Set.of());
    return new Actor(system, null, "gotrs " + reason);
  }

  /**
   * Applies a change written like a PATCH body ({@code {"state":"closed successful"}}, {@code {"tags":[...]}},
   * {@code {"custom_fields":{...}}}) in the caller's transaction; a 422 {@link Problem} when it is not valid.
   */
  public Future<Ticket> change(SqlClient tx, String reason, long ticketId, JsonObject patch) {
    return change(tx, reason, ticketId, patch, null);
  }

  /**
   * The same change made for an agent who asked for it (a workflow they ran on the ticket): each field needs that
   * agent's permission key ({@link TicketField}), as their own PATCH would; a 403 {@link Problem} when they lack one.
   * The change is still written as the system. {@code onBehalfOf} null: the system's own change, not checked.
   */
  public Future<Ticket> change(SqlClient tx, String reason, long ticketId, JsonObject patch, Principal onBehalfOf) {
    return apply(tx, actor(reason), ticketId, patch, onBehalfOf);
  }

  /**
   * The same change written as {@code actor}, whose right to make it the caller has checked already (the agent who
   * accepts a chat owns its ticket): history, audit and notifications name that agent, not the system.
   */
  public Future<Ticket> changeAs(SqlClient tx, Actor actor, long ticketId, JsonObject patch) {
    return apply(tx, actor, ticketId, patch, null);
  }

  private Future<Ticket> apply(SqlClient tx, Actor actor, long ticketId, JsonObject patch, Principal checkedFor) {
    TicketChanges changes;
    try {
      changes = TicketInput.changes(patch);
    } catch (Problem invalid) {
      return Future.failedFuture(invalid);
    }
    return update.updateBySystem(tx, actor, ticketId, changes, checkedFor);
  }

  /** The ticket, locked for the rest of the caller's transaction; 404 if there is none. */
  public Future<Ticket> lock(SqlClient tx, long ticketId) {
    return tx.preparedQuery("SELECT id FROM ticket WHERE id = $1 FOR NO KEY UPDATE").execute(Tuple.of(ticketId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("ticket " + ticketId + " not found"))
            : TicketService.find(tx, ticketId));
  }

  public Future<Ticket> find(SqlClient client, long ticketId) {
    return TicketService.find(client, ticketId);
  }

  /** What a PATCH body names that does not exist (a state, queue, priority, type or owner), without applying it. */
  public Future<List<Problem.FieldError>> problems(SqlClient client, JsonObject patch) {
    TicketLookups.Wanted wanted = TicketInput.wanted(patch);
    return lookups.resolve(client, wanted, null, null).map(resolved -> TicketLookups.missing(wanted, resolved));
  }

  /** Deletes the ticket with everything that hangs on it, as an admin's DELETE does. */
  public Future<Void> delete(String reason, long ticketId) {
    return tickets.delete(actor(reason), ticketId);
  }
}
