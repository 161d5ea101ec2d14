package org.gotrs.chat;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.attachment.DownloadHeaders;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.invitation.ChatInvitations;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/** {@code /chats}: the agents' side of live chat, and the public availability the widget asks before it opens. */
public final class ChatRoutes implements Routes {

  private static final Set<String> STATES = Set.of(Chat.WAITING, Chat.ACTIVE, Chat.CLOSED);

  /** How the visitor shows a chat is theirs on the file routes: the chat's resume token. */
  public static final String CHAT_TOKEN = "X-Chat-Token";
  private static final int MAX_CHAT_TOKEN = 100;

  private final ChatService chats;
  private final ChatDesk desk;
  private final ChatFiles files;
  private final OriginPolicy origins;
  private final ChatInvitations invitations;

  public ChatRoutes(ChatService chats, ChatDesk desk, AttachmentService attachments, ChatInvitations invitations) {
    this.chats = chats;
    this.invitations = invitations;
    this.desk = desk;
    this.files = new ChatFiles(chats.pool(), desk, chats, attachments);
    this.origins = new OriginPolicy(chats.config().allowedOrigins());
  }

  @Override
  public void mount(Router api) {
    api.get("/chats/availability").handler(this::availability);
    api.get("/chats").handler(this::list);
    api.get("/chats/:id").handler(this::get);
    api.post("/chats/:id/accept").handler(this::accept);
    api.post("/chats/:id/decline").handler(this::decline);
    api.get("/chats/:id/messages").handler(this::messages);
    api.post("/chats/:id/messages").handler(this::send);
    api.post("/chats/:id/typing").handler(this::typing);
    api.post("/chats/:id/read").handler(this::read);
    api.post("/chats/:id/transfer").handler(this::transfer);
    api.post("/chats/:id/close").handler(this::close);
    api.post("/chats/:id/files").handler(this::upload);
    api.get("/chats/:id/files/:file_id").handler(this::download);
  }

  /** Public: may be asked from the sites allowed to embed the widget, with the invitations it may show. */
  private void availability(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origins.isListed(origin)) {
      ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
    }
    Replies.ok(ctx, chats.availability(ctx.queryParams().get("queue"), invitations));
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

  private void decline(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    requireAgent(ctx);
    Replies.ok(ctx, desk.decline(Actor.of(ctx), id));
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

  /** The body is still paused here (see HttpVerticle): it flows only once this side may send files in the chat. */
  private void upload(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    ChatFiles.Side side = side(ctx);
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
      throw Problem.unsupportedMediaType("files are uploaded as multipart/form-data");
    }
    Replies.created(ctx, files.requireMaySend(side, id)
        .compose(allowed -> files.receive(ctx.request()))
        .compose(upload -> files.send(side, id, upload)));
  }

  private void download(RoutingContext ctx) {
    files.open(side(ctx), PathParams.id(ctx, "id"), PathParams.id(ctx, "file_id"))
        .compose(stored -> DownloadHeaders.send(ctx.response(), stored))
        .onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.response().headers().clear();
          }
          ctx.fail(failure);
        });
  }

  /** A request with the chat token is the visitor's (the authenticator let it pass); any other is an agent's. */
  private static ChatFiles.Side side(RoutingContext ctx) {
    String token = ctx.request().getHeader(CHAT_TOKEN);
    if (token == null) {
      requireAgent(ctx);
      return new ChatFiles.Side(Actor.of(ctx), null);
    }
    if (token.isBlank() || token.length() > MAX_CHAT_TOKEN) {
      throw Problem.badRequest(CHAT_TOKEN + " must be a chat's resume token");
    }
    // a visitor acts through the system, as on the chat socket; the audit trail keeps their address
    return new ChatFiles.Side(new Actor(Principal.system(), Actor.clientIp(ctx), "gotrs-chat"), token.strip());
  }

  /** Chats are answered by agents: anyone else is refused before their body is even read. */
  private static void requireAgent(RoutingContext ctx) {
    if (!Principal.of(ctx).isAgent()) {
      throw Problem.forbidden("chats are answered by agents");
    }
  }
}
