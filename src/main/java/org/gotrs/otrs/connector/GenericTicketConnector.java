package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.gotrs.article.ArticleService;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.auth.AuthService;
import org.gotrs.auth.Authenticator;
import org.gotrs.health.Readiness;
import org.gotrs.history.TicketHistory;
import org.gotrs.http.Endpoint;
import org.gotrs.json.Json;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTRS's standard GenericTicketConnectorREST web service, so OTRS clients keep working: {@code POST /Session},
 * {@code POST /Ticket}, {@code GET /Ticket/:TicketID}, {@code GET /TicketList}, {@code GET /Ticket} (search),
 * {@code PATCH /Ticket/:TicketID}, {@code GET /TicketHistory/:TicketID}. Outside {@code /api/v1}: each request
 * authenticates itself, OTRS style. Failures answer HTTP 200 with OTRS's {@code Error} object, as OTRS does.
 */
public final class GenericTicketConnector implements Endpoint {

  public static final String BASE = "/otrs/nph-genericinterface.pl/Webservice/GenericTicketConnectorREST";
  private static final Logger LOG = LoggerFactory.getLogger(GenericTicketConnector.class);
  private static final String AUTH_FAILING = "Authorization failing!";
  private static final String NOT_AUTHENTICATED = "User could not be authenticated!";

  private final Readiness readiness;
  private final Pool pool;
  private final AuthService auth;
  private final OtrsAuth otrsAuth;
  private final TicketService tickets;
  private final TicketHistory history;
  private final TicketWrites writes;
  private final TicketView view;
  private final TicketSearch search;
  private final long bodyLimit;

  public GenericTicketConnector(Readiness readiness, Pool pool, AuthService auth, Authenticator authenticator,
                                TicketService tickets, ArticleService articles, AttachmentService attachments,
                                TicketHistory history, Permissions permissions, Clock clock, long bodyLimit) {
    this.readiness = readiness;
    this.pool = pool;
    this.auth = auth;
    this.otrsAuth = new OtrsAuth(auth, authenticator);
    this.tickets = tickets;
    this.history = history;
    this.writes = new TicketWrites(pool, tickets, articles, attachments, new OtrsInput(pool, clock));
    this.view = new TicketView(pool, tickets, articles, attachments, clock);
    this.search = new TicketSearch(pool, permissions);
    this.bodyLimit = bodyLimit;
  }

  @Override
  public void mount(Router root, Vertx vertx) {
    Router gi = Router.router(vertx);
    gi.route().handler(ctx -> {
      if (readiness.migrated()) {
        ctx.next();
      } else {
        reply(ctx, 503, error("Webservice.Unavailable", "the server is starting; retry shortly"));
      }
    });
    gi.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    gi.post("/Session").handler(ctx -> answer(ctx, "SessionCreate", request -> session(ctx, request)));
    gi.get("/Session/:SessionID").handler(ctx -> answer(ctx, "SessionGet", otrsAuth::sessionGet));
    gi.post("/Ticket").handler(ctx -> authenticated(ctx, "TicketCreate", NOT_AUTHENTICATED, true, writes::create));
    gi.get("/Ticket/:TicketID").handler(ctx -> authenticated(ctx, "TicketGet", AUTH_FAILING, false, view::get));
    gi.get("/TicketList").handler(ctx -> authenticated(ctx, "TicketGet", AUTH_FAILING, false, view::get));
    gi.get("/Ticket").handler(ctx -> authenticated(ctx, "TicketSearch", AUTH_FAILING, false, search::search));
    gi.patch("/Ticket/:TicketID").handler(ctx -> authenticated(ctx, "TicketUpdate", NOT_AUTHENTICATED, true,
        writes::update));
    gi.get("/TicketHistory/:TicketID").handler(ctx -> authenticated(ctx, "TicketHistoryGet", AUTH_FAILING, false,
        this::history));
    gi.route().handler(ctx -> reply(ctx, 404, error("Provider.RouteNotFound",
        "Request could not be mapped to an operation of GenericTicketConnectorREST")));
    gi.route().failureHandler(ctx -> reply(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
        error("Provider.InvalidRequest", ctx.statusCode() == 413 ? "the request is too large"
            : "the request could not be processed")));
    root.route(BASE + "/*").subRouter(gi);
  }

  private void authenticated(RoutingContext ctx, String operation, String failMessage, boolean missingIsParameter,
                             BiFunction<Actor, OtrsRequest, Future<Map<String, Object>>> run) {
    answer(ctx, operation, request -> otrsAuth.actor(ctx, request, operation, failMessage, missingIsParameter)
        .compose(actor -> run.apply(actor, request)));
  }

