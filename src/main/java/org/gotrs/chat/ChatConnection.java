package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.http.FormTrap;
import org.gotrs.http.SocketSession;
import org.gotrs.permission.Actor;
import org.gotrs.rating.Ratings;

/**
 * One customer on {@code /ws/chat}: starts, resumes, leaves a message, talks, closes. Its writes go out one
 * after the other, so its messages become articles in the order they were sent; what it receives comes from the
 * committed chat events, joined without gap or repeat after a start or a resume. Runs on its event loop only.
 */
final class ChatConnection extends SocketSession {

  private static final int MAX_FRAMES_PER_SECOND = 20;
  private static final int MAX_BUFFERED = 10_000;
  private static final int MAX_RESUME_TOKEN = 100;
  private static final int MAX_ACCESS_TOKEN = 8_192;

  private final ChatSockets sockets;
  private final ChatHub hub;
  private final Actor visitor;
  private Actor actor;
  private Long chatId;
  private long ticketId;
  private String state;
  private Integer position;
  private long lastSeq;
  /** Events shown before they had a number (in the transcript, or written by the start itself): never sent again. */
  private Set<Long> shown = Set.of();
  /** Live events that arrive while the events since a start or resume are still being read. */
  private List<CommittedEvent> catchingUp;
  private Future<?> writes = Future.succeededFuture();
  private boolean starting;

  ChatConnection(ServerWebSocket socket, ChatSockets sockets, ChatHub hub, Actor visitor) {
    super(socket, MAX_FRAMES_PER_SECOND);
    this.sockets = sockets;
    this.hub = hub;
    this.visitor = visitor;
    this.actor = visitor;
  }

  @Override
  protected void onFrame(JsonObject frame) {
    switch (frame.getValue("type") instanceof String type ? type : "") {
      case "chat.start" -> start(frame);
      case "chat.resume" -> resume(frame);
      case "chat.leave_message" -> leaveMessage(frame);
      case "chat.message" -> message(frame);
      case "chat.typing" -> typing();
      case "chat.read" -> read(frame);
      case "chat.close" -> closeChat();
      case "chat.rate" -> rate(frame);
      case "chat.transcript" -> mailTranscript(frame);
      case "ping" -> send(new JsonObject().put("type", "pong"));
      default -> send(CustomerFrames.error("unknown_type", "unknown frame type"));
    }
  }

  private void start(JsonObject frame) {
    if (starting || (chatId != null && !Chat.CLOSED.equals(state))) {
      send(CustomerFrames.error("conflict", "this connection already has a chat"));
      return;
    }
    String token = CustomerInput.string(frame, "token", MAX_ACCESS_TOKEN);
    var checked = CustomerInput.start(frame, token == null, false, sockets.maxMessageChars());
    if (checked.refused()) {
      send(checked.error());
      return;
    }
    if (!allowedStart()) {
      return;
    }
    ChatService.StartRequest request = checked.value();
    starting = true;
    Future<Actor> who = token == null ? Future.succeededFuture(visitor) : sockets.customer(token, visitor);
    who.compose(customer -> sockets.chats().start(customer, request).map(started -> {
          actor = customer;
          return started;
        }))
        .onComplete(done -> starting = false)
        .onSuccess(started -> {
          attach(started.chat(), started.position());
          send(CustomerFrames.queued(started));
          follow(started.joined());
        })
        .onFailure(failure -> send(CustomerFrames.error(failure)));
  }

  private void leaveMessage(JsonObject frame) {
    var checked = CustomerInput.start(frame, true, true, sockets.maxMessageChars());
    if (checked.refused()) {
      send(checked.error());
      return;
    }
    if (!allowedStart()) {
      return;
    }
    if (FormTrap.filledByAProgram(frame)) {
      send(new JsonObject().put("type", "chat.message_left")); // told it worked, so it does not try another way
      return;
    }
    sockets.chats().leaveMessage(visitor, checked.value())
        .onSuccess(ticket -> send(new JsonObject().put("type", "chat.message_left").put("ticket_id", ticket.id())
            .put("tn", ticket.tn())))
        .onFailure(failure -> send(CustomerFrames.error(failure)));
  }

  private boolean allowedStart() {
    long retryAfter = sockets.secondsUntilStart(visitor.ip());
    if (retryAfter > 0) {
      send(CustomerFrames.error("rate_limited", "too many chats from your address; retry in " + retryAfter + " s")
          .put("retry_after", retryAfter));
    }
    return retryAfter == 0;
  }

  private void resume(JsonObject frame) {
    String token = CustomerInput.string(frame, "resume_token", MAX_RESUME_TOKEN);
    if (token == null || token.isBlank()) {
      send(CustomerFrames.error("bad_request", "resume_token is required"));
      return;
    }
    sockets.chats().resume(token)
        .onSuccess(resumed -> {
          attach(resumed.chat(), resumed.position());
          send(CustomerFrames.resumed(resumed));
          follow(resumed.joined());
        })
        .onFailure(failure -> send(CustomerFrames.error(failure)));
  }

  private void attach(Chat chat, Integer waitingPosition) {
    if (chatId != null) {
      hub.unsubscribe(this, chatId);
    }
    chatId = chat.id();
    ticketId = chat.ticketId();
    state = chat.state();
    position = waitingPosition;
  }

