package org.gotrs.drills;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generated requests for every route: each field of a valid body (or, for a GET that takes parameters, of its
 * query string) set to each hostile value or left out, extra fields, whole bodies that are not what they claim,
 * hostile path segments and query strings, no credentials, and methods the route does not have. The bounded form
 * takes a fixed-seed sample of each route's requests (every route, and in turn every hostile body, path and query,
 * still appear); the full form sends all.
 */
final class HostileRequests {

  /** One request to send; {@code freshToken} asks for a session of its own (logout would end the shared one). */
  record Probe(String label, HttpMethod method, String uri, boolean anonymous, boolean freshToken, String contentType,
               Buffer body) {
    boolean writes() {
      return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    /** A sign-in, the API's or the GenericInterface's: refused, it counts against the agent it names (lockout). */
    boolean signsIn() {
      return method == HttpMethod.POST && (uri.endsWith("/auth/login") || uri.endsWith("/Session"));
    }
  }

  private static final int BOUNDED_FIELD_PROBES = 10;

  private HostileRequests() {}

  static List<Probe> generate(RouteCatalog catalog, DrillWorld world, boolean all) {
    Random random = new Random(11);
    List<Probe> reads = new ArrayList<>();
    List<Probe> writes = new ArrayList<>();
    List<Probe> last = new ArrayList<>();
    Map<String, Boolean> otherMethodsSent = new HashMap<>();
    int turn = 0;
    for (RouteCatalog.Endpoint endpoint : catalog.endpoints()) {
      if (endpoint.path().startsWith("/ws")) {
        continue;
      }
      List<Probe> probes = probes(endpoint, world, all, random, turn++);
      if (otherMethodsSent.putIfAbsent(endpoint.path(), true) == null) {
        String uri = world.fill(endpoint.path());
        for (String method : List.of("OPTIONS", "TRACE", "PROPFIND")) {
          probes.add(new Probe(method + " on the route", HttpMethod.valueOf(method), uri, false, false, null, null));
        }
      }
      boolean endsSessions = endpoint.path().endsWith("/auth/logout");
      (endpoint.method() == HttpMethod.GET ? reads : endsSessions || endpoint.method() == HttpMethod.DELETE ? last
          : writes).addAll(probes);
    }
    List<Probe> ordered = new ArrayList<>(reads);
    ordered.addAll(writes);
    ordered.addAll(last);
    return ordered;
  }

  private static List<Probe> probes(RouteCatalog.Endpoint endpoint, DrillWorld world, boolean all, Random random,
                                    int turn) {
    HttpMethod method = endpoint.method();
    boolean fresh = endpoint.path().endsWith("/auth/logout");
    boolean takesBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    JsonObject template = Templates.of(endpoint, world);
    boolean takesQuery = !takesBody && !template.isEmpty();
    String query = takesQuery ? "?" + Templates.query(template) : "";
    String path = world.fill(endpoint.path());
    String uri = path + query;
    Buffer valid = takesBody ? Buffer.buffer(template.encode()) : null;
    String json = takesBody ? "application/json" : null;

    List<Probe> fieldProbes = new ArrayList<>();
    List<Probe> bodyProbes = new ArrayList<>();
    List<Probe> pathProbes = new ArrayList<>();
    List<Probe> queryProbes = new ArrayList<>();
    if (takesBody) {
      for (String field : Templates.fields(template)) {
        for (Hostile.Value value : Hostile.VALUES) {
          fieldProbes.add(new Probe(field + " = " + value.label(), method, uri, false, fresh, json,
              Buffer.buffer(Templates.withValue(template, field, value.json()))));
        }
        fieldProbes.add(new Probe("without " + field, method, uri, false, fresh, json,
            Buffer.buffer(Templates.without(template, field))));
      }
      fieldProbes.add(new Probe("extra fields", method, uri, false, fresh, json, Buffer.buffer(Templates.withExtras(template))));
      for (Hostile.Body body : Hostile.BODIES) {
        bodyProbes.add(new Probe("body: " + body.label(), method, uri, false, fresh, body.contentType(), body.bytes()));
      }
    }
    if (takesQuery) {
      for (String field : template.fieldNames()) {
        for (Hostile.Value value : Hostile.VALUES) {
          fieldProbes.add(new Probe(field + " = " + value.label(), method,
              path + "?" + Templates.queryWithValue(template, field, value.json()), false, false, null, null));
        }
        JsonObject without = template.copy();
        without.remove(field);
        fieldProbes.add(new Probe("without " + field, method, path + "?" + Templates.query(without), false, false,
            null, null));
      }
    }
    List<String> parameters = endpoint.parameters();
    for (int p = 0; p < parameters.size(); p++) {
      for (String value : Hostile.PATH_VALUES) {
        pathProbes.add(new Probe("{" + parameters.get(p) + "} = " + abbreviate(value), method,
            replaceParameter(world, endpoint.path(), p, value) + query, false, fresh, json, valid));
      }
    }
    if (method == HttpMethod.GET) {
      for (String hostile : Hostile.QUERIES) {
        queryProbes.add(new Probe("?" + abbreviate(hostile), method, uri + (takesQuery ? "&" : "?") + hostile, false,
            false, null, null));
      }
    }
    List<Probe> chosen = new ArrayList<>();
    // the GenericInterface takes its credentials in the request data, OTRS style, not in a header
    JsonObject anonymous = template.copy();
    anonymous.remove("SessionID");
    chosen.add(new Probe("no credentials", method, takesQuery ? path + "?" + Templates.query(anonymous) : uri, true,
        false, json, takesBody ? Buffer.buffer(anonymous.encode()) : null));
    if (all) {
      if (method != HttpMethod.DELETE) {
        chosen.addAll(fieldProbes);
        chosen.addAll(bodyProbes);
      }
      chosen.addAll(pathProbes);
      chosen.addAll(queryProbes);
      return chosen;
    }
    pick(bodyProbes, turn).forEach(chosen::add);
    pick(pathProbes, turn).forEach(chosen::add);
    pick(queryProbes, turn).forEach(chosen::add);
    Collections.shuffle(fieldProbes, random);
    if (method != HttpMethod.DELETE) {
      chosen.addAll(fieldProbes.subList(0, Math.min(BOUNDED_FIELD_PROBES, fieldProbes.size())));
    }
    return chosen;
  }

  /** One of the list, a different one for each route in turn. */
  private static List<Probe> pick(List<Probe> probes, int turn) {
    return probes.isEmpty() ? List.of() : List.of(probes.get(turn % probes.size()));
  }

  private static String replaceParameter(DrillWorld world, String path, int index, String value) {
    String marker = "{__hostile__}";
    var matcher = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(path);
    StringBuilder replaced = new StringBuilder();
    int seen = 0;
    while (matcher.find()) {
      matcher.appendReplacement(replaced, seen++ == index ? java.util.regex.Matcher.quoteReplacement(marker)
          : java.util.regex.Matcher.quoteReplacement(matcher.group()));
    }
    matcher.appendTail(replaced);
    return world.fill(replaced.toString().replace(marker, "HOSTILE")).replace("HOSTILE", value);
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
