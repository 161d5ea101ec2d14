package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleInput;
import org.gotrs.article.ArticleService;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.http.Input;
import org.gotrs.permission.Actor;
import org.gotrs.ticket.Ticket;
import org.gotrs.ticket.TicketInput;
import org.gotrs.ticket.TicketService;

/**
 * TicketCreate and TicketUpdate: the OTRS structures translated into native request bodies and handed to the
 * native ticket, article and attachment services, so validation, permissions, history, audit and events are theirs.
 * Their failures are said in OTRS's words where the connector answers ({@link OtrsError#of}).
 */
final class TicketWrites {

  private final Pool pool;
  private final TicketService tickets;
  private final ArticleService articles;
  private final AttachmentService attachments;
  private final OtrsInput input;

  TicketWrites(Pool pool, TicketService tickets, ArticleService articles, AttachmentService attachments,
               OtrsInput input) {
    this.pool = pool;
    this.tickets = tickets;
    this.articles = articles;
    this.attachments = attachments;
    this.input = input;
  }

  Future<Map<String, Object>> create(Actor actor, OtrsRequest request) {
    String op = "TicketCreate";
    JsonObject ticket = request.object("Ticket");
    JsonObject article = request.object("Article");
    if (ticket == null || ticket.isEmpty()) {
      throw OtrsError.missing(op, "Ticket parameter is missing or not valid!");
    }
    if (article == null || article.isEmpty()) {
      throw OtrsError.missing(op, "Article parameter is missing or not valid!");
    }
    JsonObject nativeArticle = input.article(op, article);
    List<AttachmentStore.Bytes> files = OtrsInput.attachments(op, request.objects(op, "Attachment"));
    attachments.requireWithinLimit(files);
    return input.ticket(op, ticket, true, actor.principal())
        .compose(fields -> input.dynamicFields(op, request.objects(op, "DynamicField"))
            .map(custom -> custom == null ? fields : fields.put("custom_fields", custom)))
        .compose(fields -> tickets.create(actor, TicketInput.newTicket(Input.of(fields.put("article", nativeArticle)),
            actor.principal())))
        .compose(created -> firstArticle(created.id()).compose(articleId -> attachments
            .addContents(actor, created.id(), articleId, files)
            .map(saved -> answer(created, articleId))));
  }

  Future<Map<String, Object>> update(Actor actor, OtrsRequest request) {
    String op = "TicketUpdate";
    return ticketId(op, request).compose(id -> {
      JsonObject ticket = request.object("Ticket");
      JsonObject article = request.object("Article");
      List<JsonObject> dynamicFields = request.objects(op, "DynamicField");
      List<AttachmentStore.Bytes> files = OtrsInput.attachments(op, request.objects(op, "Attachment"));
      attachments.requireWithinLimit(files);
      ArticleDraft draft = article == null || article.isEmpty() ? null : draft(actor, input.article(op, article));
      return permissionToSee(actor, id, op)
          .compose(visible -> draft == null ? Future.succeededFuture() : requireTimeUnits(op, id, draft))
          .compose(accounted -> input.ticket(op, ticket, false, actor.principal()))
          .compose(fields -> input.dynamicFields(op, dynamicFields)
              .map(custom -> custom == null ? fields : fields.put("custom_fields", custom)))
          .compose(fields -> fields.isEmpty() ? tickets.get(actor, id) : tickets.change(actor, id, TicketInput.changes(Input.of(fields))))
          .compose(changed -> draft == null ? Future.succeededFuture(answer(changed, null))
              : addArticle(actor, changed, draft, files));
    });
  }

  /** The article checked before the ticket changes, so that an article refused leaves the ticket as it was. */
  private static ArticleDraft draft(Actor actor, JsonObject nativeArticle) {
    Input errors = Input.of(new JsonObject());
    ArticleDraft draft = ArticleInput.parse(nativeArticle, actor.principal(), "article.", errors);
    errors.validate();
    return draft;
  }

  private Future<Map<String, Object>> addArticle(Actor actor, Ticket ticket, ArticleDraft draft,
                                                 List<AttachmentStore.Bytes> files) {
    return articles.add(actor, ticket.id(), draft)
        .compose(added -> attachments.addContents(actor, ticket.id(), added.id(), files)
            .map(saved -> answer(ticket, added.id())));
  }

  /** Checked before the ticket changes: an article its queue refuses for want of time units changes nothing. */
  private Future<Void> requireTimeUnits(String op, long id, ArticleDraft draft) {
    if (!ArticleService.missesTimeUnits(draft)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("SELECT 1 FROM ticket t JOIN queue q ON q.id = t.queue_id WHERE t.id = $1 AND q.time_units_required")
        .execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : Future.failedFuture(OtrsError.missing(op,
            "Article->TimeUnit parameter is required: the ticket's queue asks for the time units worked!")));
  }

  private Future<Void> permissionToSee(Actor actor, long id, String op) {
    return tickets.get(actor, id).<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(OtrsError.accessDenied(op, "User does not have access to the ticket!")));
  }

  /** TicketID from the route, or the TicketNumber in the data. */
  private Future<Long> ticketId(String op, OtrsRequest request) {
    String id = request.text("TicketID");
    if (id != null) {
      if (!id.matches("[1-9][0-9]{0,17}")) {
        return Future.failedFuture(OtrsError.invalid(op, "TicketID parameter is invalid!"));
      }
      return Future.succeededFuture(Long.parseLong(id));
    }
    String number = request.text("TicketNumber");
    if (number == null) {
      return Future.failedFuture(OtrsError.missing(op, "TicketID or TicketNumber is required!"));
    }
    return pool.preparedQuery("SELECT id FROM ticket WHERE tn = $1").execute(Tuple.of(number))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(OtrsError.accessDenied(op, "User does not have access to the ticket!"))
            : Future.succeededFuture(rows.iterator().next().getLong(0)));
  }

  private Future<Long> firstArticle(long ticketId) {
    return pool.preparedQuery("SELECT min(id) FROM article WHERE ticket_id = $1").execute(Tuple.of(ticketId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Map<String, Object> answer(Ticket ticket, Long articleId) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("TicketID", String.valueOf(ticket.id()));
    answer.put("TicketNumber", ticket.tn());
    if (articleId != null) {
      answer.put("ArticleID", String.valueOf(articleId));
    }
    return answer;
  }
}
