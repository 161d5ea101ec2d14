package org.gotrs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gotrs.http.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConditionTest {

  private static final JsonObject TICKET = new JsonObject().put("title", "URGENT: printer on fire").put("queue_id", 3)
      .put("priority_id", 4).put("state", "open").put("tags", new JsonArray().add("vip").add("hardware"))
      .put("custom_fields", new JsonObject().put("severity", "high").put("cost", 1200))
      .put("create_time", "2026-06-01T10:00:00Z");

  private static Condition parse(String json) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Condition condition = Condition.parse(new JsonObject(json), "conditions", errors);
    assertEquals(List.of(), errors);
    return condition;
  }

  private static boolean holds(String json, Set<String> changed) {
    return parse(json).test(new Condition.Facts(TICKET, "ticket.updated",
        new JsonObject().put("article", new JsonObject().put("subject", "Re: fire")), changed, false));
  }

  private static boolean holds(String json) {
    return holds(json, Set.of());
  }

  @Test
  @DisplayName("comparisons: eq, ne, in, contains (any case, or in a list), gt and lt on numbers and times")
  void comparisons() {
    assertTrue(holds("{\"field\":\"queue_id\",\"op\":\"eq\",\"value\":\"3\"}"), "numbers by value");
    assertTrue(holds("{\"field\":\"state\",\"op\":\"ne\",\"value\":\"closed\"}"));
    assertTrue(holds("{\"field\":\"state\",\"op\":\"in\",\"value\":[\"new\",\"open\"]}"));
    assertTrue(holds("{\"field\":\"title\",\"op\":\"contains\",\"value\":\"urgent\"}"));
    assertTrue(holds("{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"vip\"}"));
    assertFalse(holds("{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"vi\"}"), "a list holds whole values");
    assertTrue(holds("{\"field\":\"priority_id\",\"op\":\"gt\",\"value\":3}"));
    assertTrue(holds("{\"field\":\"custom_fields.cost\",\"op\":\"lt\",\"value\":1500}"));
    assertTrue(holds("{\"field\":\"create_time\",\"op\":\"lt\",\"value\":\"2026-06-02T00:00:00Z\"}"));
    assertFalse(holds("{\"field\":\"custom_fields.missing\",\"op\":\"gt\",\"value\":0}"));
    assertTrue(holds("{\"field\":\"article.subject\",\"op\":\"contains\",\"value\":\"fire\"}"));
  }

  @Test
  @DisplayName("changed_to needs the field among the event's changes")
  void changedTo() {
    String json = "{\"field\":\"state\",\"op\":\"changed_to\",\"value\":\"open\"}";
    assertTrue(holds(json, Set.of("state_id")));
    assertFalse(holds(json, Set.of("title")));
    assertTrue(holds("{\"field\":\"custom_fields.severity\",\"op\":\"changed_to\",\"value\":\"high\"}",
        Set.of("custom_fields")));
  }

  @Test
  @DisplayName("all and any nest; an empty condition always holds")
  void groups() {
    assertTrue(holds("""
        {"all":[{"field":"queue_id","op":"eq","value":3},
                {"any":[{"field":"state","op":"eq","value":"new"},{"field":"tags","op":"contains","value":"vip"}]}]}"""));
    assertFalse(holds("""
        {"any":[{"field":"queue_id","op":"eq","value":4},{"field":"state","op":"eq","value":"new"}]}"""));
    assertTrue(holds("{}"));
  }

  @Test
  @DisplayName("mistakes are named by their path")
  void mistakes() {
    List<Problem.FieldError> errors = new ArrayList<>();
    Condition.parse(new JsonObject("""
        {"all":[{"field":"colour","op":"eq","value":1},{"field":"state","op":"in","value":"open"},
                {"any":"x"},{"both":[]}]}"""), "conditions", errors);
    assertEquals(List.of("conditions.all[0].field", "conditions.all[1].value", "conditions.all[2].any",
        "conditions.all[3]"), errors.stream().map(Problem.FieldError::field).toList());
  }
}
