package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.gotrs.article.Article;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleHistory;
import org.gotrs.article.ArticleStore;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.Actor;
import org.gotrs.auth.Principal;
import org.gotrs.events.DomainEvents;
import org.gotrs.http.Problem;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.history.TicketHistory;
import org.gotrs.ticket.number.TicketNumberGenerator;

/** Creating, reading and deleting tickets; changes live in {@link TicketUpdate}, lists in {@link TicketList}. */
public final class TicketService {

  static final int STATE_TYPE_PENDING = 3;
  static final int STATE_TYPE_MERGED = 6;

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;
  private final ArticleStore articles;
  private final AttachmentStore attachments;
  private final TicketNumberGenerator numbers;
  private final TicketCustomFields customFields;
  private final TicketLookups lookups = new TicketLookups();
  private final String defaultQueue;
  private final Clock clock;

  public TicketService(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
                       ArticleStore articles, AttachmentStore attachments, TicketNumberGenerator numbers,
                       TicketCustomFields customFields, String defaultQueue, Clock clock) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.history = history;
    this.articles = articles;
    this.attachments = attachments;
    this.numbers = numbers;
    this.customFields = customFields;
    this.defaultQueue = defaultQueue;
    this.clock = clock;
  }

  /** Creates the ticket with its first article in one transaction. */
  Future<Ticket> create(Actor actor, NewTicket command) {
    Principal principal = actor.principal();
    return lookups.resolve(pool, command.lookups(), defaultQueue)
        .compose(resolved -> validateCreate(principal, command, resolved).map(values -> Map.entry(resolved, values)))
        .compose(checked -> numbers.next(pool).compose(tn -> pool.withTransaction(tx ->
            insert(tx, actor, command, checked.getKey(), checked.getValue(), tn))));
  }

  /**
   * Opens a ticket for a channel (a chat, a message left for agents): in the named queue or the default one,
   * state new, priority normal, with its first article, and with the same history, audit and events as a create.
   * {@code andThen} runs in the same transaction, so the channel's own rows commit with the ticket or not at all.
   * The number is drawn before the transaction opens, as for a create. The actor may be anonymous (a visitor).
   */
  public <T> Future<T> open(Actor actor, ChannelTicket command, BiFunction<SqlClient, Ticket, Future<T>> andThen) {
    var wanted = new TicketLookups.Wanted(null, command.queue(), null, null, null, null, null, null, null, null,
        command.customerUserId() == null ? null : command.customerUserId().toString(), null, null);
    var ticket = new NewTicket(command.title(), wanted, null, List.of(), new JsonObject(), command.source(), 0,
        command.article());
    return lookups.resolve(pool, wanted, defaultQueue).compose(resolved -> {
      if (queueOf(ticket, resolved) == null) {
        return Future.failedFuture(Problem.invalid("queue", command.queue() == null
            ? "the default queue '" + defaultQueue + "' does not exist" : "names no valid queue"));
      }
      return numbers.next(pool).compose(tn -> pool.withTransaction(tx ->
          insert(tx, actor, ticket, resolved, new JsonObject(), tn).compose(opened -> andThen.apply(tx, opened))));
    });
  }

  /** Moves a ticket inside the caller's transaction (a chat handed to another queue), as a PATCH of queue_id would. */
  public Future<Ticket> moveInTransaction(SqlClient tx, Actor actor, long id, int queueId) {
    var wanted = new TicketLookups.Wanted(queueId, null, null, null, null, null, null, null, null, null, null, null,
        null);
    return updater(clock).inTransaction(tx, actor, id,
        new TicketChanges(null, wanted, false, false, null, null, null, null, null, false, null));
  }

  private Future<JsonObject> validateCreate(Principal principal, NewTicket command, TicketLookups.Resolved resolved) {
    List<Problem.FieldError> errors = new ArrayList<>(TicketLookups.missing(command.lookups(), resolved));
    Integer queueId = queueOf(command, resolved);
    if (queueId == null && !command.lookups().namesQueue()) {
      errors.add(new Problem.FieldError("queue_id", "is required"));
    }
    if (resolved.stateType() != null && resolved.stateType() == STATE_TYPE_MERGED) {
      errors.add(new Problem.FieldError("state", "a ticket is merged through POST /tickets/{id}/merge"));
    }
    if (resolved.stateType() != null && resolved.stateType() == STATE_TYPE_PENDING
        && command.untilTime() <= clock.instant().getEpochSecond()) {
      errors.add(new Problem.FieldError("until_time", "a pending state needs a pending time in the future"));
    }
    return customFields.validate(pool, command.customFields(), true, principal, errors)
        .compose(values -> {
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.invalid(errors));
          }
          if (principal.isCustomer()) {
            return Future.succeededFuture(values);
          }
          return permissions.requireOnQueue(pool, principal, queueId, "create").map(values);
        });
  }

  private static Integer queueOf(NewTicket command, TicketLookups.Resolved resolved) {
    return command.lookups().namesQueue() ? resolved.queueId() : resolved.defaultQueueId();
  }

  private Future<Ticket> insert(SqlClient tx, Actor actor, NewTicket command, TicketLookups.Resolved resolved,
                                JsonObject customValues, String tn) {
    Principal principal = actor.principal();
    boolean byCustomer = principal != null && principal.isCustomer();
    UUID agent = principal != null && principal.isAgent() ? principal.userId() : null;
    UUID customerUser = byCustomer ? principal.customerUserId() : resolved.customerUserId();
    String customerId = byCustomer ? principal.customerId()
        : command.customerId() != null ? command.customerId() : resolved.customerUserCompany();
    return tx.preparedQuery("""
            INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id,
                                responsible_user_id, ticket_priority_id, ticket_state_id, customer_id, customer_user_id,
                                until_time, create_by, change_by, source, tags, custom_fields)
            VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, jsonb_strip_nulls($17::jsonb))
            RETURNING id""")
        .execute(Tuple.from(new Object[] {tn, command.title(), queueOf(command, resolved),
            resolved.typeId() != null ? resolved.typeId() : resolved.defaultTypeId(),
            resolved.serviceId(), resolved.slaId(), resolved.ownerId(), resolved.responsibleId(),
            resolved.priorityId() != null ? resolved.priorityId() : resolved.normalPriorityId(),
            resolved.stateId() != null ? resolved.stateId() : resolved.newStateId(),
            customerId, customerUser,
            resolved.stateType() != null && resolved.stateType() == STATE_TYPE_PENDING ? (int) command.untilTime() : 0,
            agent, command.source(), command.tags().toArray(new String[0]), customValues}))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          ArticleDraft draft = command.article().subject() == null
              ? command.article().withSubject(command.title()) : command.article();
          return articles.insert(tx, id, draft, agent)
              .compose(article -> customFields.store(tx, id, customValues)
                  .compose(stored -> history.record(tx, id, agent, List.of(
                      TicketHistory.Change.of("NewTicket", "%%" + tn + "%%" + command.title(), null, tn),
                      ArticleHistory.forNewArticle(draft).withArticle(article.id()))))
                  .compose(written -> find(tx, id))
                  .compose(ticket -> audit.record(tx, actor, AuditLog.Entry.success("ticket.create", "ticket", id,
                          null, Map.of("tn", tn, "title", command.title(), "queue_id", ticket.queueId())))
                      .compose(audited -> events.record(tx, "ticket.created", topics(ticket),
                          new JsonObject().put("ticket", ticket.toJson())))
                      .compose(recorded -> events.record(tx, "article.created", topics(ticket),
                          ArticleHistory.eventData(ticket.id(), ticket.queueId(), ticket.source(), article)))
                      .map(ticket)));
        });
  }

  /** Topics an event about this ticket goes to. */
  static List<String> topics(Ticket ticket) {
    return List.of("queue:" + ticket.queueId(), "ticket:" + ticket.id());
  }

  /** The ticket if the principal may read it; 404 otherwise, so its existence does not leak. */
  public Future<Ticket> get(Actor actor, long id) {
    return permissions.requireOnTicket(pool, actor.principal(), id, "ro").compose(allowed -> find(pool, id))
        .compose(ticket -> customFields.forViewer(pool, ticket, actor.principal()));
  }

  static Future<Ticket> find(SqlClient client, long id) {
    return client.preparedQuery(Ticket.SELECT + " WHERE t.id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("ticket " + id + " not found"))
            : Future.succeededFuture(Ticket.from(rows.iterator().next())));
  }

  /** Removes the ticket with its articles, attachments and history (admins only), then the files no one shares. */
  Future<Void> delete(Actor actor, long id) {
    permissions.requireAdmin(actor.principal());
    return pool.withTransaction(tx -> find(tx, id).compose(ticket ->
        attachments.fileChecksumsOfTicket(tx, id).compose(files ->
        tx.preparedQuery("DELETE FROM custom_field_values WHERE object_id = $1 AND field_id IN "
                + "(SELECT id FROM custom_field_definitions WHERE object_type = 'ticket')").execute(Tuple.of(String.valueOf(id)))
            .compose(cleared -> tx.preparedQuery("UPDATE ticket SET merged_to_id = NULL WHERE merged_to_id = $1")
                .execute(Tuple.of(id)))
            .compose(unlinked -> tx.preparedQuery("UPDATE ticket SET split_from_id = NULL WHERE split_from_id = $1")
                .execute(Tuple.of(id)))
            .compose(unlinked -> tx.preparedQuery("DELETE FROM workflow_history WHERE ticket_id = $1").execute(Tuple.of(id)))
            .compose(cleared -> tx.preparedQuery("DELETE FROM ticket WHERE id = $1").execute(Tuple.of(id)))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("ticket.delete", "ticket", id,
                Map.of("tn", ticket.tn(), "title", ticket.title() == null ? "" : ticket.title()), null)))
            .compose(audited -> events.record(tx, "ticket.deleted", topics(ticket),
                new JsonObject().put("ticket_id", id).put("tn", ticket.tn())))
            .map(files))))
        .compose(attachments::collectGarbage);
  }

  Pool pool() {
    return pool;
  }

  TicketUpdate updater(Clock clock) {
    return new TicketUpdate(pool, permissions, audit, events, history, customFields, clock);
  }

  TicketList lister(Clock clock) {
    return new TicketList(pool, permissions, clock);
  }

  TicketMerge merger() {
    return new TicketMerge(pool, permissions, audit, events, history, articles, numbers);
  }
}
