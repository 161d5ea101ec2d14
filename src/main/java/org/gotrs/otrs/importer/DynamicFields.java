package org.gotrs.otrs.importer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * OTRS dynamic fields as GOTRS custom fields: the name in GOTRS's {@code snake_case} (the OTRS name stays in
 * {@code field_config.otrs_name}), the type mapped (Dropdown to select with the PossibleValues keys OTRS stores,
 * Checkbox to a 0/1 number, DateTime to text), the YAML config read for options.
 */
final class DynamicFields {

  /** A definition to write. */
  record Definition(String fieldName, String fieldType, JsonObject config) {}

  private DynamicFields() {}

  static String fieldName(String otrsName) {
    String snake = otrsName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
      snake = "df_" + snake;
    }
    return snake.length() > 100 ? snake.substring(0, 100) : snake;
  }

  static Definition definition(String otrsName, String label, String otrsType, String yamlConfig) {
    JsonObject config = new JsonObject().put("otrs_name", otrsName).put("label", label).put("otrs_type", otrsType);
    List<String> options = possibleValues(yamlConfig);
    String type = switch (otrsType == null ? "" : otrsType) {
      case "Dropdown" -> options.isEmpty() ? "text" : "select";
      case "Multiselect" -> options.isEmpty() ? "text" : "multiselect";
      case "Checkbox" -> "number";
      case "Date" -> "date";
      default -> "text";
    };
    if (type.endsWith("select")) {
      config.put("options", new JsonArray(options));
    }
    if (type.equals("number")) {
      config.put("min", 0).put("max", 1);
    }
    return new Definition(fieldName(otrsName), type, config);
  }

  /** The keys of {@code PossibleValues}: what OTRS stores as the value. */
  static List<String> possibleValues(String yamlConfig) {
    if (yamlConfig == null || yamlConfig.isBlank()) {
      return List.of();
    }
    try {
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlConfig);
      if (parsed instanceof Map<?, ?> config && config.get("PossibleValues") instanceof Map<?, ?> values) {
        List<String> keys = new ArrayList<>();
        values.keySet().forEach(key -> {
          String text = String.valueOf(key);
          if (!text.isBlank() && text.length() <= 255 && !keys.contains(text)) {
            keys.add(text);
          }
        });
        return keys;
      }
    } catch (RuntimeException unreadable) {
      return List.of();
    }
    return List.of();
  }
}
