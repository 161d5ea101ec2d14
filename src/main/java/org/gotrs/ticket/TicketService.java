package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleHistory;
import org.gotrs.article.ArticleService;
import org.gotrs.article.ArticleStore;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Reads;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.history.TicketHistory;
import org.gotrs.history.TicketWriteHook;
import org.gotrs.http.Problem;
import org.gotrs.intake.IntakeChannel;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.number.TicketNumberGenerator;

/** Creating, reading and deleting tickets; changes live in {@link TicketUpdate}, lists in {@link TicketList}. */
public final class TicketService {

  /** A new ticket row; what is not named here (times, flags) takes its column default. */
  private static final String INSERT = """
      INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id, responsible_user_id,
                          ticket_priority_id, ticket_state_id, customer_id, customer_user_id, until_time, create_by,
                          change_by, source, tags, custom_fields)
      VALUES (#{tn}, #{title}, #{queue_id}, 1, #{type_id}, #{service_id}, #{sla_id}, #{owner_id}, #{responsible_id},
              #{priority_id}, #{state_id}, #{customer_id}, #{customer_user_id}, #{until_time}, #{agent}, #{agent},
              #{source}, #{tags}, jsonb_strip_nulls(#{custom_fields}::jsonb))
      RETURNING id""";

  private final Pool pool;
  private final Reads reads;
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
  private final TicketWriteHook afterWrite;
  private final BooleanSupplier customersMayClose;
  private final AutoAssignment assignment;

  /**
   * @param defaultQueue the queue {@code tickets.default_queue} names for tickets that name none, which wins over the
   *     intake settings; blank = none, the intake settings decide
   * @param customersMayClose whether a customer may close their own ticket ({@code portal.customers_may_close}), asked
   *     on every change since an administrator may switch it at run time
   * @param reads where lists, searches and counts read
   */
  public TicketService(Pool pool, Reads reads, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
                       ArticleStore articles, AttachmentStore attachments, TicketNumberGenerator numbers,
                       TicketCustomFields customFields, String defaultQueue, Clock clock, TicketWriteHook afterWrite,
                       BooleanSupplier customersMayClose) {
    this.pool = pool;
    this.reads = reads;
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
    this.afterWrite = afterWrite;
    this.customersMayClose = customersMayClose;
    this.assignment = new AutoAssignment(clock, history);
  }

  /** Merges one ticket into another, as {@code POST /tickets/{id}/merge} does (a bulk action merges many). */
  public Future<Ticket> merge(Actor actor, long sourceId, long targetId) {
    return merger().merge(actor, sourceId, targetId);
  }

  /** Changes a ticket, each field under its OTRS permission key (or, for a customer, the customer rules). */
  public Future<Ticket> change(Actor actor, long id, TicketChanges changes) {
    return updater(clock).update(actor, id, changes);
  }

  /**
   * Creates the ticket with its first article in one transaction: 422 naming every wrong field, else the ticket.
   * One that names no queue goes to the intake queue of its channel: a customer's to the portal's, any other to the
   * API's.
   */
  public Future<Ticket> create(Actor actor, NewTicket command) {
    Principal principal = actor.principal();
    IntakeChannel intake = principal.isCustomer() ? IntakeChannel.PORTAL : IntakeChannel.API;
    return lookups.resolve(pool, command.lookups(), defaultQueue, intake)
        .compose(resolved -> validateCreate(principal, command, resolved).map(values -> Map.entry(resolved, values)))
        .compose(checked -> pool.withTransaction(tx -> numbers.next(tx).compose(tn ->
            insert(tx, actor, command, checked.getKey(), checked.getValue(), tn, true))));
  }

  /**
   * Opens a ticket for a channel in the caller's transaction, without permission checks: the channel acts as
   * the system. Without a valid queue a chat goes to the chat intake queue, anything else (a mailbox whose queue
   * was retired) to the API's.
   */
  public Future<ChannelTicket.Opened> openInTransaction(SqlClient tx, Actor actor, ChannelTicket command) {
    String customerUser = command.customerUserId() == null ? null : command.customerUserId().toString();
    var wanted = new TicketLookups.Wanted(command.queueId(), null, command.stateId(), null, command.priorityId(), null,
        null, null, null, null, customerUser, null, null);
    IntakeChannel intake = "chat".equals(command.source()) ? IntakeChannel.CHAT : IntakeChannel.API;
    return lookups.resolve(tx, wanted, intake == IntakeChannel.CHAT ? null : defaultQueue, intake)
        .compose(resolved -> {
          var chosen = resolved.queueId() != null ? wanted : new TicketLookups.Wanted(null, null, command.stateId(),
              null, command.priorityId(), null, null, null, null, null, customerUser, null, null);
          var ticket = new NewTicket(command.title(), chosen, null, command.tags() == null ? List.of() : command.tags(),
              new JsonObject(), command.source(), 0, command.article(), Set.of());
          return numbers.next(tx).compose(tn -> insert(tx, actor, ticket, resolved, new JsonObject(), tn,
              command.assignAutomatically()));
        })
        .compose(ticket -> articles.list(tx, ticket.id(), false)
            .map(written -> new ChannelTicket.Opened(ticket, written.get(0))));
  }

