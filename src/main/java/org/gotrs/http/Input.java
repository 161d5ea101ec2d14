package org.gotrs.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Validates a JSON request body at the edge. Each accessor records a field error instead of throwing,
 * so one 422 names every wrong field; call {@link #validate()} before using the values.
 *
 * <p>This is where every native route reads its body, so it is also where a body must say it is JSON: a
 * {@code Content-Type} of {@code application/json} (a charset, if given, UTF-8), else 415. A route that takes no
 * body never asks, so a POST without one needs no {@code Content-Type}. The GenericInterface reads its own
 * bodies and keeps OTRS's tolerance.
 */
public final class Input {

  private final JsonObject json;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private Input(JsonObject json) {
    this.json = json;
  }

  /** The request body as a JSON object; 415 when it is not declared JSON, 400 when missing, not JSON or not an object. */
  public static Input of(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    requireJsonType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), body != null && body.length() > 0);
    if (body == null || body.length() == 0) {
      throw Problem.badRequest("a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw Problem.badRequest("the request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Problem.badRequest("the request body must be a JSON object");
    }
    String withNul = fieldWithNul(object);
    if (withNul != null) {
      throw Problem.invalid(withNul, "must not contain the NUL character");
    }
    return new Input(object);
  }

  /**
   * The first field whose name or text holds a NUL character, as {@code article.body} or {@code tags.2}; else
   * {@code null}. PostgreSQL text cannot hold one, so such input is refused where it comes in, before anything is
   * written: here for the native API, and by the GenericInterface for its own requests.
   */
  public static String fieldWithNul(JsonObject json) {
    return nulIn(json, "");
  }

  private static String nulIn(Object value, String path) {
    if (value instanceof String text) {
      return text.indexOf('\0') >= 0 ? path : null;
    }
    if (value instanceof JsonObject object) {
      for (var entry : object) {
        String field = (path.isEmpty() ? "" : path + ".") + entry.getKey().replace("\0", "\\0");
        String found = entry.getKey().indexOf('\0') >= 0 ? field : nulIn(entry.getValue(), field);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = nulIn(array.getValue(i), path + "." + i);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** For routes whose body may be left out: {@code {}} when none was sent, else the body as {@link #of(RoutingContext)}. */
  public static Input optional(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    boolean empty = ctx.body() == null || ctx.body().length() == 0;
    return empty && (contentType == null || isJson(contentType)) ? of(new JsonObject()) : of(ctx);
  }

  /**
   * 415 unless a body is declared JSON. Multipart bodies (uploads) are held back unread for the routes that stream
   * them (HttpVerticle), so a JSON route is told here that it got the wrong type, not that it got none.
   */
  private static void requireJsonType(String contentType, boolean hasBody) {
    if (contentType == null ? hasBody : !isJson(contentType)) {
      throw Problem.unsupportedMediaType("this route takes a JSON body: Content-Type: application/json (UTF-8)");
    }
  }

  /** {@code application/json}, with a charset parameter only if it says UTF-8 (RFC 8259 JSON is UTF-8). */
  private static boolean isJson(String contentType) {
    String[] parts = contentType.split(";");
    boolean json = parts[0].strip().equalsIgnoreCase("application/json");
    for (int i = 1; json && i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset")) {
        String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
        json = charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
      }
    }
    return json;
  }

  public static Input of(JsonObject json) {
    return new Input(json == null ? new JsonObject() : json);
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String field) {
    return json.containsKey(field);
  }

  public boolean isNull(String field) {
    return json.containsKey(field) && json.getValue(field) == null;
  }

  public String string(String field, boolean required, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      error(field, "must be a string");
      return null;
    }
    if (required && text.isBlank()) {
      error(field, "must not be blank");
      return null;
    }
    if (text.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  public Integer integer(String field, boolean required) {
    Long value = longValue(field, required);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      error(field, "is out of range");
      return null;
    }
    return value.intValue();
  }

  public Long longValue(String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && !(value instanceof Double d && (d.isInfinite() || Math.abs(d) > 9.0e15))) {
      return number.longValue();
    }
    error(field, "must be an integer");
    return null;
  }

  public Boolean bool(String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!(value instanceof Boolean flag)) {
      error(field, "must be true or false");
      return null;
    }
    return flag;
  }

  public UUID uuid(String field, boolean required) {
    String text = string(field, required, 64);
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      error(field, "must be a UUID");
      return null;
    }
  }

  public Instant instant(String field, boolean required) {
    String text = string(field, required, 64);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      error(field, "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
      return null;
    }
  }

  public JsonObject object(String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      error(field, "must be an object");
      return null;
    }
    return object;
  }

  public JsonArray array(String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      error(field, "must be an array");
      return null;
    }
    return array;
  }

  /**
   * An optional list of row ids ({@code "queue_ids":[1,2]}), each a positive integer, repeats dropped, in order;
   * empty when absent or wrong (then with the field's error, naming {@code what} the ids are of).
   */
  public List<Integer> ids(String field, String what) {
    JsonArray array = array(field, false);
    if (array == null) {
      return List.of();
    }
    Set<Integer> ids = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
          || number.longValue() < 1 || number.longValue() > Integer.MAX_VALUE) {
        error(field, "must be a list of " + what + " ids");
        return List.of();
      }
      ids.add(number.intValue());
    }
    return List.copyOf(ids);
  }

  /** A list of strings, each at most {@code maxLength} long. */
  public List<String> strings(String field, boolean required, int maxLength) {
    JsonArray array = array(field, required);
    if (array == null) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || text.length() > maxLength) {
        error(field, "must be a list of strings of at most " + maxLength + " characters");
        return null;
      }
      values.add(text);
    }
    return values;
  }

  public void error(String field, String message) {
    errors.add(new Problem.FieldError(field, message));
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /** Throws the 422 naming every wrong field, if any. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }
}
