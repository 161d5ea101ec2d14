package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.article.Article;
import org.gotrs.article.ArticleService;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.customfield.CustomFieldService;
import org.gotrs.customfield.Definition;
import org.gotrs.permission.Actor;
import org.gotrs.ticket.Ticket;
import org.gotrs.ticket.TicketService;

/**
 * TicketGet: tickets read through the native services (so the same permission checks and customer visibility
 * apply) and shown with OTRS's field names and value formats.
 */
final class TicketView {

  private static final String OP = "TicketGet";

  private final Pool pool;
  private final TicketService tickets;
  private final ArticleService articles;
  private final AttachmentService attachments;
  private final Clock clock;

  TicketView(Pool pool, TicketService tickets, ArticleService articles, AttachmentService attachments, Clock clock) {
    this.pool = pool;
    this.tickets = tickets;
    this.articles = articles;
    this.attachments = attachments;
    this.clock = clock;
  }

  Future<Map<String, Object>> get(Actor actor, OtrsRequest request) {
    List<String> ids = new ArrayList<>();
    request.list("TicketID").forEach(item -> ids.addAll(List.of(item.split("\\s*,\\s*"))));
    if (ids.isEmpty()) {
      throw OtrsError.missing(OP, "TicketID parameter is missing!");
    }
    if (!ids.stream().allMatch(id -> id.matches("[1-9][0-9]{0,17}"))) {
      throw new OtrsError(OP, "WrongStructure", "Invalid ticket ID parameter(s) found!");
    }
    Future<List<Map<String, Object>>> all = Future.succeededFuture(new ArrayList<>());
    for (String id : ids) {
      all = all.compose(list -> one(actor, Long.parseLong(id), request).map(ticket -> {
        list.add(ticket);
        return list;
      }));
    }
    return all.map(list -> Map.of("Ticket", list));
  }

  private Future<Map<String, Object>> one(Actor actor, long id, OtrsRequest request) {
    return tickets.get(actor, id)
        .recover(failure -> Future.failedFuture(OtrsError.accessDenied(OP, "User does not have access to the ticket!")))
        .compose(ticket -> pool.preparedQuery("""
                SELECT q.group_id, r.login AS responsible, s.name AS service, sla.name AS sla, t.timeout,
                       (SELECT u.number FROM users u WHERE u.id = t.user_id) AS owner_number,
                       r.number AS responsible_number,
                       (SELECT u.number FROM users u WHERE u.id = t.create_by) AS create_by_number,
                       (SELECT u.number FROM users u WHERE u.id = t.change_by) AS change_by_number,
                       t.metadata -> 'otrs' ->> 'customer_user_id' AS otrs_customer_user,
                       (SELECT min(a.create_time) FROM article a WHERE a.ticket_id = t.id
                           AND a.article_sender_type_id = 1 AND a.is_visible_for_customer = 1) AS first_response,
                       (SELECT min(h.create_time) FROM ticket_history h JOIN ticket_history_type ht
                           ON ht.id = h.history_type_id WHERE h.ticket_id = t.id AND ht.name = 'Lock') AS first_lock
                  FROM ticket t LEFT JOIN queue q ON q.id = t.queue_id LEFT JOIN users r ON r.id = t.responsible_user_id
                  LEFT JOIN service s ON s.id = t.service_id LEFT JOIN sla ON sla.id = t.sla_id
                 WHERE t.id = $1""").execute(Tuple.of(id))
            .compose(rows -> {
              Map<String, Object> shown = fields(ticket, rows.iterator().next(), request.flag("Extended"));
              Future<Void> dynamic = request.flag("DynamicFields") ? dynamicFields(actor, ticket, shown)
                  : Future.succeededFuture();
              return dynamic.compose(done -> request.flag("AllArticles") ? articles(actor, ticket, request, shown)
                  : Future.succeededFuture()).map(done -> shown);
            }));
  }

