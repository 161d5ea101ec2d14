package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.List;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;

/**
 * {@code /system-addresses}: the addresses the help desk writes from (OTRS {@code system_address}). A queue's
 * address with its display name is the From of the mail its agents send; {@code queue_id} is the queue that mail
 * to the address is dispatched to. OTRS keeps the address in {@code value0} and the display name in {@code value1}.
 * Agents read them; administrators manage them, and DELETE marks one invalid: queues keep referring to it.
 */
public final class SystemAddresses {

  public record SystemAddress(int id, String email, String displayName, int queueId, String comments,
                              Integer validId, Instant createTime, Instant changeTime) {}

  public record Fields(String email, String displayName, Integer queueId, String comments, int validId)
      implements LookupTable.Fields {

    public static Fields read(Input input) {
      Fields fields = new Fields(address(input), input.string("display_name", true, 200),
          input.integer("queue_id", true), input.string("comments", false, 250), Validity.read(input));
      input.validate();
      return fields;
    }

    /** An address is named by itself: a clash is reported with it. */
    @Override
    public String name() {
      return email;
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
  }

  private static final String SELECT = """
      SELECT a.id, a.value0, a.value1, a.queue_id, a.comments, a.valid_id, a.create_time, a.change_time
        FROM system_address a
      """;

  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("value0", "value1", "queue_id", "comments", "valid_id");

  static final LookupTable<SystemAddress, Fields> TABLE = new LookupTable<>("system_address", "a", SELECT, WRITTEN,
      SystemAddresses::toAddress, Fields::read, SystemAddresses::checkReferences, LookupTable.Visibility.ALL_ROWS,
      "system_address", "system address", "value0");

  private SystemAddresses() {}

  private static Future<Void> checkReferences(SqlClient client, Integer id, Fields fields) {
    return References.requireExisting(client, List.of(
        References.to("queue_id", "queue", "queue", fields.queueId())));
  }

  private static SystemAddress toAddress(Row row) {
    return new SystemAddress(row.getInteger("id"), row.getString("value0"), row.getString("value1"),
        row.getInteger("queue_id"), row.getString("comments"), row.getInteger("valid_id"),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
