package org.gotrs.otrs.connector;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.http.Input;

/**
 * A GenericInterface request's data, as OTRS's REST transport builds it: the JSON body, then the query string (a
 * parameter given twice becomes a list), then the route's parameters such as {@code :TicketID}. Text that no
 * database field can hold (a NUL character) is refused here, as the native API refuses it, before anything is written.
 */
record OtrsRequest(JsonObject data) {

  static OtrsRequest of(RoutingContext ctx, String operation) {
    JsonObject data = new JsonObject();
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body != null && body.length() > 0) {
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(body);
        if (!(parsed instanceof JsonObject object)) {
          throw new OtrsError(operation, "InvalidParameter", "the request content is not a JSON object!");
        }
        data.mergeIn(object);
      } catch (DecodeException e) {
        throw new OtrsError(operation, "InvalidParameter", "the request content is not valid JSON!");
      }
    }
    ctx.queryParams().names().forEach(name -> {
      List<String> values = ctx.queryParams().getAll(name);
      data.put(name, values.size() == 1 ? values.get(0) : new JsonArray(new ArrayList<>(values)));
    });
    ctx.pathParams().forEach(data::put);
    String withNul = Input.fieldWithNul(data);
    if (withNul != null) {
      throw OtrsError.invalid(operation, withNul.replace(".", "->") + " parameter is invalid!");
    }
    return new OtrsRequest(data);
  }

  /** A scalar parameter as text; null when absent or empty. */
  String text(String name) {
    Object value = data.getValue(name);
    if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  /** A parameter given as one value, a list, or comma-separated text. */
  List<String> list(String name) {
    Object value = data.getValue(name);
    List<String> values = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> {
        if (item != null && !item.toString().isBlank()) {
          values.add(item.toString().strip());
        }
      });
    } else if (value != null && !(value instanceof JsonObject) && !value.toString().isBlank()) {
      values.add(value.toString().strip());
    }
    return values;
  }

  boolean flag(String name) {
    String value = text(name);
    return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  JsonObject object(String name) {
    return data.getValue(name) instanceof JsonObject object ? object : null;
  }

  /** OTRS takes one item or a list for {@code DynamicField} and {@code Attachment}. */
  List<JsonObject> objects(String operation, String name) {
    Object value = data.getValue(name);
    List<JsonObject> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    if (value instanceof JsonObject object) {
      items.add(object);
      return items;
    }
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof JsonObject object)) {
          throw OtrsError.invalid(operation, name + " parameter is invalid!");
        }
        items.add(object);
      }
      return items;
    }
    throw OtrsError.missing(operation, name + " parameter is missing or not valid!");
  }
}
