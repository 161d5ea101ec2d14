package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.gotrs.article.ArticleDraft;
import org.gotrs.audit.AuditLog;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.TicketService;

/**
 * Live chat from the agents' side. Seeing a chat needs {@code ro} on its queue, working it {@code note}; once
 * accepted, a chat is worked by its agent alone (administrators may still close or hand it on).
 */
public final class ChatDesk {

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketService tickets;
  private final ChatService chats;
  private final ChatTranscript transcript;
  private final ChatStore store = new ChatStore();
  private final Clock clock;

  public ChatDesk(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketService tickets,
                  ChatService chats, Clock clock) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.tickets = tickets;
    this.chats = chats;
    this.transcript = chats.transcript();
    this.clock = clock;
  }

  /** Chats in a state, oldest first, in the queues where the agent holds {@code ro}. */
  Future<List<Chat>> list(Principal principal, String state) {
    permissions.requireAgent(principal);
    return store.list(pool, permissions.ticketsVisibleTo(principal, "t", 1), state);
  }

  Future<Chat> get(Principal principal, long id) {
    return visible(principal, id, "ro");
  }

  Future<List<ChatMessage>> messages(Principal principal, long id) {
    return visible(principal, id, "ro").compose(chat -> transcript.read(pool, chat, false));
  }

  /** The chat if the agent may see it with {@code key}; 404 when they may not read it at all. */
  Future<Chat> visible(Principal principal, long id, String key) {
    permissions.requireAgent(principal);
    return store.find(pool, id).compose(chat -> permissions.requireOnTicket(pool, principal, chat.ticketId(), key)
        .recover(denied -> Future.failedFuture(denied instanceof Problem problem && problem.status() == 404
            ? Problem.notFound("chat " + id + " not found") : denied))
        .map(chat));
  }

  /** Takes a waiting chat. Among agents accepting at once exactly one wins; the others get 409. */
  Future<Chat> accept(Actor actor, long id) {
    Principal principal = actor.principal();
    int seats = chats.seatsPerAgent();
    return visible(principal, id, "note").compose(visible -> pool.withTransaction(tx ->
        store.accept(tx, id, principal.userId(), seats, clock.instant()).compose(won -> won
            ? store.find(tx, id).compose(chat -> chats.own(tx, actor, chat, principal.userId()).map(chat))
                .compose(chat -> audit.record(tx, actor, AuditLog.Entry.success("chat.accept", "chat", id,
                    Map.of("state", Chat.WAITING), Map.of("state", Chat.ACTIVE, "agent_user_id", principal.userId())))
                .compose(audited -> events.record(tx, EventName.CHAT_ACCEPTED, chat.topics(), ChatTranscript.data(chat)
                    .put("agent_user_id", principal.userId().toString()).put("agent", chat.agent())))
                .map(chat))
            : store.find(tx, id).compose(chat -> chat.isWaiting()
                ? Future.failedFuture(Problem.conflict("all your " + seats + " chat seats are taken"))
                : Future.failedFuture(Problem.conflict(chat.isClosed() ? "this chat has ended"
                    : "this chat was accepted by " + chat.agent()))))));
  }

  /** The agent the waiting chat is offered to passes on it; it is offered to the next free agent. */
  Future<Chat> decline(Actor actor, long id) {
    return visible(actor.principal(), id, "note").compose(chat -> chats.offers().decline(actor, chat));
  }

  /** A message from the chat's agent to the customer. */
  Future<ChatMessage> send(Actor actor, long id, String text) {
    Principal principal = actor.principal();
    return visible(principal, id, "note").compose(visible -> pool.withTransaction(tx -> store.lock(tx, id)
        .compose(chat -> requireTalking(principal, chat)
            .compose(ok -> transcript.write(tx, actor, chat, ArticleDraft.AGENT, chat.agent(), text)))));
  }

  Future<Void> typing(Principal principal, long id) {
    return visible(principal, id, "note").compose(chat -> requireTalking(principal, chat))
        .compose(chat -> chats.typing(chat.id(), chat.ticketId(), "agent"));
  }

  Future<Void> read(Principal principal, long id, long messageId) {
    return visible(principal, id, "note").compose(chat -> requireMine(principal, chat))
        .compose(chat -> chats.read(chat.id(), chat.ticketId(), "agent", messageId));
  }

  static Future<Chat> requireTalking(Principal principal, Chat chat) {
    if (chat.isClosed()) {
      return Future.failedFuture(Problem.conflict("this chat has ended"));
    }
    if (chat.isWaiting()) {
      return Future.failedFuture(Problem.conflict("accept the chat first"));
    }
    return Objects.equals(chat.agentUserId(), principal.userId()) ? Future.succeededFuture(chat)
        : Future.failedFuture(Problem.forbidden("this chat is handled by " + chat.agent()));
  }

  private static Future<Chat> requireMine(Principal principal, Chat chat) {
    boolean mine = chat.agentUserId() == null || chat.agentUserId().equals(principal.userId()) || principal.admin();
    return mine ? Future.succeededFuture(chat) : Future.failedFuture(Problem.forbidden("this chat is handled by " + chat.agent()));
  }

  Future<Chat> close(Actor actor, long id) {
    return visible(actor.principal(), id, "note").compose(visible -> pool.withTransaction(tx -> store.lock(tx, id)
        .compose(chat -> requireMine(actor.principal(), chat))
        .compose(chat -> chats.close(tx, actor, chat, "agent"))));
  }

  /** Hands the chat to another agent (it stays active) or to another queue (it waits there again, its ticket moved). */
  Future<Chat> transfer(Actor actor, long id, UUID toUser, Integer toQueue) {
    return visible(actor.principal(), id, "note").compose(visible -> pool.withTransaction(tx -> store.lock(tx, id)
        .compose(chat -> chat.isClosed() ? Future.failedFuture(Problem.conflict("this chat has ended"))
            : requireMine(actor.principal(), chat))
        .compose(chat -> toUser != null ? toAgent(tx, actor, chat, toUser) : toQueue(tx, actor, chat, toQueue))));
  }

  private Future<Chat> toAgent(SqlClient tx, Actor actor, Chat chat, UUID toUser) {
    return store.mayTakeChats(tx, toUser, chat.queueId()).compose(may -> may
        ? store.assign(tx, chat.id(), toUser, clock.instant())
        : Future.failedFuture(Problem.invalid("user_id", "names no agent who may take chats in this queue")))
        .compose(assigned -> chats.own(tx, actor, chat, toUser))
        .compose(owned -> store.find(tx, chat.id()))
        .compose(moved -> transferred(tx, actor, chat, moved, new JsonObject()
            .put("to_user_id", toUser.toString()).put("agent", moved.agent())));
  }

  private Future<Chat> toQueue(SqlClient tx, Actor actor, Chat chat, int toQueue) {
    return tickets.moveInTransaction(tx, actor, chat.ticketId(), toQueue)
        .compose(ticket -> store.requeue(tx, chat.id(), toQueue))
        .compose(requeued -> store.find(tx, chat.id()))
        .compose(moved -> transferred(tx, actor, chat, moved, new JsonObject().put("to_queue_id", toQueue)
            .put("queue", moved.queue())))
        .compose(moved -> events.record(tx, EventName.CHAT_WAITING, moved.topics(), ChatTranscript.data(moved)
            .put("queue", moved.queue()).put("customer_name", moved.customerName())
            .put("created_at", moved.createdAt().toString())).map(moved))
        .compose(moved -> chats.offers().offerNext(tx, moved, false));
  }

  private Future<Chat> transferred(SqlClient tx, Actor actor, Chat before, Chat after, JsonObject target) {
    return audit.record(tx, actor, AuditLog.Entry.success("chat.transfer", "chat", before.id(),
            Map.of("queue_id", before.queueId(), "agent_user_id", String.valueOf(before.agentUserId())),
            Map.of("queue_id", after.queueId(), "agent_user_id", String.valueOf(after.agentUserId()))))
        .compose(audited -> events.record(tx, EventName.CHAT_TRANSFERRED, after.topics(), ChatTranscript.data(after)
            .put("state", after.state())
            .put("from_queue_id", before.queueId())
            .put("from_user_id", before.agentUserId() == null ? null : before.agentUserId().toString())
            .mergeIn(target)))
        .map(after);
  }
}
