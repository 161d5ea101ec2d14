package org.gotrs.customfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.gotrs.http.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CustomFieldValidatorTest {

  private static Definition field(String name, String type, JsonObject config, boolean required) {
    return new Definition(UUID.randomUUID(), "ticket", name, type, config, required, true, true, 0, null);
  }

  private static final List<Definition> TICKET = List.of(
      field("reference", "text", new JsonObject().put("max_length", 8).put("pattern", "[A-Z]+-\\d+"), false),
      field("amount", "number", new JsonObject().put("min", 0).put("max", 1000.5), false),
      field("due", "date", null, false),
      field("channel", "select", new JsonObject().put("options", new JsonArray().add("phone").add("mail")), true),
      field("labels", "multiselect", new JsonObject().put("options", new JsonArray().add("a").add("b").add("c")), false));

  private static List<String> errors(JsonObject submitted, boolean creating) {
    return CustomFieldValidator.validate(TICKET, submitted, creating).errors().stream()
        .map(error -> error.field() + ": " + error.message()).toList();
  }

  @Test
  @DisplayName("valid values pass and come back normalised")
  void normalises() {
    var result = CustomFieldValidator.validate(TICKET, new JsonObject().put("reference", "AB-12").put("amount", 12.5)
        .put("due", "2026-02-28").put("channel", "mail").put("labels", new JsonArray().add("b").add("a").add("b")), true);
    assertTrue(result.valid(), result.errors().toString());
    assertEquals(new JsonObject().put("reference", "AB-12").put("amount", 12.5).put("due", "2026-02-28")
        .put("channel", "mail").put("labels", new JsonArray().add("b").add("a")), result.orThrow());
  }

  @Test
  @DisplayName("each type checks its values: strings, numbers in range, real dates, known options")
  void typeChecks() {
    List<String> errors = errors(new JsonObject().put("reference", 42).put("amount", "12").put("due", "2026-02-30")
        .put("channel", "fax").put("labels", new JsonArray().add("a").add("z")), false);
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("custom_fields.reference: must be a string"));
    assertTrue(errors.get(1).startsWith("custom_fields.amount: must be a number"));
    assertTrue(errors.get(2).startsWith("custom_fields.due: must be a real date"));
    assertTrue(errors.get(3).startsWith("custom_fields.channel: must be one of"));
    assertTrue(errors.get(4).startsWith("custom_fields.labels:"));
  }

  @Test
  @DisplayName("text length and pattern, number min and max are enforced")
  void limits() {
    assertEquals(List.of("custom_fields.reference: must be at most 8 characters"),
        errors(new JsonObject().put("reference", "ABCDE-1234"), false));
    assertEquals(List.of("custom_fields.reference: must match [A-Z]+-\\d+"),
        errors(new JsonObject().put("reference", "ab-1"), false));
    assertEquals(List.of("custom_fields.amount: must be at least 0"), errors(new JsonObject().put("amount", -1), false));
    assertEquals(List.of("custom_fields.amount: must be at most 1000.5"), errors(new JsonObject().put("amount", 1001), false));
    assertEquals(List.of(), errors(new JsonObject().put("amount", 1000.5), false));
  }

  @Test
  @DisplayName("required fields must be given on create and cannot be emptied later; others may be cleared")
  void required() {
    assertEquals(List.of("custom_fields.channel: is required"), errors(new JsonObject(), true));
    assertEquals(List.of("custom_fields.channel: is required"), errors(null, true));
    assertEquals(List.of(), errors(new JsonObject(), false), "an update need not repeat required fields");
    assertEquals(List.of("custom_fields.channel: is required"), errors(new JsonObject().putNull("channel"), false));
    var cleared = CustomFieldValidator.validate(TICKET, new JsonObject().putNull("due").put("labels", new JsonArray()), false);
    assertTrue(cleared.valid());
    assertTrue(cleared.values().containsKey("due") && cleared.values().getValue("due") == null);
    assertTrue(cleared.values().getValue("labels") == null, "an empty multiselect clears it");
  }

  @Test
  @DisplayName("a name that is no field of the object type is refused, and orThrow gives one 422")
  void unknownField() {
    assertEquals(List.of("custom_fields.colour: is not a custom field here"),
        errors(new JsonObject().put("colour", "red"), false));
    Problem problem = assertThrows(Problem.class,
        () -> CustomFieldValidator.validate(TICKET, new JsonObject().put("colour", "red"), true).orThrow());
    assertEquals(422, problem.status());
    assertEquals(2, problem.errors().size());
  }

  @Test
  @DisplayName("field_config rules: options for selects, numeric bounds, a whole max_length and a valid pattern")
  void configRules() {
    assertEquals(List.of("field_config.options"), configFields("select", null));
    assertEquals(List.of("field_config.options"), configFields("multiselect",
        new JsonObject().put("options", new JsonArray().add("a").add("a"))));
    assertEquals(List.of("field_config.options"), configFields("select", new JsonObject().put("options", new JsonArray().add(1))));
    assertEquals(List.of("field_config.min", "field_config.max"), configFields("number",
        new JsonObject().put("min", "0").put("max", "9")));
    assertEquals(List.of("field_config.max"), configFields("number", new JsonObject().put("min", 10).put("max", 9)));
    assertEquals(List.of("field_config.max_length", "field_config.pattern"), configFields("text",
        new JsonObject().put("max_length", 0).put("pattern", "([a-z")));
    assertFalse(configFields("date", null).iterator().hasNext());
  }

  private static List<String> configFields(String type, JsonObject config) {
    return CustomFieldValidator.configProblems(type, config).stream().map(Problem.FieldError::field).toList();
  }
}