  /**
   * Joins the chat's live events where {@code joined} says: subscribe first, then read what was numbered since, then
   * flush; events already shown are left out whenever they arrive.
   */
  private void follow(ChatService.Joined joined) {
    long following = chatId;
    hub.subscribe(this, following);
    lastSeq = joined.afterSeq();
    shown = joined.shown();
    catchingUp = new ArrayList<>();
    sockets.chats().eventsAfter(ticketId, following, joined.afterSeq()).onComplete(read -> {
      if (chatId == null || chatId != following) {
        return;
      }
      List<CommittedEvent> live = catchingUp;
      catchingUp = null;
      if (read.failed()) {
        close(CLOSE_SERVER_ERROR, "cannot read the chat; resume");
        return;
      }
      read.result().forEach(this::deliver);
      live.forEach(this::deliver);
    });
  }

  /** A committed chat event for this connection's chat, from the hub or from the catch-up read. */
  void deliver(CommittedEvent event) {
    if (catchingUp != null) {
      if (catchingUp.size() >= MAX_BUFFERED) {
        close(CLOSE_SLOW, "too far behind; resume");
      } else {
        catchingUp.add(event);
      }
      return;
    }
    long seq = event.seq();
    JsonObject data = event.data();
    if (seq <= lastSeq || shown.contains(event.id()) || chatId == null || !chatId.equals(data.getLong("chat_id"))) {
      return;
    }
    lastSeq = seq;
    EventName name = event.name();
    switch (name) {
      case CHAT_ACCEPTED -> state = Chat.ACTIVE;
      case CHAT_CLOSED -> state = Chat.CLOSED;
      case CHAT_TRANSFERRED -> state = data.getString("state");
      default -> { }
    }
    if (!Chat.WAITING.equals(state)) {
      position = null;
    }
    JsonObject frame = CustomerFrames.fromEvent(name, data);
    if (frame != null) {
      send(frame);
    }
  }

  private void message(JsonObject frame) {
    if (!talking()) {
      return;
    }
    var text = CustomerInput.text(frame, sockets.maxMessageChars());
    if (text.refused()) {
      send(text.error());
      return;
    }
    long retryAfter = sockets.secondsUntilMessage(visitor.ip());
    if (retryAfter > 0) {
      send(CustomerFrames.error("rate_limited", "too many messages; retry in " + retryAfter + " s")
          .put("retry_after", retryAfter));
      return;
    }
    long chat = chatId;
    writes = writes.transform(previous -> sockets.chats().customerMessage(actor, chat, text.value())
        .onFailure(failure -> send(CustomerFrames.error(failure))));
  }

  private boolean talking() {
    if (chatId == null) {
      send(CustomerFrames.error("no_chat", "start or resume a chat first"));
      return false;
    }
    if (Chat.CLOSED.equals(state)) {
      send(CustomerFrames.error("conflict", "this chat has ended"));
      return false;
    }
    return true;
  }

  private void typing() {
    if (chatId != null && !Chat.CLOSED.equals(state)) {
      sockets.chats().typing(chatId, ticketId, "customer");
    }
  }

  private void read(JsonObject frame) {
    if (chatId == null || !(frame.getValue("message_id") instanceof Number messageId)) {
      send(CustomerFrames.error("bad_request", "chat.read needs a chat and a message_id"));
      return;
    }
    sockets.chats().read(chatId, ticketId, "customer", messageId.longValue());
  }

  private void closeChat() {
    if (!talking()) {
      return;
    }
    long chat = chatId;
    writes = writes.transform(previous -> sockets.chats().customerClose(actor, chat)
        .onFailure(failure -> send(CustomerFrames.error(failure))));
  }

  /** The visitor rates the chat that ended: {@code {"type":"chat.rate","score":1..5,"comment":"..."}}. */
  private void rate(JsonObject frame) {
    if (chatId == null) {
      send(CustomerFrames.error("bad_request", "there is no chat to rate"));
      return;
    }
    Object score = frame.getValue("score");
    if (!(score instanceof Integer || score instanceof Long) || !Ratings.Given.isScore(((Number) score).longValue())) {
      send(CustomerFrames.error("bad_request", "score must be 1 to 5"));
      return;
    }
    var given = Ratings.Given.of(((Number) score).intValue(),
        CustomerInput.string(frame, "comment", Ratings.Given.MAX_COMMENT));
    long chat = chatId;
    writes = writes.transform(previous -> sockets.chats().rate(actor, chat, given)
        .onSuccess(rating -> send(new JsonObject().put("type", "chat.rated").put("score", rating.score())))
        .onFailure(failure -> send(CustomerFrames.error(failure))));
  }

  /** The visitor asks for the conversation by e-mail once it ended: {@code {"type":"chat.transcript","language":"de"}}. */
  private void mailTranscript(JsonObject frame) {
    if (chatId == null) {
      send(CustomerFrames.error("bad_request", "there is no chat to send"));
      return;
    }
    long chat = chatId;
    writes = writes.transform(previous -> sockets.chats().mailTranscript(actor, chat,
            CustomerInput.string(frame, "language", 10))
        .onSuccess(sent -> send(new JsonObject().put("type", "chat.transcript_sent")))
        .onFailure(failure -> send(CustomerFrames.error(failure))));
  }

  /** The customer's place in the waiting line changed. */
  void position(int newPosition) {
    if (isWaiting() && (position == null || position != newPosition)) {
      position = newPosition;
      send(new JsonObject().put("type", "chat.position").put("position", newPosition));
    }
  }

  void send(JsonObject frame) {
    send(frame.encode());
  }

  /** A customer cut off for not reading resumes the chat by its token. */
  @Override
  protected String slowConsumer() {
    return "slow consumer; resume";
  }

  boolean isWaiting() {
    return chatId != null && Chat.WAITING.equals(state) && catchingUp == null;
  }

  Long chatId() {
    return chatId;
  }
}
