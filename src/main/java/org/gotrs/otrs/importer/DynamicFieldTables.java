package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ticket dynamic fields and their values, as custom field definitions and values. Values land both in
 * {@code custom_field_values} and in the ticket's {@code custom_fields}, as GOTRS keeps them. A multiselect's
 * values (one OTRS row each) are gathered into one list.
 */
final class DynamicFieldTables {

  private static final String TICKET_FIELDS = "(SELECT * FROM dynamic_field WHERE object_type = 'Ticket') d";
  private static final DateTimeFormatter OTRS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private DynamicFieldTables() {}

  static TableImport definitions() {
    return SourceTable.byId("dynamic_field", TICKET_FIELDS, "d",
        "d.name, d.label, d.field_order, d.field_type, d.config, d.valid_id", DynamicFieldTables::writeDefinitions);
  }

  static TableImport values() {
    return SourceTable.byId("dynamic_field_value",
        "dynamic_field_value v JOIN dynamic_field f ON f.id = v.field_id AND f.object_type = 'Ticket'", "v",
        "v.field_id, v.object_id, v.value_text, v.value_date, v.value_int", DynamicFieldTables::writeValues);
  }

  private static Future<Map<String, String>> writeDefinitions(SqlClient tx, List<Row> rows) {
    List<String> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<JsonObject> configs = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (Row row : rows) {
      var definition = DynamicFields.definition(row.getString("name"), row.getString("label"),
          row.getString("field_type"), row.getString("config"));
      keys.add(String.valueOf(row.getValue(0)));
      names.add(definition.fieldName());
      types.add(definition.fieldType());
      configs.add(definition.config().put("valid", Integer.valueOf(1).equals(Cols.integer(row, "valid_id"))));
      positions.add(Cols.integer(row, "field_order"));
    }
    return tx.preparedQuery("""
            WITH src AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::int[])
                                    AS s(key, field_name, field_type, field_config, position)),
            ins AS (INSERT INTO custom_field_definitions (object_type, field_name, field_type, field_config, required,
                                                          visible_for_customer, searchable, position)
                    SELECT 'ticket', field_name, field_type, field_config, false, false, true, position FROM src
                    ON CONFLICT (object_type, field_name) DO NOTHING
                    RETURNING id, field_name)
            INSERT INTO otrs_id_map (source_table, source_id, gotrs_id)
            SELECT 'dynamic_field', src.key, coalesce(ins.id, x.id)::text
              FROM src LEFT JOIN ins ON ins.field_name = src.field_name
              LEFT JOIN custom_field_definitions x ON x.object_type = 'ticket' AND x.field_name = src.field_name""")
        .execute(Tuple.from(new Object[] {keys.toArray(new String[0]), names.toArray(new String[0]), types.toArray(new String[0]),
            configs.toArray(new JsonObject[0]), positions.toArray(new Integer[0])}))
        .map(done -> Map.of());
  }

  private static Future<Map<String, String>> writeValues(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("ticket", row.getValue("object_id")).add("dynamic_field", row.getValue("field_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      List<UUID> fieldIds = rows.stream().map(row -> refs.uuid("dynamic_field", row.getValue("field_id")))
          .filter(java.util.Objects::nonNull).distinct().toList();
      return tx.preparedQuery("SELECT id, field_type FROM custom_field_definitions WHERE id = ANY($1::uuid[])")
          .execute(Tuple.of((Object) fieldIds.toArray(new UUID[0])))
          .compose(found -> {
            Map<UUID, String> fieldTypes = new HashMap<>();
            found.forEach(row -> fieldTypes.put(row.getUUID("id"), row.getString("field_type")));
            return store(tx, rows, refs, fieldTypes);
          });
    });
  }

