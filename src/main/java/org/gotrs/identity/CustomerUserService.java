package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.Actor;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.http.Problem;

/**
 * Customer users (OTRS's {@code customer_user}): the people who log in to the customer side, each belonging to
 * an existing customer company. Passwords are hashed like agents' and never leave the table.
 */
public final class CustomerUserService {

  public record CustomerUser(UUID id, String login, String email, String customerId, String title, String firstName,
                             String lastName, String phone, String mobile, String street, String zip, String city,
                             String country, Integer validId, String language, String timezone, String avatarUrl,
                             Instant lastLogin, Object preferences, Instant createTime, UUID createBy,
                             Instant changeTime, UUID changeBy) {}

  static final Set<String> EDITABLE = Set.of("login", "email", "customer_id", "title", "first_name", "last_name",
      "phone", "mobile", "street", "zip", "city", "country", "valid_id", "language", "timezone", "avatar_url",
      "preferences");

  private static final String COLUMNS = """
      id, login, email, customer_id, title, first_name, last_name, phone, mobile, street, zip, city, country,
      valid_id, language, timezone, avatar_url, last_login, preferences, create_time, create_by, change_time, change_by
      """;

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;

  public CustomerUserService(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
  }

  /** A page ordered by login; {@code customerId} narrows it to one company's users. */
  public Future<Page<CustomerUser>> list(ListQuery query, String customerId) {
    return pool.preparedQuery("SELECT " + COLUMNS + """
            FROM customer_user
             WHERE ($1::text IS NULL OR login > $1)
               AND ($2::text IS NULL OR login ILIKE $2 OR email ILIKE $2
                    OR concat_ws(' ', first_name, last_name) ILIKE $2)
               AND ($3::int IS NULL OR valid_id = $3)
               AND ($4::text IS NULL OR customer_id = $4)
             ORDER BY login
             LIMIT $5""")
        .execute(Tuple.of(query.after(), query.containsPattern(), query.validId(), customerId, query.limit() + 1))
        .map(rows -> Page.of(Rows.list(rows, CustomerUserService::toCustomerUser), query.limit(), CustomerUser::login));
  }

  public Future<CustomerUser> get(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM customer_user WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.single(rows, CustomerUserService::toCustomerUser, () -> notFound(id)));
  }

  /** Creates the customer user; a {@code customer_id} naming no company is a 422 (the foreign key decides). */
  public Future<CustomerUser> create(Actor actor, Map<String, Object> columns, String password) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    return hash(password).compose(hash -> pool.withTransaction(tx -> {
          Map<String, Object> row = new LinkedHashMap<>(columns);
          row.put("password_hash", hash);
          row.put("create_by", actor.principal().userId());
          row.put("change_by", actor.principal().userId());
          return tx.preparedQuery("INSERT INTO customer_user (" + String.join(", ", row.keySet()) + ") VALUES ("
                  + Columns.placeholders(row.size()) + ") RETURNING " + COLUMNS)
              .execute(Tuple.from(new ArrayList<>(row.values())))
              .map(rows -> toCustomerUser(rows.iterator().next()))
              .compose(user -> audit.record(tx, actor, AuditLog.Entry.success("customer_user.create", "customer_user",
                  user.id(), null, UserService.auditValues(columns, password))).map(user));
        }))
        .recover(Constraints::explain);
  }

  /** Changes the given columns; a new password ends the customer user's sessions. */
  public Future<CustomerUser> update(Actor actor, UUID id, Map<String, Object> columns, String password) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    if (columns.isEmpty() && password == null) {
      return get(id);
    }
    return hash(password).compose(hash -> pool.withTransaction(tx -> tx
            .preparedQuery("SELECT " + COLUMNS + " FROM customer_user WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .map(rows -> Rows.single(rows, row -> row, () -> notFound(id)))
            .compose(old -> {
              Map<String, Object> set = new LinkedHashMap<>(columns);
              if (hash != null) {
                set.put("password_hash", hash);
                set.put("pw", null);
              }
              set.put("change_by", actor.principal().userId());
              List<Object> parameters = new ArrayList<>();
              parameters.add(id);
              parameters.addAll(set.values());
              return tx.preparedQuery("UPDATE customer_user SET " + Columns.assignments(set.keySet(), 2)
                      + ", change_time = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING " + COLUMNS)
                  .execute(Tuple.from(parameters))
                  .map(rows -> toCustomerUser(rows.iterator().next()))
                  .compose(user -> (hash == null ? Future.<Void>succeededFuture() : endSessions(tx, id))
                      .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success("customer_user.update",
                          "customer_user", id, Rows.values(old, columns.keySet()),
                          UserService.auditValues(columns, password))))
                      .map(user));
            })))
        .recover(Constraints::explain);
  }

  /** Sets {@code valid_id = 2} and ends the customer user's sessions; their tickets keep referring to them. */
  public Future<Void> invalidate(Actor actor, UUID id) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH old AS (SELECT id, valid_id FROM customer_user WHERE id = $1 FOR UPDATE)
                UPDATE customer_user c SET valid_id = 2, change_time = now() AT TIME ZONE 'UTC', change_by = $2
                  FROM old WHERE c.id = old.id
             RETURNING old.valid_id""")
        .execute(Tuple.of(id, actor.principal().userId()))
        .map(rows -> Rows.single(rows, row -> row.getInteger("valid_id"), () -> notFound(id)))
        .compose(oldValid -> endSessions(tx, id)
            .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success("customer_user.invalidate",
                "customer_user", id, Map.of("valid_id", oldValid == null ? 1 : oldValid), Map.of("valid_id", 2))))));
  }

  private static Future<Void> endSessions(SqlClient tx, UUID id) {
    return tx.preparedQuery("DELETE FROM sessions WHERE customer_user_id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  private Future<String> hash(String password) {
    return password == null ? Future.succeededFuture() : vertx.executeBlocking(() -> hasher.hash(password));
  }

  static Problem notFound(UUID id) {
    return Problem.notFound("customer user " + id + " not found");
  }

  private static CustomerUser toCustomerUser(Row row) {
    return new CustomerUser(row.getUUID("id"), row.getString("login"), row.getString("email"),
        row.getString("customer_id"), row.getString("title"), row.getString("first_name"), row.getString("last_name"),
        row.getString("phone"), row.getString("mobile"), row.getString("street"), row.getString("zip"),
        row.getString("city"), row.getString("country"), row.getInteger("valid_id"), row.getString("language"),
        row.getString("timezone"), row.getString("avatar_url"), Rows.instant(row, "last_login"),
        row.getValue("preferences"), Rows.instant(row, "create_time"), row.getUUID("create_by"),
        Rows.instant(row, "change_time"), row.getUUID("change_by"));
  }
}
