package org.gotrs.kb;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The help center's words in each language the pages are translated into, from the same language files as the
 * browser pages ({@code webroot/i18n}); a missing text falls back to English.
 */
final class HelpTexts {

  /** The languages the help center speaks, with their own names for the language switch. */
  static final Map<String, String> LANGUAGES = Map.of("en", "English", "de", "Deutsch");
  static final List<String> ORDER = List.of("en", "de");
  static final String DEFAULT = "en";

  private final Map<String, JsonObject> texts;

  private HelpTexts(Map<String, JsonObject> texts) {
    this.texts = texts;
  }

  /** Reads the language files from the class path; blocking, so once at start. */
  static HelpTexts load() {
    return new HelpTexts(Map.of("en", read("en"), "de", read("de")));
  }

  String text(String language, String key) {
    String text = texts.getOrDefault(language, texts.get(DEFAULT)).getString(key);
    return text != null ? text : texts.get(DEFAULT).getString(key, key);
  }

  private static JsonObject read(String language) {
    try (InputStream in = HelpTexts.class.getResourceAsStream("/webroot/i18n/" + language + ".json")) {
      if (in == null) {
        throw new IllegalStateException("webroot/i18n/" + language + ".json is missing");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
