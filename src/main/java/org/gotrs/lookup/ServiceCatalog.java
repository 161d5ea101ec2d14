package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/** The service catalogue: services in a tree ({@code parent_id}), each offered under some SLAs ({@code service_sla}). */
public final class ServiceCatalog {

  public record Service(int id, String name, Integer parentId, String criticality, String comments, Integer validId,
                        List<Integer> slaIds, Instant createTime, Instant changeTime) {}

  public record Fields(String name, Integer parentId, String criticality, String comments, int validId)
      implements LookupTable.Fields {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), input.integer("parent_id", false),
          input.string("criticality", false, 50), input.string("comments", false, 250), Validity.read(input));
      input.validate();
      return fields;
    }
  }

  /** The linked SLAs come in the same query (an array per row), not one query per service. */
  private static final String SELECT = """
      SELECT s.id, s.name, s.parent_id, s.criticality, s.comments, s.valid_id, s.create_time, s.change_time,
             ARRAY(SELECT ss.sla_id FROM service_sla ss WHERE ss.service_id = s.id ORDER BY ss.sla_id) AS sla_ids
        FROM service s
      """;


  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("name", "parent_id", "criticality", "comments", "valid_id");

  private final Pool pool;
  private final AuditLog audit;
  private final LookupService<Service, Fields> lookup;

  public ServiceCatalog(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
    this.lookup = new LookupService<>(pool, audit, new LookupTable<>("service", "s", SELECT, WRITTEN,
        ServiceCatalog::toService, Fields::read, ServiceCatalog::checkReferences, LookupTable.Visibility.ALL_ROWS,
        "service", "service"));
  }

  /** Reads, and for administrators writes, like every lookup. */
  LookupService<Service, Fields> lookup() {
    return lookup;
  }

  /** Offers the service under the SLA; linking twice changes nothing (and writes no second audit row). */
  public Future<Service> linkSla(Actor actor, int serviceId, int slaId) {
    return pool.withTransaction(tx -> requireBoth(tx, serviceId, slaId)
        .compose(both -> tx.preparedQuery("""
                INSERT INTO service_sla (service_id, sla_id) VALUES ($1, $2)
                ON CONFLICT DO NOTHING
                RETURNING sla_id""")
            .execute(Tuple.of(serviceId, slaId)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
            : audit.record(tx, actor, AuditLog.Entry.success("service.sla_link", "service", serviceId, null,
                Map.of("sla_id", slaId))))
        .compose(recorded -> lookup.byId(tx, serviceId, false)));
  }

  public Future<Void> unlinkSla(Actor actor, int serviceId, int slaId) {
    return pool.withTransaction(tx -> requireBoth(tx, serviceId, slaId)
        .compose(both -> tx.preparedQuery(
                "DELETE FROM service_sla WHERE service_id = $1 AND sla_id = $2 RETURNING sla_id")
            .execute(Tuple.of(serviceId, slaId)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
            : audit.record(tx, actor, AuditLog.Entry.success("service.sla_unlink", "service", serviceId,
                Map.of("sla_id", slaId), null))));
  }

  private Future<Void> requireBoth(SqlClient client, int serviceId, int slaId) {
    return client.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM service WHERE id = $1) AS service,
                   EXISTS (SELECT 1 FROM sla WHERE id = $2) AS sla""")
        .execute(Tuple.of(serviceId, slaId))
        .compose(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean("service")) {
            return Future.failedFuture(lookup.notFound(serviceId));
          }
          if (!row.getBoolean("sla")) {
            return Future.failedFuture(Problem.notFound("SLA " + slaId + " not found"));
          }
          return Future.succeededFuture();
        });
  }

  private static Future<Void> checkReferences(SqlClient client, Integer id, Fields fields) {
    return References.requireExisting(client, List.of(
            References.to("parent_id", "service", "service", fields.parentId())))
        .compose(checked -> Hierarchy.requireNoCycle(client, "service", id, fields.parentId()));
  }

  private static Service toService(Row row) {
    Integer[] slaIds = row.getArrayOfIntegers("sla_ids");
    return new Service(row.getInteger("id"), row.getString("name"), row.getInteger("parent_id"),
        row.getString("criticality"), row.getString("comments"), row.getInteger("valid_id"),
        slaIds == null ? List.of() : Arrays.asList(slaIds),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
