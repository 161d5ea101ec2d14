package org.gotrs.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.gotrs.json.Json;

/**
 * The settings of {@code conf/gotrs.json} that are safe to change while the server runs, and their current values.
 * A value set in the {@code --conf} file or the environment wins and is locked; otherwise what an administrator
 * stored (the {@code settings} feature keeps this node's copy current) wins over the default. Features read their
 * setting here on every use, never once at start.
 */
public final class RuntimeSettings {

  /**
   * One changeable setting: its dotted path in the configuration, and the check a new value must pass (null when it
   * is fine, else what is wrong). A sign-in backend adds its own with a check of its shape.
   */
  public record Setting(String key, String kind, Function<Object, String> check) {

    static Setting integer(String key, int min, int max) {
      return new Setting(key, "integer", value -> value instanceof Integer number && number >= min && number <= max
          ? null : "must be a whole number from " + min + " to " + max);
    }

    static Setting bool(String key) {
      return new Setting(key, "boolean", value -> value instanceof Boolean ? null : "must be true or false");
    }

    /** A list of media types such as {@code application/pdf}, or {@code image/*} for every type under one. */
    static Setting mediaTypes(String key) {
      return new Setting(key, "media_types", value -> {
        List<?> types = listOf(value);
        return !types.isEmpty() && types.size() <= 100
            && types.stream().allMatch(type -> type instanceof String text && MEDIA_TYPE.matcher(text).matches())
            ? null : "must be a list of 1 to 100 media types such as application/pdf or image/*";
      });
    }
  }

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/([a-z0-9][a-z0-9!#$&^_.+-]{0,126}|\\*)");

  /** What may be changed at run time. */
  public static final List<Setting> SAFE = List.of(
      Setting.integer("auth.max_failed_logins", 1, 100),
      Setting.integer("auth.lockout_minutes", 1, 1440),
      Setting.bool("portal.customers_may_close"),
      Setting.integer("mail.auto_responses_per_hour", 0, 1000),
      Setting.integer("chat.seats_per_agent", 1, 50),
      Setting.integer("chat.max_message_chars", 1, 100_000),
      Setting.integer("chat.max_file_bytes", 1_024, 104_857_600),
      Setting.mediaTypes("chat.file_types"),
      Setting.integer("chat.offer_seconds", 1, 600),
      Setting.integer("workflows.max_depth", 1, 20));

  private final JsonObject configured;
  private final Config.Chat chat;
  private final Set<String> fixed;
  private volatile Map<String, Object> stored = Map.of();

  public RuntimeSettings(Config config) {
    this.configured = new JsonObject(Json.MAPPER.convertValue(config, Map.class));
    this.chat = config.chat();
    this.fixed = Set.copyOf(config.fixedPaths());
  }

  public static Optional<Setting> find(String key) {
    return SAFE.stream().filter(setting -> setting.key().equals(key)).findFirst();
  }

  /** The value in force on this node. */
  public Object value(String key) {
    Object own = stored.get(key);
    return own == null || locked(key) ? configured(key) : own;
  }

  public int integer(String key) {
    return ((Number) value(key)).intValue();
  }

  public boolean bool(String key) {
    return Boolean.TRUE.equals(value(key));
  }

  public List<String> strings(String key) {
    return listOf(value(key)).stream().map(String::valueOf).toList();
  }

  /** The chat's settings in force: the configuration's, with the limits administrators change at run time. */
  public Config.Chat chat() {
    return new Config.Chat(chat.defaultQueue(), integer("chat.seats_per_agent"), chat.allowedOrigins(),
        integer("chat.max_message_chars"), chat.startsPerMinute(), chat.messagesPerMinute(),
        chat.abandonAfterSeconds(), chat.closeTicketState(), integer("chat.max_file_bytes"),
        strings("chat.file_types"), integer("chat.offer_seconds"));
  }

  /** A list as the configuration (a {@link List}) or a stored value (a {@link JsonArray}) holds it. */
  private static List<?> listOf(Object value) {
    return value instanceof JsonArray array ? array.getList() : value instanceof List<?> list ? list : List.of();
  }

  /** The value of the configuration (defaults, file, environment) at that path. */
  public Object configured(String key) {
    Object node = configured;
    for (String part : key.split("\\.")) {
      node = node instanceof JsonObject object ? object.getValue(part) : null;
    }
    return node;
  }

  /** Whether the {@code --conf} file or the environment set it, so that nothing stored applies. */
  public boolean locked(String key) {
    return fixed.contains(key);
  }

  /** Whether this node has a stored value for it. */
  public boolean isStored(String key) {
    return stored.containsKey(key);
  }

  /** Takes the stored values as they now are in the database. */
  public void useStored(Map<String, Object> values) {
    stored = Map.copyOf(new HashMap<>(values));
  }
}
