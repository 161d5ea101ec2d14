package org.gotrs.drills;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.gotrs.Application;
import org.gotrs.http.Routes;
import org.gotrs.otrs.connector.GenericTicketConnector;

/**
 * Every route the server has, as {@code METHOD /path/{param}}: from the OpenAPI document the server serves at
 * {@code /api/v1/openapi.json} when it has one, else by mounting the application's features on a router of
 * our own and listing what they registered. The OTRS GenericInterface's operations, which no document lists, are
 * added on request.
 */
final class RouteCatalog {

  record Endpoint(HttpMethod method, String path) {
    /** Path parameter names in order, e.g. [id, article_id]. */
    List<String> parameters() {
      List<String> names = new ArrayList<>();
      var matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final List<Endpoint> endpoints;
  private final String source;

  private RouteCatalog(List<Endpoint> endpoints, String source) {
    this.endpoints = endpoints;
    this.source = source;
  }

  /** The GenericTicketConnectorREST operations, as the contract names them. */
  static final List<Endpoint> GENERIC_INTERFACE = List.of(
      new Endpoint(HttpMethod.POST, GenericTicketConnector.BASE + "/Session"),
      new Endpoint(HttpMethod.POST, GenericTicketConnector.BASE + "/Ticket"),
      new Endpoint(HttpMethod.GET, GenericTicketConnector.BASE + "/Ticket"),
      new Endpoint(HttpMethod.GET, GenericTicketConnector.BASE + "/Ticket/{TicketID}"),
      new Endpoint(HttpMethod.PATCH, GenericTicketConnector.BASE + "/Ticket/{TicketID}"),
      new Endpoint(HttpMethod.GET, GenericTicketConnector.BASE + "/TicketList"),
      new Endpoint(HttpMethod.GET, GenericTicketConnector.BASE + "/TicketHistory/{TicketID}"));

  static RouteCatalog of(Application app, Http http) {
    Http.Answer document = http.get("/api/v1/openapi.json", null);
    if (document.status() == 200) {
      return fromDocument(document.json());
    }
    return fromFeatures(app);
  }

  /** These routes and the GenericInterface's operations, which authenticate OTRS style, in the request data. */
  RouteCatalog withGenericInterface() {
    List<Endpoint> all = new ArrayList<>(endpoints);
    all.addAll(GENERIC_INTERFACE);
    return new RouteCatalog(List.copyOf(all), source + " and the GenericInterface's " + GENERIC_INTERFACE.size()
        + " operations");
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  /** Where the list came from, for the report. */
  String source() {
    return source;
  }

  private static RouteCatalog fromDocument(JsonObject document) {
    Set<Endpoint> found = new TreeSet<>(ORDER);
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
          found.add(new Endpoint(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path));
        }
      }
    }
    return new RouteCatalog(List.copyOf(found), "the OpenAPI document at /api/v1/openapi.json");
  }

  /** Until the server serves its OpenAPI document: what the features mount, read off a router. */
  @SuppressWarnings("unchecked")
  private static RouteCatalog fromFeatures(Application app) {
    Set<Endpoint> found = new TreeSet<>(ORDER);
    Vertx vertx = Vertx.vertx();
    try {
      Method features = Application.class.getDeclaredMethod("features");
      features.setAccessible(true);
      Router router = Router.router(vertx);
      ((List<Routes>) features.invoke(app)).forEach(feature -> feature.mount(router));
      for (Route route : router.getRoutes()) {
        if (route.getPath() == null || route.methods() == null) {
          continue;
        }
        String path = "/api/v1" + route.getPath().replaceAll(":([a-z_]+)", "{$1}");
        route.methods().forEach(method -> found.add(new Endpoint(method, path)));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot list the application's routes", e);
    } finally {
      vertx.close();
    }
    found.add(new Endpoint(HttpMethod.GET, "/health"));
    found.add(new Endpoint(HttpMethod.GET, "/metrics"));
    found.add(new Endpoint(HttpMethod.GET, "/ws"));
    return new RouteCatalog(List.copyOf(found), "the routes the application's features mount");
  }

  private static final Comparator<Endpoint> ORDER =
      Comparator.comparing(Endpoint::path).thenComparing(endpoint -> endpoint.method().name());
}
