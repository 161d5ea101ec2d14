package org.gotrs.rating;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * How customers found the help they got: the customer who opened a ticket rates it once it is closed, 1 to 5 with a
 * comment, once; agents who may read the ticket and its customers see the rating.
 */
public final class Ratings {

  /** A ticket's rating. */
  public record Rating(long ticketId, int score, String comment, Instant createTime) {}

  /** What a rating says, as the request gave it. */
  public record Given(int score, String comment) {

    /** The longest comment a rating keeps. */
    public static final int MAX_COMMENT = 2000;

    public static Given read(Input input) {
      Integer score = input.integer("score", true);
      if (score != null && !isScore(score)) {
        input.error("score", "must be 1 to 5");
      }
      String comment = input.string("comment", false, MAX_COMMENT);
      input.validate();
      return of(score, comment);
    }

    /** A rating as given anywhere: its score 1 to 5 (see {@link #isScore}), the comment trimmed, blank as none. */
    public static Given of(int score, String comment) {
      return new Given(score, comment == null || comment.isBlank() ? null : comment.strip());
    }

    public static boolean isScore(long score) {
      return score >= 1 && score <= 5;
    }
  }

  private static final String TICKET = """
      SELECT t.customer_user_id, st.type_id AS state_type,
             EXISTS (SELECT 1 FROM ticket_rating r WHERE r.ticket_id = t.id) AS rated
        FROM ticket t JOIN ticket_state st ON st.id = t.ticket_state_id
       WHERE t.id = $1
         FOR NO KEY UPDATE OF t""";

  private static final String INSERT = """
      INSERT INTO ticket_rating (ticket_id, customer_user_id, score, comment) VALUES ($1, $2, $3, $4)
      ON CONFLICT (ticket_id) DO NOTHING
      RETURNING ticket_id, score, comment, create_time""";

  private static final String GET = "SELECT ticket_id, score, comment, create_time FROM ticket_rating WHERE ticket_id = $1";

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;

  public Ratings(Pool pool, Permissions permissions, AuditLog audit) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
  }

  /** The ticket's rating; 404 when it has none or the caller may not read the ticket. */
  Future<Rating> get(Actor actor, long ticketId) {
    return permissions.requireOnTicket(pool, actor.principal(), ticketId, "ro")
        .compose(readable -> pool.preparedQuery(GET).execute(Tuple.of(ticketId)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.notFound("ticket " + ticketId + " has no rating"))
            : Future.succeededFuture(rating(rows.iterator().next())));
  }

  /**
   * The customer who opened the ticket rates it: 409 before it is closed and after it was rated; 403 for anyone
   * else who may read it (a colleague at the same company, an agent). The body is read only once the caller may rate.
   */
  Future<Rating> rate(Actor actor, long ticketId, Supplier<Given> given) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(readable -> pool.withTransaction(tx -> tx.preparedQuery(TICKET).execute(Tuple.of(ticketId))
            .compose(rows -> {
              Row ticket = rows.iterator().next();
              if (!principal.isCustomer() || !principal.customerUserId().equals(ticket.getUUID("customer_user_id"))) {
                return Future.failedFuture(Problem.forbidden("only the customer who opened the ticket rates it"));
              }
              if (ticket.getInteger("state_type") != StateType.CLOSED.id()) {
                return Future.failedFuture(Problem.conflict("a ticket is rated once it is closed"));
              }
              if (ticket.getBoolean("rated")) {
                return Future.failedFuture(Problem.conflict("this ticket is rated already"));
              }
              return insert(tx, actor, ticketId, given.get());
            })));
  }

  private Future<Rating> insert(SqlClient tx, Actor actor, long ticketId, Given given) {
    return record(tx, actor, ticketId, actor.principal().customerUserId(), given.score(), given.comment());
  }

  /**
   * Writes a rating of the ticket in the caller's transaction, for whoever the caller has checked may give it (the
   * visitor of a chat that ended); 409 when the ticket is rated already.
   */
  public Future<Rating> record(SqlClient tx, Actor actor, long ticketId, UUID customerUserId, int score,
                               String comment) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(ticketId, customerUserId, score, comment))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.conflict("this ticket is rated already"))
            : Future.succeededFuture(rating(rows.iterator().next())))
        .compose(rating -> audit.record(tx, actor, AuditLog.Entry.success("ticket.rate", "ticket", ticketId, null,
            Map.of("score", rating.score()))).map(rating));
  }

  private static Rating rating(Row row) {
    return new Rating(row.getLong("ticket_id"), row.getInteger("score"), row.getString("comment"),
        row.getLocalDateTime("create_time").toInstant(ZoneOffset.UTC));
  }

  static JsonObject json(Rating rating) {
    return new JsonObject().put("ticket_id", rating.ticketId()).put("score", rating.score())
        .put("comment", rating.comment()).put("create_time", rating.createTime().toString());
  }
}