  private Map<String, Object> fields(Ticket t, Row extra, boolean extended) {
    long now = clock.instant().getEpochSecond();
    boolean pending = "pending".equals(t.stateType());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("TicketID", String.valueOf(t.id()));
    m.put("TicketNumber", t.tn());
    m.put("Title", OtrsFormat.text(t.title()));
    m.put("State", t.state());
    m.put("StateID", OtrsFormat.text(t.stateId()));
    m.put("StateType", pending ? (t.state().startsWith("pending auto") ? "pending auto" : "pending reminder")
        : t.stateType());
    m.put("Priority", t.priority());
    m.put("PriorityID", OtrsFormat.text(t.priorityId()));
    m.put("Lock", t.lock());
    m.put("LockID", OtrsFormat.text(t.ticketLockId()));
    m.put("Queue", t.queue());
    m.put("QueueID", OtrsFormat.text(t.queueId()));
    m.put("GroupID", OtrsFormat.text(extra.getInteger("group_id")));
    m.put("CustomerID", OtrsFormat.text(t.customerId()));
    m.put("CustomerUserID", t.customerUser() != null ? t.customerUser() : OtrsFormat.text(extra.getString("otrs_customer_user")));
    // an unowned ticket belongs to root@localhost in OTRS, and clients expect an owner
    m.put("Owner", t.owner() == null ? UserNumbers.ROOT_LOGIN : t.owner());
    m.put("OwnerID", UserNumbers.shown(extra.getInteger("owner_number")));
    m.put("Type", OtrsFormat.text(t.type()));
    m.put("TypeID", OtrsFormat.text(t.typeId()));
    m.put("SLA", OtrsFormat.text(extra.getString("sla")));
    m.put("SLAID", OtrsFormat.text(t.slaId()));
    m.put("Service", OtrsFormat.text(extra.getString("service")));
    m.put("ServiceID", OtrsFormat.text(t.serviceId()));
    m.put("Responsible", OtrsFormat.text(extra.getString("responsible")));
    m.put("ResponsibleID", OtrsFormat.text(extra.getInteger("responsible_number")));
    m.put("Age", t.createTime() == null ? 0 : now - t.createTime().getEpochSecond());
    m.put("Created", OtrsFormat.time(t.createTime()));
    m.put("CreateTimeUnix", t.createTime() == null ? "0" : String.valueOf(t.createTime().getEpochSecond()));
    m.put("CreateBy", UserNumbers.shown(extra.getInteger("create_by_number")));
    m.put("Changed", OtrsFormat.time(t.changeTime()));
    m.put("ChangeBy", UserNumbers.shown(extra.getInteger("change_by_number")));
    m.put("ArchiveFlag", t.archiveFlag() == 1 ? "y" : "n");
    m.put("UnlockTimeout", OtrsFormat.text(extra.getInteger("timeout") == null ? 0 : extra.getInteger("timeout")));
    m.put("RealTillTimeNotUsed", String.valueOf(t.untilTime()));
    m.put("UntilTime", pending && t.untilTime() > 0 ? t.untilTime() - now : 0);
    m.put("EscalationTime", String.valueOf(t.escalationTime()));
    m.put("EscalationResponseTime", String.valueOf(t.escalationResponseTime()));
    m.put("EscalationUpdateTime", String.valueOf(t.escalationUpdateTime()));
    m.put("EscalationSolutionTime", String.valueOf(t.escalationSolutionTime()));
    m.put("TimeUnit", OtrsFormat.units(t.timeUnitsTotal()));
    if (extended) {
      var firstResponse = extra.getLocalDateTime("first_response");
      var firstLock = extra.getLocalDateTime("first_lock");
      m.put("FirstResponse", firstResponse == null ? "" : OtrsFormat.time(firstResponse.toInstant(ZoneOffset.UTC)));
      m.put("FirstResponseInMin", firstResponse == null || t.createTime() == null ? ""
          : String.valueOf((firstResponse.toEpochSecond(ZoneOffset.UTC) - t.createTime().getEpochSecond()) / 60));
      m.put("FirstLock", firstLock == null ? "" : OtrsFormat.time(firstLock.toInstant(ZoneOffset.UTC)));
    }
    return m;
  }

  /** Every ticket field the caller may see, by its OTRS name where it came from OTRS; unset ones as null. */
  private Future<Void> dynamicFields(Actor actor, Ticket ticket, Map<String, Object> shown) {
    return CustomFieldService.definitions(pool, "ticket").map(definitions -> {
      List<Map<String, Object>> fields = new ArrayList<>();
      for (Definition definition : definitions) {
        if (actor.principal().isCustomer() && !definition.visibleForCustomer()) {
          continue;
        }
        Object value = ticket.customFields().getValue(definition.fieldName());
        if (value != null && definition.fieldType().equals("date")) {
          value = value + " 00:00:00";
        }
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("Name", definition.fieldConfig().getString("otrs_name", definition.fieldName()));
        field.put("Value", value instanceof JsonArray list ? list.getList() : value);
        fields.add(field);
      }
      shown.put("DynamicField", fields);
      return null;
    });
  }

