package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleService;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.audit.AuditLog;
import org.gotrs.config.Config;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.http.Problem;
import org.gotrs.http.RateLimiter;
import org.gotrs.invitation.ChatInvitations;
import org.gotrs.mail.MailQueue;
import org.gotrs.permission.Actor;
import org.gotrs.rating.Ratings;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.ChannelTicket;
import org.gotrs.ticket.Ticket;
import org.gotrs.ticket.TicketService;

/**
 * Live chat from the customer's side: starting a chat opens a ticket (source {@code chat}) and puts the chat in
 * its queue's waiting line; messages become articles; a resume token brings a dropped customer back to the
 * transcript. Also what is shared with the agents' side: closing, typing, read marks, availability.
 */
public final class ChatService {

  /**
   * A visitor's request to chat; {@code queue} and {@code message} may be null, and so may the page the visitor was
   * on and where they came from, which the agent sees.
   */
  record StartRequest(String name, String email, String queue, String message, String pageUrl, String referrer) {}

  /**
   * Where a customer's live chat events continue: after the numbered event {@code afterSeq}, leaving out the events
   * already shown that had no number yet (committed, still waiting for an older transaction: see db/V100).
   */
  record Joined(long afterSeq, Set<Long> shown) {}

  /** A new chat: the token is shown to the customer once; {@code joined} is where its live stream starts. */
  record Started(Chat chat, String resumeToken, int position, boolean available, Joined joined) {}

  /** A chat found again by its token, with the messages so far and where live delivery continues. */
  record Resumed(Chat chat, List<ChatMessage> transcript, Integer position, Joined joined) {}

  private record Customer(String name, String email, UUID customerUserId) {}

  private final Pool pool;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketService tickets;
  private final Ratings ratings;
  private final ChatStore store = new ChatStore();
  private final ChatTranscript transcript;
  private final Supplier<Config.Chat> config;
  private final Clock clock;
  private final ResumeTokens tokens = new ResumeTokens();
  private final RateLimiter typing;
  private final ChatOffers offers;

  public ChatService(Pool pool, AuditLog audit, DomainEvents events, TicketService tickets, ArticleService articles,
                     AttachmentService attachments, Ratings ratings, Supplier<Config.Chat> config, Clock clock) {
    this.ratings = ratings;
    this.pool = pool;
    this.audit = audit;
    this.events = events;
    this.tickets = tickets;
    this.transcript = new ChatTranscript(articles, attachments, events);
    this.config = config;
    this.clock = clock;
    this.typing = new RateLimiter(1, Duration.ofSeconds(1), clock, 100_000);
    this.offers = new ChatOffers(pool, store, audit, events, config, clock);
  }

  /**
   * Opens the chat's ticket with the first message, queues the chat, announces it to agents and, in a queue that
   * assigns automatically, offers it to one of them first, in one transaction. The ticket gets its owner when an
   * agent accepts, not from the queue's automatic assignment.
   */
  Future<Started> start(Actor actor, StartRequest request) {
    String token = tokens.issue();
    return identify(actor.principal(), request).compose(customer -> queue(request).compose(queueId -> {
      ArticleDraft first = request.message() == null
          ? new ArticleDraft(ChatTranscript.CHAT_EXTERNAL, ArticleDraft.SYSTEM, "system", null, null, null,
              ArticleBody.of(ArticleBody.TEXT_PLAIN, "Chat started by " + customer.name() + " <" + customer.email() + ">"),
              false, null, null, null, 0)
          : new ArticleDraft(ChatTranscript.CHAT_EXTERNAL, ArticleDraft.CUSTOMER,
              customer.name() + " <" + customer.email() + ">", null, null, null,
              ArticleBody.of(ArticleBody.TEXT_PLAIN, request.message()), false, null, null, null, 0);
      return pool.withTransaction(tx -> tickets.openInTransaction(tx, actor, new ChannelTicket(
              "Chat with " + customer.name(), queueId, null, null, customer.customerUserId(), null, "chat", first, false))
          .compose(opened -> store.insert(tx, opened.ticket().id(), opened.ticket().queueId(), customer.name(),
                  customer.email(), customer.customerUserId(), tokens.hash(token), request.pageUrl(),
                  request.referrer(), clock.instant())
              .compose(id -> store.find(tx, id))
              .compose(chat -> events.record(tx, EventName.CHAT_WAITING, chat.topics(), ChatTranscript.data(chat)
                      .put("queue", chat.queue()).put("customer_name", chat.customerName())
                      .put("created_at", chat.createdAt().toString()).put("page_url", chat.pageUrl())
                      .put("referrer", chat.referrer()))
                  .compose(waiting -> announce(tx, chat, transcript.message(chat, opened.article()))
                      .compose(announced -> offers.offerNext(tx, chat, false))
                      .map(offered -> Map.entry(offered, new Joined(0, Set.of(waiting.id()))))))));
    })).compose(opened -> {
      Chat chat = opened.getKey();
      Future<Map<Long, Integer>> position = store.positions(pool, List.of(chat.id()));
      Future<Boolean> available = store.available(pool, chat.queueId(), seatsPerAgent());
      return Future.all(position, available).map(done -> new Started(chat, token,
          position.result().getOrDefault(chat.id(), 1), available.result(), opened.getValue()));
    });
  }

