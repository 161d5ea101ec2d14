package org.gotrs.notification;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.EventRelay;
import org.gotrs.events.SingleFlight;
import org.gotrs.events.Topic;
import org.gotrs.mail.Acknowledgements;
import org.gotrs.mail.MailQueue;
import org.gotrs.templates.TicketTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes notifications from committed events, off the request path. The events are read from the log after a cursor
 * that moves in the transaction writing their notifications, so each event is acted on exactly once across the
 * cluster (the node holding the cursor row works, the others skip it). Per event: the agents concerned are found in
 * one query, each gets a stored notification (pushed as {@code notification.created} on {@code agent:<id>}) and, when
 * their preferences say so, a mail, at most one a minute per ticket and kind; customers get the agents' web answers by
 * mail and, for tickets opened without mail, the queue's acknowledgement.
 */
public final class EventNotifier extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EventNotifier.class);
  private static final Set<EventName> HEARD = EnumSet.of(EventName.TICKET_CREATED, EventName.TICKET_UPDATED,
      EventName.TICKET_MOVED, EventName.ARTICLE_CREATED, EventName.ESCALATION_WARNING, EventName.ESCALATION_BREACHED,
      EventName.TICKET_PENDING_REMINDER, EventName.TICKET_LOCK_TIMEOUT);
  private static final String[] HEARD_NAMES = HEARD.stream().map(EventName::wire).toArray(String[]::new);
  private static final int BATCH = 50;
  /**
   * A batch also ends once it has taken this long: its transaction holds back the numbering of every event committed
   * after it began (see {@code events.Sequencer}), so under load it must stay short, not run through 50 events.
   */
  private static final long BATCH_MS = 20;
  private static final long POLL_MS = 5_000;
  private static final long PRUNE_MS = 600_000;

  private final Pool pool;
  private final DomainEvents events;
  private final Acknowledgements acknowledgements;
  private final TicketTags tags;
  private final boolean closeMail;
  private final boolean pendingReminderMail;
  private final SingleFlight drain = new SingleFlight(this::step);

  /**
   * @param closeMail whether a customer hears by mail that an agent closed their ticket
   * @param pendingReminderMail whether a customer hears by mail that their pending ticket's reminder is reached
   */
  public EventNotifier(Pool pool, DomainEvents events, Acknowledgements acknowledgements, TicketTags tags,
                       boolean closeMail, boolean pendingReminderMail) {
    this.pool = pool;
    this.events = events;
    this.acknowledgements = acknowledgements;
    this.tags = tags;
    this.closeMail = closeMail;
    this.pendingReminderMail = pendingReminderMail;
  }

  @Override
  public Future<?> start() {
    EventRelay.listen(vertx, HEARD, event -> drain.run());
    vertx.setPeriodic(POLL_MS, id -> drain.run());
    vertx.setPeriodic(PRUNE_MS, id -> pool.query(NotificationSql.PRUNE_MAIL_WINDOW).execute()
        .onFailure(failure -> LOG.debug("mail window pruning failed: {}", failure.getMessage())));
    drain.run();
    return Future.succeededFuture();
  }

  /**
   * Acts on the next batch of events if this node holds the cursor; true when events were left for the next one. A batch is one
   * statement per event; should it fail, it is done again with each event under a savepoint, so that one event that
   * cannot be acted on is passed over without costing the others (and without two round trips per event every time).
   */
  private Future<Boolean> step() {
    return attempt(false)
        .recover(failure -> {
          LOG.debug("notifications: batch failed ({}), again event by event", failure.getMessage());
          return attempt(true);
        })
        .onFailure(failure -> LOG.warn("notifications: {}", failure.getMessage()));
  }

  private Future<Boolean> attempt(boolean eventByEvent) {
    return pool.withTransaction(tx -> tx.query(NotificationSql.PLANNED_ONCE).execute()
        .compose(planned -> tx.query(NotificationSql.CURSOR).execute())
        .compose(cursor -> cursor.size() == 0 ? Future.succeededFuture(false)
            : batch(tx, cursor.iterator().next().getLong("last_seq"), eventByEvent)));
  }

  private Future<Boolean> batch(SqlClient tx, long last, boolean eventByEvent) {
    long began = System.nanoTime();
    return tx.query(NotificationSql.NEWEST).execute()
        .map(newest -> newest.iterator().next().getLong(0))
        .compose(newest -> tx.preparedQuery(NotificationSql.NEXT_EVENTS)
            .execute(Tuple.of(last, newest, HEARD_NAMES, BATCH))
            .compose(rows -> {
              List<Row> waiting = new ArrayList<>();
              rows.forEach(waiting::add);
              return actOn(tx, waiting, 0, last, began, eventByEvent).compose(reached -> {
                boolean more = reached.acted() < waiting.size() || waiting.size() == BATCH;
                // a batch that acted on every event it read up to the newest has seen them all; else it goes on
                return announce(tx, last, reached.seq())
                    .compose(announced -> advance(tx, more ? reached.seq() : Math.max(last, newest)))
                    .map(more);
              });
            }));
  }

  /** How many of the batch's events were acted on, and the last one's number. */
  private record Reached(int acted, long seq) {}

  /** Acts on the events from {@code index} on, one after another, until {@link #BATCH_MS} have passed. */
  private Future<Reached> actOn(SqlClient tx, List<Row> waiting, int index, long seq, long began, boolean eventByEvent) {
    if (index == waiting.size() || index > 0 && System.nanoTime() - began > BATCH_MS * 1_000_000) {
      return Future.succeededFuture(new Reached(index, seq));
    }
    Row row = waiting.get(index);
    return (eventByEvent ? guarded(tx, row) : act(tx, row))
        .compose(acted -> actOn(tx, waiting, index + 1, row.getLong("seq"), began, eventByEvent));
  }

  /** Pushes each of the batch's notifications on its agent's own topic, all in one statement. */
  private Future<Void> announce(SqlClient tx, long after, long through) {
    return tx.preparedQuery(NotificationSql.WRITTEN).execute(Tuple.of(after, through)).compose(rows -> {
      List<Map.Entry<Topic, JsonObject>> pushes = new ArrayList<>();
      for (Row row : rows) {
        Notification notification = Notification.from(row);
        pushes.add(Map.entry(Topic.agent(notification.userId()), notification.toJson()));
      }
      return events.recordEach(tx, EventName.NOTIFICATION_CREATED, pushes);
    });
  }

  private Future<Void> advance(SqlClient tx, long seq) {
    return tx.preparedQuery(NotificationSql.ADVANCE).execute(Tuple.of(seq)).mapEmpty();
  }

  /** One event under a savepoint: one that cannot be acted on is logged and passed over, never retried forever. */
  private Future<Void> guarded(SqlClient tx, Row row) {
    return tx.query("SAVEPOINT notification").execute()
        .compose(saved -> act(tx, row))
        .compose(handled -> tx.query("RELEASE SAVEPOINT notification").execute().<Void>mapEmpty())
        .recover(failure -> {
          LOG.warn("no notifications for event {} ({}): {}", row.getLong("seq"), row.getString("name"),
              failure.getMessage(), failure);
          return tx.query("ROLLBACK TO SAVEPOINT notification").execute().mapEmpty();
        });
  }

  private Future<Void> act(SqlClient tx, Row row) {
    JsonObject data = row.getValue("data") instanceof JsonObject object ? object : new JsonObject();
    return handle(tx, row.getLong("seq"), EventName.of(row.getString("name")), data);
  }

  private Future<Void> handle(SqlClient tx, long seq, EventName name, JsonObject data) {
    if (name == EventName.ARTICLE_CREATED) {
      return article(tx, seq, data);
    }
    Reasons reasons = Reasons.of(name, data);
    Future<Void> notified = reasons == null ? Future.succeededFuture() : notify(tx, seq, reasons, List.of());
    if (reasons == null) {
      return notified;
    }
    if (name == EventName.TICKET_CREATED) {
      return notified.compose(done -> acknowledgements.ticketOpened(tx, reasons.ticketId()));
    }
    if (closeMail && name == EventName.TICKET_UPDATED && closedByAnAgent(data)) {
      return notified.compose(done -> CustomerMail.about(tx, tags, reasons.ticketId(), reasons.actor(),
          NotificationText.CUSTOMER_CLOSED));
    }
    if (pendingReminderMail && name == EventName.TICKET_PENDING_REMINDER) {
      return notified.compose(done -> CustomerMail.about(tx, tags, reasons.ticketId(), null,
          NotificationText.CUSTOMER_PENDING_REMINDER));
    }
    return notified;
  }

  /** The change set a closed state on an open ticket, and an agent made it (a customer knows what they closed). */
  private static boolean closedByAnAgent(JsonObject data) {
    JsonObject ticket = data.getJsonObject("ticket");
    JsonObject previous = data.getJsonObject("previous");
    var changed = data.getJsonArray("changed");
    return ticket != null && changed != null && changed.contains("state_id")
        && "closed".equals(ticket.getString("state_type"))
        && (previous == null || !"closed".equals(previous.getString("state_type")))
        && data.getString(CommittedEvent.ACTOR) != null;
  }

  /**
   * A new article: the customer's follow-up (not the ticket's first article), {@code @login} mentions in an agent's
   * internal note, watchers; and an agent's customer-visible answer that is not mail is mailed to the customer.
   */
  private Future<Void> article(SqlClient tx, long seq, JsonObject data) {
    JsonObject article = data.getJsonObject("article");
    Long ticketId = data.getLong("ticket_id");
    if (article == null || ticketId == null || article.getLong("id") == null) {
      return Future.succeededFuture();
    }
    long articleId = article.getLong("id");
    String sender = article.getString("sender_type");
    String type = article.getString("article_type", "");
    boolean internal = article.getBoolean("internal_note", false)
        || !article.getBoolean("is_visible_for_customer", true);
    UUID actor = Reasons.uuid(data.getString(CommittedEvent.ACTOR));
    return tx.preparedQuery(NotificationSql.EARLIER_ARTICLE).execute(Tuple.of(ticketId, articleId))
        .compose(earlier -> {
          if (!earlier.iterator().next().getBoolean(0)) {
            return Future.succeededFuture(); // the ticket's first article: ticket.created told of it
          }
          Future<List<String>> mentioned = "agent".equals(sender) && internal
              ? tx.preparedQuery(NotificationSql.ARTICLE_TEXT).execute(Tuple.of(articleId))
                  .map(rows -> rows.size() == 0 ? List.<String>of()
                      : Reasons.mentions(rows.iterator().next().getString("text")))
              : Future.succeededFuture(List.of());
          return mentioned.compose(logins -> notify(tx, seq,
                  Reasons.ofArticle(ticketId, "customer".equals(sender), List.of(), actor), logins))
              .compose(done -> "agent".equals(sender) && !internal && webAnswer(type)
                  ? CustomerMail.answer(tx, tags, ticketId, articleId) : Future.succeededFuture());
        });
  }

  /** Not mail (the outbox sends that), not chat (the customer reads it live), not the record of a phone call. */
  private static boolean webAnswer(String articleType) {
    return !articleType.startsWith("email") && !articleType.startsWith("chat") && !articleType.startsWith("phone");
  }

  /** The event's notifications stored and their mail windows marked in one statement; then the mails due. */
  private Future<Void> notify(SqlClient tx, long seq, Reasons reasons, List<String> mentions) {
    List<Reasons.Named> named = reasons.named();
    Tuple parameters = Tuple.tuple()
        .addLong(reasons.ticketId())
        .addArrayOfUUID(named.stream().map(Reasons.Named::userId).toArray(UUID[]::new))
        .addArrayOfString(named.stream().map(n -> n.event().wire()).toArray(String[]::new))
        .addArrayOfInteger(named.stream().map(Reasons.Named::rank).toArray(Integer[]::new))
        .addString(wire(reasons.owner()))
        .addString(wire(reasons.responsible()))
        .addString(wire(reasons.myQueues()))
        .addArrayOfString(mentions.toArray(String[]::new))
        .addBoolean(reasons.watchers())
        .addUUID(reasons.actor())
        .addLong(seq)
        .addString(reasons.detail())
        .addArrayOfString(NotificationEvent.WIRES)
        .addArrayOfString(NotificationEvent.SENTENCES);
    return tx.preparedQuery(NotificationSql.NOTIFY).execute(parameters).compose(due -> {
      List<Mail> mails = new ArrayList<>();
      for (Row row : due) {
        mails.add(new Mail(NotificationEvent.of(row.getString("event")), row.getString("text"),
            new NotificationText.Recipient(row.getString("login"), row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("language"))));
      }
      return mail(tx, reasons, mails);
    });
  }

  /** A mail to be written: the event, its one-sentence text (should the event have no mail text) and to whom. */
  private record Mail(NotificationEvent event, String sentence, NotificationText.Recipient to) {}

  /**
   * The mails due, each in the recipient's language, the tags filled once for the ticket and the agent who acted.
   */
  private Future<Void> mail(SqlClient tx, Reasons reasons, List<Mail> due) {
    if (due.isEmpty()) {
      return Future.succeededFuture();
    }
    long ticketId = reasons.ticketId();
    List<String> kinds = due.stream().map(m -> m.event().wire()).distinct().toList();
    return tags.of(tx, ticketId, reasons.actor())
        .compose(values -> NotificationText.of(tx, kinds).compose(texts -> {
          List<MailQueue.Message> messages = new ArrayList<>();
          for (Mail m : due) {
            NotificationText text = NotificationText.choose(texts, m.event().wire(), m.to().language());
            NotificationText.Filled filled = text == null
                ? new NotificationText.Filled(m.sentence(), AgentMail.body(m.sentence()))
                : text.fill(values, m.to(), reasons.detail());
            messages.add(new MailQueue.Message(ticketId, "notification:" + m.event().wire(), m.to().email(),
                filled.subject(), filled.body(), true));
          }
          return MailQueue.enqueue(tx, messages);
        }));
  }

  private static String wire(NotificationEvent event) {
    return event == null ? null : event.wire();
  }
}