  /**
   * Moves a ticket to another queue inside the caller's transaction (a chat handed to another queue), as the
   * agent's PATCH of queue_id would: move_into on both queues, history, audit and ticket.moved.
   */
  public Future<Ticket> moveInTransaction(SqlClient tx, Actor actor, long id, int queueId) {
    return updater(clock).updateInTransaction(tx, actor, id, TicketChanges.moveTo(queueId));
  }

  /**
   * An agent's change inside a transaction the caller holds (a reply that moves its ticket to the next state), checked
   * against the agent's keys like a PATCH, with its history, audit row and events.
   */
  public Future<Ticket> changeInTransaction(SqlClient tx, Actor actor, long id, TicketChanges changes) {
    return updater(clock).updateInTransaction(tx, actor, id, changes);
  }

  private Future<JsonObject> validateCreate(Principal principal, NewTicket command, TicketLookups.Resolved resolved) {
    List<Problem.FieldError> errors = new ArrayList<>(TicketLookups.missing(command.lookups(), resolved));
    Integer queueId = queueOf(command, resolved);
    if (queueId == null && !command.lookups().namesQueue()) {
      errors.add(new Problem.FieldError("queue_id", "is required"));
    }
    if (principal.isCustomer()) {
      errors.addAll(TicketField.refusedOnCustomerCreate(command.named()));
      if (resolved.queueId() != null && !resolved.queueOfferedToCustomers()) {
        errors.add(new Problem.FieldError(command.lookups().queueId() != null ? "queue_id" : "queue",
            "is not offered to customers (see GET /api/v1/portal/queues)"));
      }
    }
    if (resolved.stateType() != null && resolved.stateType() == StateType.MERGED.id()) {
      errors.add(new Problem.FieldError("state", "a ticket is merged through POST /tickets/{id}/merge"));
    }
    if (resolved.stateType() != null && resolved.stateType() == StateType.PENDING.id()
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
          return permissions.requireOnQueue(pool, principal, queueId, "create")
              .compose(allowed -> requireTimeUnits(queueId, command.article()))
              .map(values);
        });
  }

  /** 422 when the queue asks for time units and the agent's first article names none. */
  private Future<Void> requireTimeUnits(Integer queueId, ArticleDraft article) {
    if (article == null || !ArticleService.missesTimeUnits(article)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("SELECT 1 FROM queue WHERE id = $1 AND time_units_required").execute(Tuple.of(queueId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
            : Future.failedFuture(Problem.invalid("article.time_unit", ArticleService.TIME_UNITS_REQUIRED)));
  }

  private static Integer queueOf(NewTicket command, TicketLookups.Resolved resolved) {
    return command.lookups().namesQueue() ? resolved.queueId() : resolved.defaultQueueId();
  }

  private Future<Ticket> insert(SqlClient tx, Actor actor, NewTicket command, TicketLookups.Resolved resolved,
                                JsonObject customValues, String tn, boolean assignAutomatically) {
    Principal principal = actor.principal();
    UUID agent = principal.isAgent() ? principal.userId() : null;
    UUID customerUser = principal.isCustomer() ? principal.customerUserId() : resolved.customerUserId();
    String customerId = principal.isCustomer() ? principal.customerId()
        : command.customerId() != null ? command.customerId() : resolved.customerUserCompany();
    Map<String, Object> values = new HashMap<>();
    values.put("tn", tn);
    values.put("title", command.title());
    values.put("queue_id", queueOf(command, resolved));
    values.put("type_id", resolved.typeId() != null ? resolved.typeId() : resolved.defaultTypeId());
    values.put("service_id", resolved.serviceId());
    values.put("sla_id", resolved.slaId());
    values.put("owner_id", resolved.ownerId());
    values.put("responsible_id", resolved.responsibleId());
    values.put("priority_id", resolved.priorityId() != null ? resolved.priorityId() : resolved.normalPriorityId());
    values.put("state_id", resolved.stateId() != null ? resolved.stateId() : resolved.newStateId());
    values.put("customer_id", customerId);
    values.put("customer_user_id", customerUser);
    values.put("until_time", resolved.stateType() != null && resolved.stateType() == StateType.PENDING.id()
        ? (int) command.untilTime() : 0);
    values.put("agent", agent);
    values.put("source", command.source());
    values.put("tags", command.tags().toArray(new String[0]));
    values.put("custom_fields", customValues);
    return SqlTemplate.forQuery(tx, INSERT).execute(values)
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          ArticleDraft draft = command.article().subject() == null
              ? command.article().withSubject(command.title()) : command.article();
          return articles.insert(tx, id, draft, agent)
              .compose(article -> customFields.store(tx, id, customValues)
                  .compose(stored -> history.record(tx, id, agent, List.of(
                      TicketHistory.Change.of("NewTicket", "%%" + tn + "%%" + command.title(), null, tn),
                      ArticleHistory.forNewArticle(draft).withArticle(article.id()))))
                  .compose(written -> articles.accountTime(tx, article, draft, agent))
                  .compose(accounted -> resolved.ownerId() != null || !assignAutomatically ? Future.succeededFuture()
                      : assignment.assign(tx, id, (Integer) values.get("queue_id")))
                  .compose(assigned -> afterWrite.ticketWritten(tx, id))
                  .compose(indexed -> find(tx, id))
                  .compose(ticket -> audit.record(tx, actor, AuditLog.Entry.success("ticket.create", "ticket", id,
                          null, Map.of("tn", tn, "title", command.title(), "queue_id", ticket.queueId())))
                      .compose(audited -> TicketAudience.of(tx, new JsonObject().put("ticket", ticket.toJson())
                          .put(CommittedEvent.ACTOR, agent == null ? null : agent.toString()), ticket))
                      .compose(data -> events.record(tx, EventName.TICKET_CREATED, topics(ticket), data))
                      .compose(recorded -> events.record(tx, EventName.ARTICLE_CREATED, topics(ticket), TicketAudience.of(
                          ArticleHistory.eventData(ticket.id(), ticket.queueId(), ticket.source(), article),
                          ticket.queueId(), ticket.customerId(), ticket.customerUserId())))
                      .map(ticket)));
        });
  }

  /** Topics an event about this ticket goes to: its queue, itself, and its owner's own stream. */
  public static List<Topic> topics(Ticket ticket) {
    return ticket.userId() == null ? List.of(Topic.queue(ticket.queueId()), Topic.ticket(ticket.id()))
        : List.of(Topic.queue(ticket.queueId()), Topic.ticket(ticket.id()), Topic.agent(ticket.userId()));
  }

  /**
   * Where a ticket was before a change, for consumers that keep counts per queue and state type
   * (the wallboard) without reading the ticket table.
   */
  public static JsonObject previous(Integer queueId, int stateTypeId) {
    return new JsonObject().put("queue_id", queueId).put("state_type", StateType.nameOf(stateTypeId));
  }

  /**
   * The ticket if the principal may read it; 404 otherwise, so its existence does not leak. The permission
   * predicate rides along in the ticket's own statement: one round trip to the database instead of two, which under
   * load is most of what a read costs.
   */
  public Future<Ticket> get(Actor actor, long id) {
    Principal principal = actor.principal();
    var visible = permissions.ticketsVisibleTo(principal, "t", 2);
    List<Object> parameters = new ArrayList<>();
    parameters.add(id);
    parameters.addAll(visible.parameters());
    return pool.preparedQuery(Ticket.SELECT.replace("FROM ticket t", ", " + visible.sql() + " AS can_read FROM ticket t")
            + " WHERE t.id = $1")
        .execute(Tuple.from(parameters))
        .compose(rows -> rows.size() == 0 || !rows.iterator().next().getBoolean("can_read")
            ? Future.failedFuture(Problem.notFound("ticket " + id + " not found"))
            : Future.succeededFuture(Ticket.from(rows.iterator().next())))
        .compose(ticket -> customFields.forViewer(pool, ticket, principal));
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
            .compose(audited -> events.record(tx, EventName.TICKET_DELETED, topics(ticket),
                new JsonObject().put("ticket_id", id).put("tn", ticket.tn()).put("previous", new JsonObject()
                    .put("queue_id", ticket.queueId()).put("state_type", ticket.stateType()))))
            .map(files))))
        .compose(attachments::collectGarbage);
  }

  Pool pool() {
    return pool;
  }

  TicketUpdate updater(Clock clock) {
    return new TicketUpdate(pool, permissions, audit, events, history, customFields, clock, afterWrite,
        customersMayClose);
  }

  /** Changes made by the system itself: workflows, pending states running out, retention. */
  public TicketAutomation automation() {
    return new TicketAutomation(this, updater(clock));
  }

  TicketList lister(Clock clock) {
    return new TicketList(reads, permissions, customFields, clock);
  }

  TicketMerge merger() {
    return new TicketMerge(pool, permissions, audit, events, history, articles, numbers, afterWrite);
  }
}
