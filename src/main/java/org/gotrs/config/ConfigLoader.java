package org.gotrs.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gotrs.json.Json;

/** Merges the three configuration layers into one {@link Config}. */
public final class ConfigLoader {

  /** Environment variable → path in the JSON configuration. */
  private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
      Map.entry("GOTRS_HTTP_HOST", "http.host"),
      Map.entry("GOTRS_HTTP_PORT", "http.port"),
      Map.entry("GOTRS_PUBLIC_URL", "http.public_url"),
      Map.entry("GOTRS_DATA_DIR", "data_dir"),
      Map.entry("GOTRS_DB_URL", "db.url"),
      Map.entry("GOTRS_DB_READ_URL", "db.read_url"),
      Map.entry("GOTRS_ADMIN_PASSWORD", "admin_password"),
      Map.entry("GOTRS_JWT_SECRET", "jwt.secret"),
      Map.entry("GOTRS_JWT_KEY_FILE", "jwt.key_file"),
      Map.entry("GOTRS_CLUSTER", "cluster.enabled"),
      Map.entry("GOTRS_CLUSTER_MEMBERS", "cluster.members"),
      Map.entry("GOTRS_DEMO_DATA", "demo_data"),
      Map.entry("GOTRS_SYSTEM_ID", "system_id"),
      Map.entry("GOTRS_EVENT_ORDERING", "events.ordering"),
      Map.entry("GOTRS_SMTP_HOST", "smtp.host"),
      Map.entry("GOTRS_SMTP_PORT", "smtp.port"),
      Map.entry("GOTRS_SMTP_USER", "smtp.user"),
      Map.entry("GOTRS_SMTP_PASSWORD", "smtp.password"),
      Map.entry("GOTRS_SMTP_TLS", "smtp.tls"));

  private ConfigLoader() {}

  /** Loads the defaults, the optional file given with {@code --conf}, then the environment. */
  public static Config load(Path confFile, Map<String, String> environment) {
    JsonObject merged = defaults();
    Set<String> fixed = new TreeSet<>();
    if (confFile != null) {
      JsonObject file = readFile(confFile);
      merged = deepMerge(merged, file);
      leafPaths(file, "", fixed);
    }
    for (var entry : ENVIRONMENT.entrySet()) {
      String value = environment.get(entry.getKey());
      if (value != null) {
        put(merged, entry.getValue(), value);
        fixed.add(entry.getValue());
      }
    }
    merged.put("fixed_paths", new JsonArray(List.copyOf(fixed)));
    try {
      return Json.MAPPER.readValue(merged.encode(), Config.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /** {@code ./conf/gotrs.json} when started from a checkout, else the copy inside the jar. */
  private static JsonObject defaults() {
    Path local = Path.of("conf", "gotrs.json");
    if (Files.isRegularFile(local)) {
      return readFile(local);
    }
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/conf/gotrs.json")) {
      if (in == null) {
        throw new IllegalStateException("conf/gotrs.json is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default configuration", e);
    }
  }

  private static JsonObject readFile(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonObject deepMerge(JsonObject base, JsonObject override) {
    JsonObject result = base.copy();
    for (String key : override.fieldNames()) {
      Object value = override.getValue(key);
      if (value instanceof JsonObject nested && result.getValue(key) instanceof JsonObject existing) {
        result.put(key, deepMerge(existing, nested));
      } else {
        result.put(key, value);
      }
    }
    return result;
  }

  /** The dotted paths of a configuration's values; a list is one value. */
  private static void leafPaths(JsonObject json, String prefix, Set<String> into) {
    for (String key : json.fieldNames()) {
      if (json.getValue(key) instanceof JsonObject nested) {
        leafPaths(nested, prefix + key + ".", into);
      } else {
        into.add(prefix + key);
      }
    }
  }

  /** Puts a string at a dotted path; Jackson coerces "8080" and "true" to the record's types. */
  private static void put(JsonObject root, String path, String value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
