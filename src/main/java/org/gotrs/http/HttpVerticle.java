package org.gotrs.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gotrs.config.Config;
import org.gotrs.health.HealthRoutes;
import org.gotrs.health.Readiness;
import org.gotrs.ui.WebUi;

/** One HTTP server instance (deployed once per core): health, metrics, the API and the static UI. */
public final class HttpVerticle extends VerticleBase {

  private static final long SHUTDOWN_GRACE_SECONDS = 20;

  private final Config.Http config;
  private final HealthRoutes health;
  private final Readiness readiness;
  private final PrometheusMeterRegistry registry;
  private final Handler<RoutingContext> authenticator;
  private final List<Routes> features;
  private final List<Endpoint> endpoints;
  private final WebUi webUi;
  private HttpServer server;

  public HttpVerticle(Config.Http config, HealthRoutes health, Readiness readiness,
                      PrometheusMeterRegistry registry, Handler<RoutingContext> authenticator,
                      List<Routes> features, List<Endpoint> endpoints, WebUi webUi) {
    this.config = config;
    this.health = health;
    this.readiness = readiness;
    this.registry = registry;
    this.authenticator = authenticator;
    this.features = features;
    this.endpoints = endpoints;
    this.webUi = webUi;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    router.route().handler(HttpVerticle::rejectMalformedQuery);
    health.mount(router);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.route("/api/v1/*").subRouter(api());
    endpoints.forEach(endpoint -> endpoint.mount(router, vertx));
    webUi.mount(router);
    for (int status : new int[] {404, 405, 413}) {
      router.errorHandler(status, ctx -> ProblemHandler.write(ctx, ProblemHandler.toProblem(ctx)));
    }
    HttpServerOptions options = new HttpServerOptions();
    if (config.sendBufferBytes() > 0) {
      options.setSendBufferSize(config.sendBufferBytes());
    }
    if (config.tls().enabled()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(config.tls().certPath()).setKeyPath(config.tls().keyPath()));
    }
    server = vertx.createHttpServer(options
        .setCompressionSupported(true)
        .setMaxHeaderSize(16 * 1024)
        .setIdleTimeout(120)
        .setIdleTimeoutUnit(TimeUnit.SECONDS));
    return server.requestHandler(router).listen(config.port(), config.host());
  }

  private Router api() {
    Router api = Router.router(vertx);
    if (!config.corsOrigins().isEmpty()) {
      api.route().handler(new CrossOrigin(config.corsOrigins()));
    }
    api.route().handler(new RequestTimeout(config.requestTimeoutSeconds()));
    api.route().handler(ctx -> {
      if (readiness.migrated()) {
        ctx.next();
      } else {
        ctx.fail(Problem.unavailable("the server is starting; retry shortly"));
      }
    });
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    api.route().handler(ctx -> {
      if (isMultipart(ctx.request())) {
        holdMultipart(ctx);
      } else {
        bodies.handle(ctx);
      }
    });
    api.route().handler(authenticator);
    features.forEach(feature -> feature.mount(api));
    api.route().failureHandler(new ProblemHandler());
    return api;
  }

  /**
   * A query string that does not decode ({@code ?%ZZ}) fails every route's matching, where no failure handler
   * can answer it; it is refused here, before routing, with the same problem+json as any other bad request.
   */
  private static void rejectMalformedQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (RuntimeException malformed) {
      ProblemHandler.write(ctx, Problem.badRequest("the query string is malformed"));
      return;
    }
    ctx.next();
  }

  private static boolean isMultipart(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
  }

  /**
   * Multipart bodies (attachment uploads) are streamed by the route that takes them, so they skip the
   * BodyHandler and wait, paused, until that route reads them. If the answer goes out before the body was
   * read (401, 403, 404, 413 ...), the rest is read and dropped, as BodyHandler does after a 413, so the
   * client sees the answer and the connection stays usable; closing it instead can lose the answer.
   */
  private static void holdMultipart(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ctx.addEndHandler(answered -> {
      if (!request.isEnded()) {
        request.resume();
      }
    });
    ctx.next();
  }

  /** Stops accepting connections and lets in-flight requests finish. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
