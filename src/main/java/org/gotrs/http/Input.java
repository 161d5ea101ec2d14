package org.gotrs.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Validates a JSON request body at the edge. Each accessor records a field error instead of throwing,
 * so one 422 names every wrong field; call {@link #validate()} before using the values.
 */
public final class Input {

  private final JsonObject json;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private Input(JsonObject json) {
    this.json = json;
  }

  /** The request body as a JSON object; 400 when it is missing, not JSON, or not an object. */
  public static Input of(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
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
    return new Input(object);
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
