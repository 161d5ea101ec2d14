package org.gotrs.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place failures become responses: RFC 9457 problem+json, never a stack trace. */
public final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  public static final String CONTENT_TYPE = "application/problem+json";

  @Override
  public void handle(RoutingContext ctx) {
    write(ctx, toProblem(ctx));
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (failure instanceof DecodeException || failure instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return Problem.badRequest("the request body is not valid JSON");
    }
    if (failure instanceof io.vertx.ext.web.handler.HttpException http && http.getStatusCode() < 500) {
      return fromStatus(http.getStatusCode());
    }
    Problem refused = fromDatabase(failure);
    if (refused != null) {
      return refused;
    }
    if (failure == null) {
      return fromStatus(ctx.statusCode());
    }
    if (isConnectionFailure(failure)) {
      return databaseUnavailable();
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("unexpected failure on {} {} (incident {})", ctx.request().method(), ctx.request().path(), incident, failure);
    return new Problem(500, "Internal Server Error", "an unexpected error occurred; incident " + incident);
  }

  /**
   * What PostgreSQL refused that input can cause, said as the client's problem (or the database being away as a
   * 503); {@code null} for anything else, which stays the server's. Shared with the GenericInterface, which says the
   * same in OTRS's words. Values text cannot hold (NUL: 22021 as text, 22P05 in JSON), a LIKE pattern ending in its
   * escape character (22025) and a value too large for an index (54000) are among them.
   */
  public static Problem fromDatabase(Throwable failure) {
    String state = failure instanceof PgException pg ? pg.getSqlState() : null;
    if (state == null) {
      return null;
    }
    return switch (state) {
      case "23505" -> Problem.conflict("a record with the same unique value already exists");
      case "23503" -> new Problem(422, "Unprocessable Content", "a referenced record does not exist or is still in use");
      case "22P02", "22003", "22007", "22008", "22001", "22021", "22P05", "22025", "54000" ->
          Problem.badRequest("a value has the wrong format or size");
      case "23502" -> new Problem(422, "Unprocessable Content", "a required value is missing");
      case "23514" -> new Problem(422, "Unprocessable Content", "a value is not allowed");
      default -> state.startsWith("08") || state.startsWith("57P") ? databaseUnavailable() : null;
    };
  }

  private static Problem databaseUnavailable() {
    return new Problem(503, "Service Unavailable", "the database is not reachable; retry shortly", List.of(), 2L);
  }

  /**
   * The database went away under the request: refused, reset or lost connections, a pool that found no connection in
   * time. The SQL client reports the last two as bare VertxExceptions without a stack trace (errors PostgreSQL
   * itself answers are DatabaseExceptions and mapped above); bugs in our own code come with one, and stay 500s.
   */
  private static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.SocketException || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof java.nio.channels.ClosedChannelException || t instanceof java.util.concurrent.TimeoutException
          || t instanceof io.vertx.core.VertxException && !(t instanceof io.vertx.sqlclient.DatabaseException)
             && t.getStackTrace().length == 0) {
        return true;
      }
    }
    return false;
  }

  private static Problem fromStatus(int status) {
    return switch (status) {
      case 400 -> Problem.badRequest("the request is malformed");
      case 401 -> Problem.unauthorized("authentication is required");
      case 403 -> Problem.forbidden("not allowed");
      case 404 -> Problem.notFound("no such resource");
      case 405 -> new Problem(405, "Method Not Allowed", "this resource does not support the method");
      case 413 -> new Problem(413, "Content Too Large", "the request body is larger than allowed");
      case 415 -> Problem.unsupportedMediaType("the content type is not supported");
      case 503 -> Problem.unavailable("the service is unavailable; retry shortly");
      default -> status >= 400 && status < 500
          ? new Problem(status, "Client Error", "the request cannot be processed")
          : new Problem(500, "Internal Server Error", "an unexpected error occurred");
    };
  }

  public static void write(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    body.put("instance", ctx.request().path());
    List<Problem.FieldError> errors = problem.errors();
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    if (problem.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
    }
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(Json.encode(body));
  }
}