  /** The opening line goes out as a chat message too, so both sides show it like any other. */
  private Future<Void> announce(SqlClient tx, Chat chat, ChatMessage opening) {
    return events.record(tx, EventName.CHAT_MESSAGE, chat.topics(), ChatTranscript.data(chat).mergeIn(opening.toJson()))
        .mapEmpty();
  }

  /** The named queue, else the chat intake queue; 422 when it names no valid queue. */
  private Future<Integer> queue(StartRequest request) {
    return chosenQueue(request.queue()).map(ChatStore.QueueRef::id);
  }

  /**
   * The queue a visitor named, else the one {@code chat.default_queue} names, else the chat intake queue (set in the
   * admin UI); 422 when the name is not a valid queue.
   */
  private Future<ChatStore.QueueRef> chosenQueue(String named) {
    String name = named != null ? named
        : config().defaultQueue() == null || config().defaultQueue().isBlank() ? null : config().defaultQueue();
    return store.queue(pool, name).compose(queue -> queue == null
        ? Future.failedFuture(Problem.invalid("queue", "names no valid queue")) : Future.succeededFuture(queue));
  }

  /** Who is chatting: a logged-in customer user, or a visitor, linked to a customer user when the email matches. */
  private Future<Customer> identify(Principal principal, StartRequest request) {
    if (principal != null && principal.isCustomer()) {
      return store.customerUser(pool, principal.customerUserId()).map(row -> new Customer(
          request.name() != null ? request.name() : row.getString("name") != null ? row.getString("name") : row.getString("login"),
          request.email() != null ? request.email() : row.getString("email"), principal.customerUserId()));
    }
    return store.customerUserByEmail(pool, request.email())
        .map(customerUser -> new Customer(request.name(), request.email(), customerUser));
  }

  /** A message for agents when no one can chat: a ticket (source {@code chat}) with the message as its article. */
  Future<Ticket> leaveMessage(Actor actor, StartRequest request) {
    return identify(actor.principal(), request).compose(customer -> queue(request).compose(queueId ->
        pool.withTransaction(tx -> tickets.openInTransaction(tx, actor, new ChannelTicket(
            "Message from " + customer.name(), queueId, null, null, customer.customerUserId(), null, "chat",
            new ArticleDraft(ChatTranscript.CHAT_EXTERNAL, ArticleDraft.CUSTOMER,
                customer.name() + " <" + customer.email() + ">", null, null, null,
                ArticleBody.of(ArticleBody.TEXT_PLAIN, request.message()), false, null, null, null, 0))))
            .map(ChannelTicket.Opened::ticket)));
  }

