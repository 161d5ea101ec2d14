package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gotrs.customfield.CustomFieldService;
import org.gotrs.customfield.CustomFieldValidator;
import org.gotrs.customfield.Definition;
import org.gotrs.http.Problem;
import org.gotrs.permission.Principal;

/**
 * A ticket's custom field values: validated against the definitions, stored normalised in
 * {@code custom_field_values} and copied into {@code ticket.custom_fields} (GIN-indexed) for filtering and
 * for the ticket JSON. A null value removes the field.
 */
public final class TicketCustomFields {

  /** SQL merging the JSON parameter $n into ticket.custom_fields, dropping keys set to null. */
  static String mergeExpression(int parameter) {
    return "jsonb_strip_nulls(coalesce(custom_fields, '{}'::jsonb) || $" + parameter + "::jsonb)";
  }

  /**
   * The submitted values, checked and normalised; errors are added to {@code errors} (fields named
   * {@code custom_fields.<name>}). On create, required fields must be present.
   */
  Future<JsonObject> validate(SqlClient client, JsonObject submitted, boolean creating, Principal principal,
                              List<Problem.FieldError> errors) {
    if (!creating && (submitted == null || submitted.isEmpty())) {
      return Future.succeededFuture(new JsonObject());
    }
    return visibleDefinitions(client, principal).map(definitions -> {
      var result = CustomFieldValidator.validate(definitions, submitted, creating);
      errors.addAll(result.errors());
      return result.values();
    });
  }

  /** The definitions the principal may see and set: customers only those marked visible for customers. */
  private static Future<List<Definition>> visibleDefinitions(SqlClient client, Principal principal) {
    return CustomFieldService.definitions(client, "ticket").map(definitions -> principal.isCustomer()
        ? definitions.stream().filter(Definition::visibleForCustomer).toList() : definitions);
  }

  /** Upserts the values into custom_field_values; null removes. */
  Future<Void> store(SqlClient tx, long ticketId, JsonObject values) {
    if (values == null || values.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("""
            WITH submitted AS (
              SELECT d.id AS field_id, d.field_type, v.value
                FROM jsonb_each($2::jsonb) AS v(name, value)
                JOIN custom_field_definitions d ON d.object_type = 'ticket' AND d.field_name = v.name),
            removed AS (
              DELETE FROM custom_field_values c USING submitted s
               WHERE c.object_id = $1 AND c.field_id = s.field_id AND s.value = 'null'::jsonb)
            INSERT INTO custom_field_values (field_id, object_id, value_text, value_number, value_date, value_json)
            SELECT field_id, $1,
                   CASE WHEN field_type IN ('text', 'select') THEN value #>> '{}' END,
                   CASE WHEN field_type = 'number' THEN (value #>> '{}')::numeric END,
                   CASE WHEN field_type = 'date' THEN (value #>> '{}')::timestamp END,
                   value
              FROM submitted WHERE value <> 'null'::jsonb
            ON CONFLICT (object_id, field_id) DO UPDATE
               SET value_text = EXCLUDED.value_text, value_number = EXCLUDED.value_number,
                   value_date = EXCLUDED.value_date, value_json = EXCLUDED.value_json, updated_at = now()""")
        .execute(Tuple.of(String.valueOf(ticketId), values))
        .mapEmpty();
  }

  /** Customers see only the fields marked visible for customers, and no accounted time ({@link Ticket#forCustomer}). */
  Future<Ticket> forViewer(SqlClient client, Ticket ticket, Principal principal) {
    if (!principal.isCustomer()) {
      return Future.succeededFuture(ticket);
    }
    if (ticket.customFields().isEmpty()) {
      return Future.succeededFuture(ticket.forCustomer(ticket.customFields()));
    }
    return visibleNames(client, principal).map(visible -> ticket.forCustomer(only(ticket.customFields(), visible)));
  }

  /** The field names the principal may see; null means all (agents). */
  Future<Set<String>> visibleNames(SqlClient client, Principal principal) {
    if (!principal.isCustomer()) {
      return Future.succeededFuture(null);
    }
    return visibleDefinitions(client, principal)
        .map(definitions -> definitions.stream().map(Definition::fieldName).collect(Collectors.toSet()));
  }

  /** The names of the fields customers may see, for an event that carries a ticket's values (events.Audience). */
  static Future<List<String>> customerFieldNames(SqlClient client) {
    return client.preparedQuery("""
            SELECT field_name FROM custom_field_definitions
             WHERE object_type = 'ticket' AND visible_for_customer ORDER BY field_name""")
        .execute().map(rows -> {
          List<String> names = new java.util.ArrayList<>();
          rows.forEach(row -> names.add(row.getString(0)));
          return names;
        });
  }

  /** The values of the visible fields only; {@code visible} null means all. REST and the live stream both use it. */
  public static JsonObject only(JsonObject values, Set<String> visible) {
    if (visible == null) {
      return values;
    }
    JsonObject shown = new JsonObject();
    values.forEach(entry -> {
      if (visible.contains(entry.getKey())) {
        shown.put(entry.getKey(), entry.getValue());
      }
    });
    return shown;
  }
}