  private void answer(RoutingContext ctx, String operation,
                      java.util.function.Function<OtrsRequest, Future<Map<String, Object>>> run) {
    Future.<Void>succeededFuture()
        .compose(start -> run.apply(OtrsRequest.of(ctx, operation)))
        .onSuccess(result -> reply(ctx, 200, result))
        .onFailure(failure -> {
          OtrsError known = OtrsError.of(operation, failure);
          if (known != null) {
            reply(ctx, 200, error(known.code(), known.getMessage()));
          } else {
            LOG.error("{} failed", operation, failure);
            reply(ctx, 500, error(operation + ".InternalError", operation + ": an internal error occurred"));
          }
        });
  }

  private Future<Map<String, Object>> session(RoutingContext ctx, OtrsRequest request) {
    String user = request.text("UserLogin");
    String customer = request.text("CustomerUserLogin");
    String password = request.text("Password");
    if (user == null && customer == null || password == null) {
      throw OtrsError.missing("SessionCreate", "UserLogin or CustomerUserLogin, and Password are required!");
    }
    return auth.login(Actor.anonymous(ctx), user != null ? Principal.Kind.AGENT : Principal.Kind.CUSTOMER,
            user != null ? user : customer, password, null)
        .recover(failure -> Future.failedFuture(new OtrsError("SessionCreate", "AuthFail", AUTH_FAILING)))
        .map(pair -> Map.of("SessionID", pair.refreshToken()));
  }

  private Future<Map<String, Object>> history(Actor actor, OtrsRequest request) {
    String op = "TicketHistoryGet";
    if (!actor.principal().isAgent()) {
      throw new OtrsError(op, "AuthFail", "User needs to an Agent!");
    }
    List<String> ids = new ArrayList<>();
    request.list("TicketID").forEach(item -> ids.addAll(List.of(item.split("\\s*,\\s*"))));
    if (ids.isEmpty() || !ids.stream().allMatch(id -> id.matches("[1-9][0-9]{0,17}"))) {
      throw new OtrsError(op, "WrongStructure", "Structure for TicketID is not correct!");
    }
    Future<List<Map<String, Object>>> all = Future.succeededFuture(new ArrayList<>());
    for (String id : ids) {
      long ticketId = Long.parseLong(id);
      all = all.compose(list -> tickets.get(actor, ticketId)
          .recover(failure -> Future.failedFuture(OtrsError.accessDenied(op,
              "User does not have access to the ticket " + id + "!")))
          .compose(visible -> history.list(pool, ticketId))
          .compose(entries -> UserNumbers.of(pool, entries.stream()
              .flatMap(entry -> java.util.stream.Stream.of(entry.createBy(), entry.ownerId())).toList())
              .map(numbers -> Map.entry(entries, numbers)))
          .map(read -> {
            List<TicketHistory.Entry> entries = read.getKey();
            Map<UUID, Integer> numbers = read.getValue();
            List<Map<String, Object>> lines = new ArrayList<>();
            for (TicketHistory.Entry entry : entries) {
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("ArticleID", entry.articleId() == null ? "0" : String.valueOf(entry.articleId()));
              line.put("CreateBy", UserNumbers.shown(numbers.get(entry.createBy())));
              line.put("CreateTime", OtrsFormat.time(entry.createTime()));
              line.put("HistoryType", entry.historyType());
              line.put("HistoryTypeID", String.valueOf(entry.historyTypeId()));
              line.put("Name", entry.name());
              line.put("OwnerID", entry.ownerId() == null ? "" : UserNumbers.shown(numbers.get(entry.ownerId())));
              line.put("PriorityID", OtrsFormat.text(entry.priorityId()));
              line.put("QueueID", OtrsFormat.text(entry.queueId()));
              line.put("StateID", OtrsFormat.text(entry.stateId()));
              line.put("TicketID", id);
              line.put("TypeID", OtrsFormat.text(entry.typeId()));
              lines.add(line);
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("TicketID", id);
            one.put("History", lines);
            list.add(one);
            return list;
          }));
    }
    return all.map(list -> Map.of("TicketHistory", list));
  }

  private static Map<String, Object> error(String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("ErrorCode", code);
    error.put("ErrorMessage", message);
    return Map.of("Error", error);
  }

  private static void reply(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(Json.encode(body));
  }
}
