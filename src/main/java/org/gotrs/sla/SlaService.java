package org.gotrs.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.db.Rows;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Actor;

/** SLAs: response, update and solution times in minutes, warnings at a percentage of them, over working time. */
public final class SlaService {

  public record Sla(int id, String name, String calendarName, Integer firstResponseTime, Integer firstResponseNotify,
                    Integer updateTime, Integer updateNotify, Integer solutionTime, Integer solutionNotify,
                    Integer escalationLevels, JsonObject businessHours, JsonArray holidays, String comments,
                    Integer validId, List<Integer> serviceIds, Instant createTime, Instant changeTime) {}

  public record Fields(String name, String calendarName, Integer firstResponseTime, Integer firstResponseNotify,
                       Integer updateTime, Integer updateNotify, Integer solutionTime, Integer solutionNotify,
                       int escalationLevels, JsonObject businessHours, JsonArray holidays, String comments,
                       int validId) {

    public static Fields read(Input input) {
      JsonObject businessHours = input.object("business_hours", false);
      JsonArray holidays = input.array("holidays", false);
      BusinessHoursSpec.problems(businessHours, holidays).forEach(error -> input.error(error.field(), error.message()));
      Fields fields = new Fields(
          input.string("name", true, 200),
          input.string("calendar_name", false, 100),
          minutes(input, "first_response_time"),
          percent(input, "first_response_notify"),
          minutes(input, "update_time"),
          percent(input, "update_notify"),
          minutes(input, "solution_time"),
          percent(input, "solution_notify"),
          escalationLevels(input),
          businessHours == null ? new JsonObject() : businessHours,
          holidays == null ? new JsonArray() : holidays,
          input.string("comments", false, 250),
          Validity.read(input));
      input.validate();
      return fields;
    }

    private static Integer minutes(Input input, String field) {
      Integer minutes = input.integer(field, false);
      if (minutes != null && minutes < 0) {
        input.error(field, "must be a number of minutes, 0 or more");
      }
      return minutes;
    }

    private static Integer percent(Input input, String field) {
      Integer percent = input.integer(field, false);
      if (percent != null && (percent < 0 || percent > 100)) {
        input.error(field, "must be a percentage from 0 to 100");
      }
      return percent;
    }

    private static int escalationLevels(Input input) {
      Integer levels = input.integer("escalation_levels", false);
      if (levels != null && (levels < 1 || levels > 10)) {
        input.error("escalation_levels", "must be from 1 to 10");
      }
      return levels == null ? 3 : levels;
    }

    private Tuple tuple(UUID by) {
      return Tuple.from(new Object[] {name, calendarName, firstResponseTime, firstResponseNotify, updateTime,
          updateNotify, solutionTime, solutionNotify, escalationLevels, businessHours, holidays, comments, validId, by});
    }
  }

  /** The services offering each SLA come in the same query (an array per row). */
  private static final String SELECT = """
      SELECT s.id, s.name, s.calendar_name, s.first_response_time, s.first_response_notify, s.update_time,
             s.update_notify, s.solution_time, s.solution_notify, s.escalation_levels, s.business_hours, s.holidays,
             s.comments, s.valid_id, s.create_time, s.change_time,
             ARRAY(SELECT ss.service_id FROM service_sla ss WHERE ss.sla_id = s.id ORDER BY ss.service_id) AS service_ids
        FROM sla s
      """;

  private static final String INSERT = """
      INSERT INTO sla (name, calendar_name, first_response_time, first_response_notify, update_time, update_notify,
                       solution_time, solution_notify, escalation_levels, business_hours, holidays, comments, valid_id,
                       create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE sla
         SET name = $1, calendar_name = $2, first_response_time = $3, first_response_notify = $4, update_time = $5,
             update_notify = $6, solution_time = $7, solution_notify = $8, escalation_levels = $9,
             business_hours = $10, holidays = $11, comments = $12, valid_id = $13,
             change_by = $14, change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $15""";

  private final Pool pool;
  private final AuditLog audit;
  private final IntConsumer changed;

  /** @param changed told the id of each SLA that changed, once the change committed (its tickets' deadlines move) */
  public SlaService(Pool pool, AuditLog audit, IntConsumer changed) {
    this.pool = pool;
    this.audit = audit;
    this.changed = changed;
  }

  public Future<List<Sla>> list(Integer validId) {
    return pool.preparedQuery(SELECT + " WHERE ($1::int IS NULL OR s.valid_id = $1) ORDER BY s.name, s.id")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, SlaService::toSla));
  }

  public Future<Sla> get(int id) {
    return byId(pool, id, false);
  }

  public Future<Sla> create(Actor actor, Fields fields) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(fields.tuple(actor.principal().userId()))
            .compose(rows -> byId(tx, rows.iterator().next().getInteger("id"), false))
            .compose(sla -> audit.record(tx, actor, AuditLog.Entry.success("sla.create", "sla", sla.id(), null,
                Rows.json(sla).getMap())).map(sla)))
        .recover(Rows.duplicate("an SLA named '" + fields.name() + "' already exists"));
  }

  public Future<Sla> update(Actor actor, int id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
          Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
          return tx.preparedQuery(UPDATE).execute(fields.tuple(actor.principal().userId()).addInteger(id))
              .compose(updated -> byId(tx, id, false))
              .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("sla.update", "sla", id,
                  Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
        }))
        .recover(Rows.duplicate("another SLA has this name"))
        .onSuccess(after -> changed.accept(id));
  }

  /** Marks the SLA invalid: tickets, queues and their history keep referring to it. */
  public Future<Void> invalidate(Actor actor, int id) {
    return pool.withTransaction(tx -> Validity.invalidate(tx, "sla", id, actor.principal().userId(), () -> notFound(id))
        .compose(before -> audit.record(tx, actor, AuditLog.Entry.success("sla.delete", "sla", id,
            Map.of("valid_id", before), Map.of("valid_id", Validity.INVALID)))));
  }

  private static Future<Sla> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE s.id = $1" + (forUpdate ? " FOR UPDATE OF s" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, SlaService::toSla, () -> notFound(id)));
  }

  private static Problem notFound(int id) {
    return Problem.notFound("SLA " + id + " not found");
  }

  private static Sla toSla(Row row) {
    Integer[] serviceIds = row.getArrayOfIntegers("service_ids");
    Object businessHours = row.getValue("business_hours");
    Object holidays = row.getValue("holidays");
    return new Sla(row.getInteger("id"), row.getString("name"), row.getString("calendar_name"),
        row.getInteger("first_response_time"), row.getInteger("first_response_notify"), row.getInteger("update_time"),
        row.getInteger("update_notify"), row.getInteger("solution_time"), row.getInteger("solution_notify"),
        row.getInteger("escalation_levels"),
        businessHours instanceof JsonObject object ? object : new JsonObject(),
        holidays instanceof JsonArray array ? array : new JsonArray(),
        row.getString("comments"), row.getInteger("valid_id"),
        serviceIds == null ? List.of() : Arrays.asList(serviceIds),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