  /**
   * The chat behind a resume token, its transcript and position, read in one snapshot with the newest numbered event
   * and the chat's events not numbered yet: what the transcript shows is exactly what the stream then leaves out.
   */
  Future<Resumed> resume(String token) {
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
        .compose(isolated -> store.findByToken(tx, tokens.hash(token)))
        .compose(chat -> transcript.read(tx, chat, true).compose(messages -> store.newestSeq(tx)
            .compose(seq -> store.unnumberedEvents(tx, chat.ticketId(), chat.id())
                .map(shown -> new Joined(seq, shown)))
            .compose(joined -> store.positions(tx, List.of(chat.id()))
                .map(positions -> new Resumed(chat, messages, positions.get(chat.id()), joined))))));
  }

  Future<ChatMessage> customerMessage(Actor actor, long chatId, String text) {
    return pool.withTransaction(tx -> store.lock(tx, chatId).compose(chat -> chat.isClosed()
        ? Future.failedFuture(Problem.conflict("this chat has ended"))
        : transcript.write(tx, actor, chat, ArticleDraft.CUSTOMER, chat.customerName(), text)));
  }

  /** Forwards a typing signal unless this side already sent one within the last second. */
  Future<Void> typing(long chatId, long ticketId, String side) {
    if (typing.acquire(side + ":" + chatId) > 0) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(tx -> store.find(tx, chatId).compose(chat -> events.record(tx, EventName.CHAT_TYPING,
        chat.topics(), ChatTranscript.data(chat).put("from", side)))).mapEmpty();
  }

  /** Moves the side's read mark to the message and tells the other side; repeats and old marks are dropped. */
  Future<Void> read(long chatId, long ticketId, String side, long messageId) {
    return pool.withTransaction(tx -> store.read(tx, chatId, side, messageId)
        .compose(moved -> moved ? store.find(tx, chatId).compose(chat -> events.record(tx, EventName.CHAT_READ, chat.topics(),
            ChatTranscript.data(chat).put("by", side).put("message_id", messageId))).mapEmpty()
            : Future.succeededFuture()));
  }

  /**
   * The agent owns the chat's ticket from now on, recorded as {@code actor}'s change (the agent who accepted the chat,
   * or the one who handed it over), so the accepting agent is not notified of their own gesture.
   */
  Future<Void> own(SqlClient tx, Actor actor, Chat chat, UUID agent) {
    return tickets.automation().changeAs(tx, actor, chat.ticketId(), new JsonObject().put("user_id", agent.toString()))
        .mapEmpty();
  }

  /** The visitor rates a chat that an agent took, once it ended; the rating is its ticket's. */
  Future<Ratings.Rating> rate(Actor actor, long chatId, Ratings.Given given) {
    return pool.withTransaction(tx -> store.lock(tx, chatId).compose(chat -> !chat.isClosed() || chat.agentUserId() == null
        ? Future.failedFuture(Problem.conflict("a chat is rated once it has ended"))
        : ratings.record(tx, actor, chat.ticketId(), chat.customerUserId(), given.score(), given.comment())));
  }

  /**
   * Mails the visitor the conversation of their chat once it has ended, once (409 before it ended or when it was
   * sent already); files are named, not attached.
   */
  Future<Void> mailTranscript(Actor actor, long chatId, String language) {
    return pool.withTransaction(tx -> store.lock(tx, chatId).compose(chat -> !chat.isClosed()
        ? Future.failedFuture(Problem.conflict("the transcript is sent once the chat has ended"))
        : store.markTranscriptSent(tx, chatId, clock.instant()).compose(first -> !first
            ? Future.failedFuture(Problem.conflict("the transcript was sent already"))
            : transcript.read(tx, chat, true)
                .compose(messages -> MailQueue.enqueue(tx, List.of(TranscriptMail.of(chat, messages, language))))
                .compose(queued -> audit.record(tx, actor, AuditLog.Entry.success("chat.transcript", "chat", chatId,
                    null, Map.of("to", chat.customerEmail())))))));
  }

  Future<Chat> customerClose(Actor actor, long chatId) {
    return pool.withTransaction(tx -> store.lock(tx, chatId).compose(chat -> close(tx, actor, chat, "customer")));
  }

  /**
   * Ends a locked chat; its ticket stays, with the whole conversation as articles. A chat an agent took is done, so
   * its ticket goes to {@code chat.close_ticket_state} ({@code closed successful}; empty: it stays as it is), and no
   * escalation runs on it; one that ended waiting keeps its ticket open for an answer.
   */
  Future<Chat> close(SqlClient tx, Actor actor, Chat chat, String by) {
    if (chat.isClosed()) {
      return Future.failedFuture(Problem.conflict("this chat has already ended"));
    }
    String state = config().closeTicketState();
    Future<?> ticket = chat.agentUserId() == null || state == null || state.isBlank() ? Future.succeededFuture()
        : tickets.automation().change(tx, "chat", chat.ticketId(), new JsonObject().put("state", state));
    return ticket.compose(done -> store.close(tx, chat.id(), clock.instant()))
        .compose(closed -> audit.record(tx, actor, AuditLog.Entry.success("chat.close", "chat", chat.id(),
            Map.of("state", chat.state()), Map.of("state", Chat.CLOSED, "by", by))))
        .compose(audited -> events.record(tx, EventName.CHAT_CLOSED, chat.topics(), ChatTranscript.data(chat).put("by", by)))
        .compose(recorded -> store.find(tx, chat.id()));
  }

  /** Marks the customers of these chats as present (they have a socket open on this node). */
  Future<Void> seen(List<Long> chatIds) {
    return chatIds.isEmpty() ? Future.succeededFuture() : store.seen(pool, chatIds, clock.instant());
  }

  /** Waiting chats whose customer has been gone longer than allowed leave the line, closed by {@code timeout}. */
  Future<Integer> closeAbandoned() {
    var now = clock.instant();
    return pool.withTransaction(tx -> store.closeAbandoned(tx, now.minusSeconds(config().abandonAfterSeconds()), now)
        .compose(closed -> {
          Future<Void> chain = Future.succeededFuture();
          for (Chat chat : closed) {
            chain = chain.compose(done -> events.record(tx, EventName.CHAT_CLOSED, chat.topics(),
                ChatTranscript.data(chat).put("by", "timeout")).mapEmpty());
          }
          return chain.map(closed.size());
        }));
  }

  Future<Map<Long, Integer>> positions(List<Long> chatIds) {
    return chatIds.isEmpty() ? Future.succeededFuture(Map.of()) : store.positions(pool, chatIds);
  }

  Future<List<CommittedEvent>> eventsAfter(long ticketId, long chatId, long seq) {
    return store.eventsAfter(pool, ticketId, chatId, seq);
  }

  /** Whether someone can chat now in the queue (by name; null = the chat intake queue). */
  public Future<JsonObject> availability(String queue) {
    return chosenQueue(queue).compose(this::availability);
  }

  private Future<JsonObject> availability(ChatStore.QueueRef chosen) {
    return store.available(pool, chosen.id(), seatsPerAgent())
        .map(available -> new JsonObject().put("queue", chosen.name()).put("available", available));
  }

  /**
   * What the widget asks when a page loads: the availability, and the invitations it may show there now (the rules
   * of {@code invitations} that wait for a free agent only while one of their queue, else this one, is free).
   */
  public Future<JsonObject> availability(String queue, ChatInvitations invitations) {
    return chosenQueue(queue).compose(chosen -> availability(chosen).compose(answer ->
        invitations.showable(chosen.id(), seatsPerAgent()).map(shown -> answer.put("invitations", shown))));
  }

  /** For the wallboard: per queue, chats waiting now and how long the oldest of them has waited, in seconds. */
  public Future<JsonArray> waitingSummary() {
    return store.waitingSummary(pool, clock.instant());
  }

  ChatOffers offers() {
    return offers;
  }

  ChatTranscript transcript() {
    return transcript;
  }

  /** The chat's settings in force: the limits administrators change at run time are read on every call. */
  Config.Chat config() {
    return config.get();
  }

  /** How many chats an agent holds at once ({@code chat.seats_per_agent}, changeable at run time). */
  int seatsPerAgent() {
    return config().seatsPerAgent();
  }

  Pool pool() {
    return pool;
  }
}
