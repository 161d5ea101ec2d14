package org.gotrs.identity;

import io.vertx.core.Future;
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
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/** Customer companies (OTRS's {@code customer_company}), keyed by their {@code customer_id} text. */
public final class CustomerCompanyService {

  public record Company(String customerId, String name, String street, String zip, String city, String country,
                        String url, String comments, Integer validId, String parentId, String industry, String size,
                        Integer slaId, Object metadata, Instant createTime, UUID createBy, Instant changeTime,
                        UUID changeBy) {}

  static final Set<String> EDITABLE = Set.of("customer_id", "name", "street", "zip", "city", "country", "url",
      "comments", "valid_id", "parent_id", "industry", "size", "sla_id", "metadata");

  private static final String COLUMNS = """
      customer_id, name, street, zip, city, country, url, comments, valid_id, parent_id, industry, size, sla_id,
      metadata, create_time, create_by, change_time, change_by
      """;

  private final Pool pool;
  private final AuditLog audit;

  public CustomerCompanyService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<Page<Company>> list(ListQuery query) {
    return pool.preparedQuery("SELECT " + COLUMNS + """
            FROM customer_company
             WHERE ($1::text IS NULL OR customer_id > $1)
               AND ($2::text IS NULL OR customer_id ILIKE $2 OR name ILIKE $2)
               AND ($3::int IS NULL OR valid_id = $3)
             ORDER BY customer_id
             LIMIT $4""")
        .execute(Tuple.of(query.after(), query.containsPattern(), query.validId(), query.limit() + 1))
        .map(rows -> Page.of(Rows.all(rows, CustomerCompanyService::toCompany), query.limit(), Company::customerId));
  }

  public Future<Company> get(String customerId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM customer_company WHERE customer_id = $1")
        .execute(Tuple.of(customerId))
        .map(rows -> Rows.one(rows, CustomerCompanyService::toCompany, () -> notFound(customerId)));
  }

  public Future<Company> create(Actor actor, Map<String, Object> columns) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    if (columns.get("parent_id") != null && columns.get("parent_id").equals(columns.get("customer_id"))) {
      return Future.failedFuture(Problem.invalid("parent_id", "a company cannot be its own parent"));
    }
    Map<String, Object> row = new LinkedHashMap<>(columns);
    row.put("create_by", actor.principal().userId());
    row.put("change_by", actor.principal().userId());
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO customer_company (" + String.join(", ", row.keySet())
                + ") VALUES (" + Columns.placeholders(row.size()) + ") RETURNING " + COLUMNS)
            .execute(Tuple.from(new ArrayList<>(row.values())))
            .map(rows -> toCompany(rows.iterator().next()))
            .compose(company -> audit.record(tx, actor, AuditLog.Entry.success("customer_company.create",
                "customer_company", company.customerId(), null, columns)).map(company)))
        .recover(Constraints::explain);
  }

  /** Changes the given columns; {@code customer_id} itself is the key and stays. */
  public Future<Company> update(Actor actor, String customerId, Map<String, Object> columns) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    if (columns.containsKey("customer_id")) {
      throw new IllegalArgumentException("customer_id is the key and cannot be changed");
    }
    if (columns.isEmpty()) {
      return get(customerId);
    }
    Map<String, Object> set = new LinkedHashMap<>(columns);
    set.put("change_by", actor.principal().userId());
    List<Object> parameters = new ArrayList<>();
    parameters.add(customerId);
    parameters.addAll(set.values());
    return pool.withTransaction(tx -> tx
            .preparedQuery("SELECT " + COLUMNS + " FROM customer_company WHERE customer_id = $1 FOR UPDATE")
            .execute(Tuple.of(customerId))
            .map(rows -> Rows.one(rows, row -> row, () -> notFound(customerId)))
            .compose(old -> checkParent(tx, customerId, columns.get("parent_id"))
                .compose(checked -> tx.preparedQuery("UPDATE customer_company SET "
                        + Columns.assignments(set.keySet(), 2)
                        + ", change_time = now() AT TIME ZONE 'UTC' WHERE customer_id = $1 RETURNING " + COLUMNS)
                    .execute(Tuple.from(parameters)))
                .map(rows -> toCompany(rows.iterator().next()))
                .compose(company -> audit.record(tx, actor, AuditLog.Entry.success("customer_company.update",
                    "customer_company", customerId, Rows.values(old, columns.keySet()), columns)).map(company))))
        .recover(Constraints::explain);
  }

  /** Sets {@code valid_id = 2}: tickets and customer users keep referring to the company, as in OTRS. */
  public Future<Void> invalidate(Actor actor, String customerId) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH old AS (SELECT customer_id, valid_id FROM customer_company WHERE customer_id = $1 FOR UPDATE)
                UPDATE customer_company c SET valid_id = 2, change_time = now() AT TIME ZONE 'UTC', change_by = $2
                  FROM old WHERE c.customer_id = old.customer_id
             RETURNING old.valid_id""")
        .execute(Tuple.of(customerId, actor.principal().userId()))
        .map(rows -> Rows.one(rows, row -> row.getInteger("valid_id"), () -> notFound(customerId)))
        .compose(oldValid -> audit.record(tx, actor, AuditLog.Entry.success("customer_company.invalidate",
            "customer_company", customerId, Map.of("valid_id", oldValid == null ? 1 : oldValid),
            Map.of("valid_id", 2)))));
  }

  /** A parent company must exist (the foreign key says so) and must not be the company or one below it. */
  private static Future<Void> checkParent(SqlClient tx, String customerId, Object parent) {
    if (parent == null) {
      return Future.succeededFuture();
    }
    return tx.query("SELECT pg_advisory_xact_lock(hashtext('gotrs.customer_company.tree'))").execute()
        .compose(locked -> tx.preparedQuery("""
                WITH RECURSIVE ancestors AS (
                    SELECT customer_id, parent_id FROM customer_company WHERE customer_id = $1
                    UNION
                    SELECT c.customer_id, c.parent_id FROM customer_company c JOIN ancestors a ON c.customer_id = a.parent_id
                )
                SELECT coalesce(bool_or(customer_id = $2), false) AS cycle FROM ancestors""")
            .execute(Tuple.of(parent, customerId)))
        .compose(rows -> rows.iterator().next().getBoolean("cycle")
            ? Future.failedFuture(Problem.invalid("parent_id", "is this company or one below it; that would make a cycle"))
            : Future.succeededFuture());
  }

  static Problem notFound(String customerId) {
    return Problem.notFound("customer company " + customerId + " not found");
  }

  private static Company toCompany(Row row) {
    return new Company(row.getString("customer_id"), row.getString("name"), row.getString("street"),
        row.getString("zip"), row.getString("city"), row.getString("country"), row.getString("url"),
        row.getString("comments"), row.getInteger("valid_id"), row.getString("parent_id"), row.getString("industry"),
        row.getString("size"), row.getInteger("sla_id"), row.getValue("metadata"), Rows.instant(row, "create_time"),
        row.getUUID("create_by"), Rows.instant(row, "change_time"), row.getUUID("change_by"));
  }
}
