package org.gotrs.chat;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/** {@code /chats}: the agents' side of live chat, and the public availability the widget asks before it opens. */
public final class ChatRoutes implements Routes {

  private static final Set<String> STATES = Set.of(Chat.WAITING, Chat.ACTIVE, Chat.CLOSED);

  private final ChatService chats;
  private final ChatDesk desk;
  private final OriginPolicy origins;

  public ChatRoutes(ChatService chats, ChatDesk desk) {
    this.chats = chats;
    this.desk = desk;
    this.origins = new OriginPolicy(chats.config().allowedOrigins());
  }

  @Override
  public void mount(Router api) {
    api.get("/chats/availability").handler(this::availability);
    api.get("/chats").handler(this::list);
    api.get("/chats/:id").handler(this::get);
    api.post("/chats/:id/accept").handler(this::accept);
    api.get("/chats/:id/messages").handler(this::messages);
    api.post("/chats/:id/messages").handler(this::send);
    api.post("/chats/:id/typing").handler(this::typing);
    api.post("/chats/:id/read").handler(this::read);
    api.post("/chats/:id/transfer").handler(this::transfer);
    api.post("/chats/:id/close").handler(this::close);
  }

  /** Public: may be asked from the sites allowed to embed the widget. */
  private void availability(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origins.isListed(origin)) {
      ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
    }
    Replies.ok(ctx, chats.availability(ctx.queryParams().get("queue")));
  }

  private void list(RoutingContext ctx) {
    String state = ctx.queryParams().get("state");
    if (state != null && !STATES.contains(state)) {
      throw Problem.invalid("state", "must be one of " + STATES);
    }
    Replies.ok(ctx, desk.list(Principal.of(ctx), state == null ? Chat.WAITING : state).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, desk.get(Principal.of(ctx), PathParams.id(ctx, "id")));
  }

  private void accept(RoutingContext ctx) {
    Replies.ok(ctx, desk.accept(Actor.of(ctx), PathParams.id(ctx, "id")));
  }

  private void messages(RoutingContext ctx) {
    Replies.ok(ctx, desk.messages(Principal.of(ctx), PathParams.id(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void send(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    Input input = Input.of(ctx);
    String text = input.string("text", true, chats.config().maxMessageChars());
    if (input.valid() && ChatText.clean(text) == null) {
      input.error("text", "must not be blank");
    }
    input.validate();
    Replies.created(ctx, desk.send(Actor.of(ctx), id, ChatText.clean(text)));
  }

  private void typing(RoutingContext ctx) {
    Replies.noContent(ctx, desk.typing(Principal.of(ctx), PathParams.id(ctx, "id")));
  }

  private void read(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    requireAgent(ctx);
    Input input = Input.of(ctx);
    Long messageId = input.longValue("message_id", true);
    input.validate();
    Replies.noContent(ctx, desk.read(Principal.of(ctx), id, messageId));
  }

  private void transfer(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    requireAgent(ctx);
    Input input = Input.of(ctx);
    UUID user = input.uuid("user_id", false);
    Integer queue = input.integer("queue_id", false);
    if (input.valid() && (user == null) == (queue == null)) {
      input.error("user_id", "name either user_id or queue_id");
    }
    input.validate();
    Replies.ok(ctx, desk.transfer(Actor.of(ctx), id, user, queue));
  }

  private void close(RoutingContext ctx) {
    Replies.ok(ctx, desk.close(Actor.of(ctx), PathParams.id(ctx, "id")));
  }

  /** Chats are answered by agents: anyone else is refused before their body is even read. */
  private static void requireAgent(RoutingContext ctx) {
    if (!Principal.of(ctx).isAgent()) {
      throw org.gotrs.http.Problem.forbidden("chats are answered by agents");
    }
  }
}