  private static Future<Map<String, String>> store(SqlClient tx, List<Row> rows, IdMap.Refs refs,
                                                   Map<UUID, String> fieldTypes) {
    Map<String, String> refused = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, List<String>> sourcesOf = new LinkedHashMap<>();
    for (Row row : rows) {
      String key = String.valueOf(row.getValue(0));
      Long ticket = refs.bigint("ticket", row.getValue("object_id"));
      UUID field = refs.uuid("dynamic_field", row.getValue("field_id"));
      if (ticket == null || field == null || !fieldTypes.containsKey(field)) {
        refused.put(key, ticket == null ? "ticket " + row.getValue("object_id") + " was not imported"
            : "dynamic field " + row.getValue("field_id") + " was not imported");
        continue;
      }
      String type = fieldTypes.get(field);
      Object value = value(type, row);
      String slot = ticket + "|" + field;
      if (type.equals("multiselect")) {
        JsonArray list = values.get(slot) instanceof JsonArray existing ? existing : new JsonArray();
        if (value != null) {
          list.add(value);
        }
        values.put(slot, list);
      } else {
        values.put(slot, value);
      }
      sourcesOf.computeIfAbsent(slot, s -> new ArrayList<>()).add(key);
    }
    List<String> objects = new ArrayList<>();
    List<UUID> fields = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    List<LocalDateTime> dates = new ArrayList<>();
    List<String> jsons = new ArrayList<>();
    values.forEach((slot, value) -> {
      String[] parts = slot.split("\\|");
      UUID field = UUID.fromString(parts[1]);
      String type = fieldTypes.get(field);
      objects.add(parts[0]);
      fields.add(field);
      texts.add(type.equals("text") || type.equals("select") ? (String) value : null);
      numbers.add(type.equals("number") && value != null ? value.toString() : null);
      dates.add(type.equals("date") && value != null ? java.time.LocalDate.parse((String) value).atStartOfDay() : null);
      jsons.add(value == null ? "null" : io.vertx.core.json.Json.encode(value));
    });
    return tx.preparedQuery("""
            INSERT INTO custom_field_values AS v (field_id, object_id, value_text, value_number, value_date, value_json)
            SELECT f, o, t, n::numeric, d, j::jsonb
              FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamp[], $6::text[])
                   AS s(f, o, t, n, d, j)
            ON CONFLICT (object_id, field_id) DO UPDATE
               SET value_json = CASE WHEN jsonb_typeof(v.value_json) = 'array' AND jsonb_typeof(EXCLUDED.value_json) = 'array'
                                     THEN v.value_json || EXCLUDED.value_json ELSE EXCLUDED.value_json END,
                   value_text = EXCLUDED.value_text, value_number = EXCLUDED.value_number,
                   value_date = EXCLUDED.value_date, updated_at = now()
            RETURNING id, object_id, field_id""")
        .execute(Tuple.from(new Object[] {fields.toArray(new UUID[0]), objects.toArray(new String[0]), texts.toArray(new String[0]),
            numbers.toArray(new String[0]), dates.toArray(new LocalDateTime[0]),
            jsons.toArray(new String[0])}))
        .compose(stored -> {
          List<String> sourceIds = new ArrayList<>();
          List<String> gotrsIds = new ArrayList<>();
          stored.forEach(row -> sourcesOf.getOrDefault(row.getString("object_id") + "|" + row.getUUID("field_id"),
              List.of()).forEach(source -> {
                sourceIds.add(source);
                gotrsIds.add(row.getUUID("id").toString());
              }));
          return IdMap.record(tx, "dynamic_field_value", sourceIds, gotrsIds);
        })
        .compose(recorded -> tx.preparedQuery("""
                UPDATE ticket t SET custom_fields = coalesce(t.custom_fields, '{}'::jsonb) || agg.fields
                  FROM (SELECT v.object_id, jsonb_object_agg(d.field_name, v.value_json) AS fields
                          FROM custom_field_values v JOIN custom_field_definitions d ON d.id = v.field_id
                         WHERE v.object_id = ANY($1::text[]) AND d.object_type = 'ticket'
                         GROUP BY v.object_id) agg
                 WHERE t.id = agg.object_id::bigint""")
            .execute(Tuple.of((Object) objects.stream().distinct().toArray(String[]::new))))
        .map(done -> refused);
  }

  /** The value in GOTRS's form for the field type. */
  private static Object value(String type, Row row) {
    LocalDateTime date = row.getLocalDateTime("value_date");
    Object number = row.getValue("value_int");
    String text = row.getString("value_text");
    return switch (type) {
      case "number" -> number == null ? null : ((Number) number).longValue();
      case "date" -> date == null ? null : date.toLocalDate().toString();
      default -> text != null ? text : date != null ? date.format(OTRS_TIME) : number != null ? number.toString() : null;
    };
  }
}
