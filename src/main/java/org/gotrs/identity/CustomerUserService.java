package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.auth.SessionCache;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

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

  private final Pool pool;
  private final Accounts<CustomerUser> accounts;

  public CustomerUserService(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit, SessionCache sessions) {
    this.pool = pool;
    this.accounts = new Accounts<>(vertx, pool, hasher, audit, sessions, new Accounts.Kind<>("customer_user", "customer_user",
        COLUMNS, EDITABLE, "customer_user_id", Map.of(), CustomerUserService::toCustomerUser, CustomerUser::id,
        CustomerUserService::notFound));
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
        .map(rows -> Page.of(Rows.all(rows, CustomerUserService::toCustomerUser), query.limit(), CustomerUser::login));
  }

  public Future<CustomerUser> get(UUID id) {
    return accounts.get(id);
  }

  /** Creates the customer user; a {@code customer_id} naming no company is a 422 (the foreign key decides). */
  public Future<CustomerUser> create(Actor actor, Map<String, Object> columns, String password) {
    return accounts.create(actor, columns, password);
  }

  /** Changes the given columns; a new password ends the customer user's sessions. */
  public Future<CustomerUser> update(Actor actor, UUID id, Map<String, Object> columns, String password) {
    return accounts.update(actor, id, columns, password);
  }

  /** Sets {@code valid_id = 2} and ends the customer user's sessions; their tickets keep referring to them. */
  public Future<Void> invalidate(Actor actor, UUID id) {
    return accounts.invalidate(actor, id);
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
