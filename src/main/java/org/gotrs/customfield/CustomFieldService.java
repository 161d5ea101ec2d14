package org.gotrs.customfield;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.db.Rows;
import org.gotrs.permission.Actor;

/** Custom field definitions. Deleting one deletes its values too ({@code custom_field_values} cascades). */
public final class CustomFieldService {

  private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  public record Fields(String objectType, String fieldName, String fieldType, JsonObject fieldConfig, boolean required,
                       boolean visibleForCustomer, boolean searchable, int position) {

    public static Fields read(Input input) {
      String objectType = oneOf(input, "object_type", CustomFieldValidator.OBJECT_TYPES);
      String fieldName = input.string("field_name", true, 100);
      if (fieldName != null && !FIELD_NAME.matcher(fieldName).matches()) {
        input.error("field_name", "must start with a-z and hold only a-z, 0-9 and _ (at most 100)");
      }
      String fieldType = oneOf(input, "field_type", CustomFieldValidator.FIELD_TYPES);
      JsonObject fieldConfig = input.object("field_config", false);
      if (fieldType != null) {
        CustomFieldValidator.configProblems(fieldType, fieldConfig)
            .forEach(error -> input.error(error.field(), error.message()));
      }
      Boolean required = input.bool("required", false);
      Boolean visibleForCustomer = input.bool("visible_for_customer", false);
      Boolean searchable = input.bool("searchable", false);
      Integer position = input.integer("position", false);
      input.validate();
      return new Fields(objectType, fieldName, fieldType, fieldConfig == null ? new JsonObject() : fieldConfig,
          required != null && required, visibleForCustomer == null || visibleForCustomer,
          searchable == null || searchable, position == null ? 0 : position);
    }

    private static String oneOf(Input input, String field, java.util.Set<String> allowed) {
      String value = input.string(field, true, 50);
      if (value != null && !allowed.contains(value)) {
        input.error(field, "must be one of " + allowed.stream().sorted().toList());
        return null;
      }
      return value;
    }

    private Tuple tuple() {
      return Tuple.from(new Object[] {objectType, fieldName, fieldType, fieldConfig, required, visibleForCustomer,
          searchable, position});
    }
  }

  private static final String SELECT = """
      SELECT id, object_type, field_name, field_type, field_config, required, visible_for_customer, searchable,
             position, created_at
        FROM custom_field_definitions
      """;

  private final Pool pool;
  private final AuditLog audit;

  public CustomFieldService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  /** The definitions of one object type ({@code ticket}, {@code customer}, {@code user}) in display order. */
  public static Future<List<Definition>> definitions(SqlClient client, String objectType) {
    return client.preparedQuery(SELECT + " WHERE object_type = $1 ORDER BY position, field_name")
        .execute(Tuple.of(objectType))
        .map(rows -> Rows.all(rows, CustomFieldService::toDefinition));
  }

  /** All definitions, or those of one object type. */
  public Future<List<Definition>> list(String objectType) {
    return pool.preparedQuery(SELECT + " WHERE ($1::text IS NULL OR object_type = $1)"
            + " ORDER BY object_type, position, field_name")
        .execute(Tuple.of(objectType))
        .map(rows -> Rows.all(rows, CustomFieldService::toDefinition));
  }

  public Future<Definition> get(UUID id) {
    return byId(pool, id, false);
  }

  public Future<Definition> create(Actor actor, Fields fields) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO custom_field_definitions (object_type, field_name, field_type, field_config, required,
                                                      visible_for_customer, searchable, position)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                RETURNING id""")
            .execute(fields.tuple())
            .compose(rows -> byId(tx, rows.iterator().next().getUUID("id"), false))
            .compose(definition -> audit.record(tx, actor, AuditLog.Entry.success("custom_field.create",
                "custom_field", definition.id(), null, Rows.json(definition).getMap())).map(definition)))
        .recover(Rows.duplicate(
            "a " + fields.objectType() + " field named '" + fields.fieldName() + "' already exists"));
  }

  /**
   * Object type, name and type stay as created: stored values were checked against the type, and tickets
   * carry their values under the name.
   */
  public Future<Definition> update(Actor actor, UUID id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
          Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
          String changed = !fields.objectType().equals(before.objectType()) ? "object_type"
              : !fields.fieldName().equals(before.fieldName()) ? "field_name"
              : !fields.fieldType().equals(before.fieldType()) ? "field_type" : null;
          if (changed != null) {
            throw Problem.invalid(changed, "cannot be changed; create a new field instead");
          }
          return tx.preparedQuery("""
                  UPDATE custom_field_definitions
                     SET field_config = $1, required = $2, visible_for_customer = $3, searchable = $4, position = $5
                   WHERE id = $6""")
              .execute(Tuple.of(fields.fieldConfig(), fields.required(), fields.visibleForCustomer(),
                  fields.searchable(), fields.position(), id))
              .compose(updated -> byId(tx, id, false))
              .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("custom_field.update", "custom_field",
                  id, Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
        }));
  }

  public Future<Void> delete(Actor actor, UUID id) {
    return pool.withTransaction(tx -> byId(tx, id, true)
        .compose(before -> tx.preparedQuery("DELETE FROM custom_field_definitions WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("custom_field.delete", "custom_field",
                id, Rows.json(before).getMap(), null)))));
  }

  private static Future<Definition> byId(SqlClient client, UUID id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE id = $1" + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, CustomFieldService::toDefinition,
            () -> Problem.notFound("custom field " + id + " not found")));
  }

  private static Definition toDefinition(Row row) {
    Object config = row.getValue("field_config");
    Boolean required = row.getBoolean("required");
    Boolean visible = row.getBoolean("visible_for_customer");
    Boolean searchable = row.getBoolean("searchable");
    Integer position = row.getInteger("position");
    return new Definition(row.getUUID("id"), row.getString("object_type"), row.getString("field_name"),
        row.getString("field_type"), config instanceof JsonObject object ? object : new JsonObject(),
        Boolean.TRUE.equals(required), !Boolean.FALSE.equals(visible), !Boolean.FALSE.equals(searchable),
        position == null ? 0 : position, Rows.instant(row, "created_at"));
  }
}
