package org.gotrs.templates;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;

/**
 * The values of the OTRS tags for one ticket and the agent writing (README, "OTRS tags"): the ticket, its customer
 * user, its owner and responsible agent, the current agent, and a few settings that are safe to show a customer. Read
 * in one query; handed to {@link OtrsTags#fill}. A tag whose value is missing (a ticket without a service) is filled
 * with nothing; {@code <OTRS_CONFIG_...>} keys outside the safe list are not known and so stay as written.
 */
public final class TicketTags {

  private static final String SQL = """
      SELECT t.id, t.tn, t.title, t.customer_id, q.name AS queue, s.name AS state, p.name AS priority,
             ty.name AS type, sv.name AS service, sl.name AS sla,
             cu.login AS customer_login, cu.email AS customer_email, cu.first_name AS customer_first_name,
             cu.last_name AS customer_last_name, cu.title AS customer_title,
             o.login AS owner_login, o.email AS owner_email, o.first_name AS owner_first_name,
             o.last_name AS owner_last_name,
             r.login AS responsible_login, r.email AS responsible_email, r.first_name AS responsible_first_name,
             r.last_name AS responsible_last_name,
             c.login AS current_login, c.email AS current_email, c.first_name AS current_first_name,
             c.last_name AS current_last_name,
             lc.from_address AS customer_from, lc.subject AS customer_subject
        FROM ticket t
        LEFT JOIN queue q ON q.id = t.queue_id
        LEFT JOIN ticket_state s ON s.id = t.ticket_state_id
        LEFT JOIN ticket_priority p ON p.id = t.ticket_priority_id
        LEFT JOIN ticket_type ty ON ty.id = t.type_id
        LEFT JOIN service sv ON sv.id = t.service_id
        LEFT JOIN sla sl ON sl.id = t.sla_id
        LEFT JOIN customer_user cu ON cu.id = t.customer_user_id
        LEFT JOIN users o ON o.id = t.user_id
        LEFT JOIN users r ON r.id = t.responsible_user_id
        LEFT JOIN users c ON c.id = $2
        LEFT JOIN LATERAL (
          SELECT a.from_address, a.subject FROM article a
           WHERE a.ticket_id = t.id AND a.article_sender_type_id = 3
           ORDER BY a.id DESC LIMIT 1) lc ON TRUE
       WHERE t.id = $1""";

  private final Map<String, String> settings;

  /** @param settings the {@code OTRS_CONFIG_*} values, see {@link #settings(Config)} */
  public TicketTags(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  /**
   * The settings a template may show: the product name, the system id and where the server is reached
   * ({@code http.public_url}). Nothing else, so a template cannot print a password or a path.
   */
  public static Map<String, String> settings(Config config) {
    URI url = URI.create(config.http().publicUrl());
    String host = url.getHost() == null ? "localhost" : url.getHost();
    return Map.of(
        "OTRS_CONFIG_PRODUCTNAME", "GOTRS",
        "OTRS_CONFIG_SYSTEMID", config.systemId() == null ? "" : config.systemId(),
        "OTRS_CONFIG_HTTPTYPE", url.getScheme() == null ? "http" : url.getScheme(),
        "OTRS_CONFIG_FQDN", url.getPort() > 0 ? host + ":" + url.getPort() : host,
        "OTRS_CONFIG_PUBLICURL", config.http().publicUrl());
  }

  /** The tags' values for the ticket, written by {@code currentAgent}; a 404 when there is no such ticket. */
  public Future<Map<String, String>> of(SqlClient client, long ticketId, UUID currentAgent) {
    return client.preparedQuery(SQL).execute(Tuple.of(ticketId, currentAgent)).map(rows -> {
      if (rows.size() == 0) {
        throw Problem.notFound("ticket " + ticketId + " not found");
      }
      return values(rows.iterator().next());
    });
  }

  private Map<String, String> values(Row row) {
    Map<String, String> values = new HashMap<>(settings);
    put(values, "OTRS_TICKET_TicketNumber", row.getString("tn"));
    put(values, "OTRS_TICKET_TicketID", String.valueOf(row.getLong("id")));
    put(values, "OTRS_TICKET_Title", row.getString("title"));
    put(values, "OTRS_TICKET_Queue", row.getString("queue"));
    put(values, "OTRS_TICKET_State", row.getString("state"));
    put(values, "OTRS_TICKET_Priority", row.getString("priority"));
    put(values, "OTRS_TICKET_Type", row.getString("type"));
    put(values, "OTRS_TICKET_Service", row.getString("service"));
    put(values, "OTRS_TICKET_SLA", row.getString("sla"));
    put(values, "OTRS_TICKET_CustomerID", row.getString("customer_id"));
    put(values, "OTRS_TICKET_CustomerUserID", row.getString("customer_login"));
    put(values, "OTRS_TICKET_Owner", row.getString("owner_login"));
    put(values, "OTRS_TICKET_Responsible", row.getString("responsible_login"));
    customer(values, row);
    agent(values, row, "owner", "OTRS_OWNER_", "OTRS_Agent_");
    agent(values, row, "responsible", "OTRS_RESPONSIBLE_");
    agent(values, row, "current", "OTRS_CURRENT_");
    return values;
  }

  /**
   * The ticket's customer user; without one (mail from an unknown sender) the name and address of the customer's
   * latest message stand in for {@code REALNAME} and {@code Email}.
   */
  private static void customer(Map<String, String> values, Row row) {
    InternetAddress from = address(row.getString("customer_from"));
    String first = row.getString("customer_first_name");
    String last = row.getString("customer_last_name");
    String email = row.getString("customer_email");
    if (email == null && from != null) {
      email = from.getAddress();
    }
    String realName = join(first, last);
    if (realName.isEmpty()) {
      realName = from != null && from.getPersonal() != null ? from.getPersonal() : email == null ? "" : email;
    }
    put(values, "OTRS_CUSTOMER_REALNAME", realName);
    put(values, "OTRS_CUSTOMER_SUBJECT", row.getString("customer_subject"));
    for (String prefix : new String[] {"OTRS_CUSTOMER_", "OTRS_CUSTOMER_DATA_"}) {
      put(values, prefix + "UserFirstname", first);
      put(values, prefix + "UserLastname", last);
      put(values, prefix + "UserTitle", row.getString("customer_title"));
      put(values, prefix + "UserLogin", row.getString("customer_login"));
      put(values, prefix + "UserEmail", email);
      put(values, prefix + "UserCustomerID", row.getString("customer_id"));
    }
    put(values, "OTRS_CUSTOMER_Email", email);
  }

  private static void agent(Map<String, String> values, Row row, String column, String... prefixes) {
    for (String prefix : prefixes) {
      put(values, prefix + "UserFirstname", row.getString(column + "_first_name"));
      put(values, prefix + "UserLastname", row.getString(column + "_last_name"));
      put(values, prefix + "UserFullname", join(row.getString(column + "_first_name"),
          row.getString(column + "_last_name")));
      put(values, prefix + "UserLogin", row.getString(column + "_login"));
      put(values, prefix + "UserEmail", row.getString(column + "_email"));
    }
  }

  private static void put(Map<String, String> values, String tag, String value) {
    values.put(tag.toUpperCase(Locale.ROOT), value == null ? "" : value);
  }

  private static String join(String first, String last) {
    return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
  }

  private static InternetAddress address(String from) {
    if (from == null || from.isBlank()) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parse(from, false);
      return parsed.length == 0 ? null : parsed[0];
    } catch (AddressException e) {
      return null;
    }
  }
}
