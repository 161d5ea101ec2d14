package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * System addresses (OTRS {@code system_address}): the addresses the help desk writes from. A queue's address with
 * its display name is the From of the mail its agents send; {@code queue_id} is the queue that mail to the address
 * is dispatched to. OTRS keeps the address in {@code value0} and the display name in {@code value1}.
 */
public final class SystemAddressService {

  public record SystemAddress(int id, String email, String displayName, int queueId, String comments,
                              Integer validId, Instant createTime, Instant changeTime) {}

  /** What a create sets and a PATCH (merged over the current address) sets. */
  public record Fields(String email, String displayName, Integer queueId, String comments, int validId) {

    public static Fields read(Input input) {
      Fields fields = new Fields(address(input), input.string("display_name", true, 200),
          input.integer("queue_id", true), input.string("comments", false, 250), Validity.read(input));
      input.validate();
      return fields;
    }

    /** A bare address such as {@code support@example.com}: the display name has a field of its own. */
    private static String address(Input input) {
      String email = input.string("email", true, 200);
      if (email == null) {
        return null;
      }
      try {
        InternetAddress parsed = new InternetAddress(email, true);
        if (parsed.getPersonal() == null && parsed.getAddress().equals(email) && email.indexOf('@') > 0) {
          return email;
        }
      } catch (AddressException ignored) {
        // answered below
      }
      input.error("email", "must be an e-mail address such as support@example.com");
      return null;
    }

    private Tuple tuple(UUID by) {
      return Tuple.from(new Object[] {email, displayName, queueId, comments, validId, by});
    }
  }

  private static final String SELECT = """
      SELECT a.id, a.value0, a.value1, a.queue_id, a.comments, a.valid_id, a.create_time, a.change_time
        FROM system_address a
      """;

  private static final String INSERT = """
      INSERT INTO system_address (value0, value1, queue_id, comments, valid_id, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $6)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE system_address
         SET value0 = $1, value1 = $2, queue_id = $3, comments = $4, valid_id = $5,
             change_by = $6, change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $7""";

  private final Pool pool;
  private final LookupWrites<SystemAddress> writes;

  public SystemAddressService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.writes = new LookupWrites<>(pool, audit, "system_address", "system_address", "system address",
        SystemAddressService::byId, SystemAddress::id, SystemAddressService::notFound);
  }

  public Future<List<SystemAddress>> list(Integer validId) {
    return pool.preparedQuery(SELECT + " WHERE ($1::int IS NULL OR a.valid_id = $1) ORDER BY a.value0, a.id")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, SystemAddressService::toAddress));
  }

  public Future<SystemAddress> get(int id) {
    return byId(pool, id, false);
  }

  public Future<SystemAddress> create(Actor actor, Fields fields) {
    return writes.create(actor, fields.email(), tx -> checkReferences(tx, fields)
        .compose(checked -> tx.preparedQuery(INSERT).execute(fields.tuple(actor.principal().userId()))));
  }

  public Future<SystemAddress> update(Actor actor, int id, JsonObject patch) {
    return writes.update(actor, id, (tx, before) -> {
      Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return checkReferences(tx, fields)
          .compose(checked -> tx.preparedQuery(UPDATE)
              .execute(fields.tuple(actor.principal().userId()).addInteger(id)));
    });
  }

  /** Marks the address invalid; queues keep referring to it, as OTRS does. */
  public Future<Void> invalidate(Actor actor, int id) {
    return writes.invalidate(actor, id);
  }

  private static Future<Void> checkReferences(SqlClient client, Fields fields) {
    return References.requireExisting(client, List.of(
        References.to("queue_id", "queue", "queue", fields.queueId())));
  }

  private static Future<SystemAddress> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE a.id = $1" + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, SystemAddressService::toAddress, () -> notFound(id)));
  }

  private static Problem notFound(int id) {
    return Problem.notFound("system address " + id + " not found");
  }

  private static SystemAddress toAddress(Row row) {
    return new SystemAddress(row.getInteger("id"), row.getString("value0"), row.getString("value1"),
        row.getInteger("queue_id"), row.getString("comments"), row.getInteger("valid_id"),
        Rows.instant(row.getLocalDateTime("create_time")), Rows.instant(row.getLocalDateTime("change_time")));
  }
}