  private Future<Void> articles(Actor actor, Ticket ticket, OtrsRequest request, Map<String, Object> shown) {
    boolean withFiles = request.flag("Attachments");
    boolean contents = request.text("GetAttachmentContents") == null || request.flag("GetAttachmentContents");
    List<String> senderTypes = request.list("ArticleSenderType");
    Future<List<AttachmentStore.Loaded>> files = withFiles ? attachments.allOfTicket(actor, ticket.id())
        : Future.succeededFuture(List.of());
    return articles.list(actor, ticket.id()).compose(list -> files.compose(loaded -> UserNumbers.of(pool,
        list.stream().map(Article::createBy).toList()).map(numbers -> {
      List<Article> chosen = new ArrayList<>(list.stream()
          .filter(a -> senderTypes.isEmpty() || senderTypes.contains(a.senderType())).toList());
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < chosen.size(); i++) {
        out.add(article(chosen.get(i), i + 1, withFiles, contents, loaded, numbers));
      }
      if ("DESC".equalsIgnoreCase(request.text("ArticleOrder"))) {
        java.util.Collections.reverse(out);
      }
      String limit = request.text("ArticleLimit");
      if (limit != null && limit.matches("[1-9][0-9]{0,6}") && Integer.parseInt(limit) < out.size()) {
        out = new ArrayList<>(out.subList(0, Integer.parseInt(limit)));
      }
      if (!out.isEmpty()) {
        shown.put("Article", out);
      }
      return null;
    })));
  }

  private static Map<String, Object> article(Article a, int number, boolean withFiles, boolean contents,
                                             List<AttachmentStore.Loaded> loaded, Map<UUID, Integer> users) {
    String[] mime = OtrsFormat.mimeAndCharset(a.contentType());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ArticleID", String.valueOf(a.id()));
    m.put("TicketID", String.valueOf(a.ticketId()));
    m.put("ArticleNumber", number);
    m.put("From", OtrsFormat.text(a.fromAddress()));
    m.put("ReplyTo", "");
    m.put("To", OtrsFormat.text(a.toAddress()));
    m.put("Cc", OtrsFormat.text(a.ccAddress()));
    m.put("Bcc", "");
    m.put("Subject", OtrsFormat.text(a.subject()));
    m.put("MessageID", OtrsFormat.text(a.messageId()));
    m.put("InReplyTo", OtrsFormat.text(a.inReplyTo()));
    m.put("References", OtrsFormat.text(a.references()));
    m.put("ContentType", a.contentType() == null ? "text/plain" : a.contentType());
    m.put("Body", OtrsFormat.text(a.plainBody() != null ? a.plainBody() : a.body()));
    m.put("Charset", mime[1]);
    m.put("MimeType", mime[0]);
    m.put("IncomingTime", String.valueOf(a.incomingTime()));
    m.put("SenderType", OtrsFormat.text(a.senderType()));
    m.put("SenderTypeID", OtrsFormat.text(a.articleSenderTypeId()));
    m.put("CommunicationChannelID", String.valueOf(channel(a.articleType())));
    m.put("IsVisibleForCustomer", a.isVisibleForCustomer() ? 1 : 0);
    m.put("CreateBy", UserNumbers.shown(users.get(a.createBy())));
    m.put("CreateTime", OtrsFormat.time(a.createTime()));
    m.put("ChangeBy", UserNumbers.shown(users.get(a.createBy())));
    m.put("ChangeTime", OtrsFormat.time(a.createTime()));
    m.put("TimeUnit", OtrsFormat.units(a.timeUnit()));
    if (withFiles) {
      List<Map<String, Object>> files = new ArrayList<>();
      for (AttachmentStore.Loaded file : loaded) {
        if (file.attachment().articleId() != a.id()) {
          continue;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Content", contents ? Base64.getEncoder().encodeToString(file.content().getBytes()) : "");
        f.put("ContentAlternative", "");
        f.put("ContentID", OtrsFormat.text(file.attachment().contentId()));
        f.put("ContentType", OtrsFormat.text(file.attachment().contentType()));
        f.put("Disposition", OtrsFormat.text(file.attachment().disposition()));
        f.put("FileID", files.size() + 1);
        f.put("Filename", OtrsFormat.text(file.attachment().filename()));
        f.put("FilesizeRaw", String.valueOf(file.content().length()));
        files.add(f);
      }
      m.put("Attachment", files);
    }
    return m;
  }

  /** OTRS 6 communication channels: 1 Email, 2 Phone, 3 Internal, 4 Chat. */
  static int channel(String articleType) {
    if (articleType == null) {
      return 3;
    }
    if (articleType.startsWith("email")) {
      return 1;
    }
    if (articleType.equals("phone") || articleType.equals("fax") || articleType.equals("sms")) {
      return 2;
    }
    return articleType.startsWith("chat") ? 4 : 3;
  }
}
