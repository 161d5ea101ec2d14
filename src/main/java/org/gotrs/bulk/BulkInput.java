package org.gotrs.bulk;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleInput;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.TicketChanges;
import org.gotrs.ticket.TicketInput;

/** Reads a {@code POST /tickets/bulk} body; every wrong member ends up in one 422 naming it. */
final class BulkInput {

  private BulkInput() {}

  static BulkAction read(Input input, Principal principal) {
    JsonObject filter = input.object("filter", false);
    String cursor = input.string("cursor", false, 500);
    List<Long> ids = filter != null && input.array("ticket_ids", false) == null ? List.of() : ticketIds(input);
    if (filter != null && !ids.isEmpty()) {
      input.error("filter", "name the tickets or a filter, not both");
    }
    Integer runSize = input.integer("limit", false);
    if (runSize != null && (runSize < 1 || runSize > BulkAction.MAX_TICKETS)) {
      input.error("limit", "a run takes 1 to " + BulkAction.MAX_TICKETS + " tickets");
    }
    if (cursor != null && filter == null) {
      input.error("cursor", "continues a filter's run: send it with the same filter");
    }
    JsonObject changesJson = input.object("changes", false);
    JsonObject articleJson = input.object("article", false);
    Long mergeInto = input.longValue("merge_into", false);
    if (mergeInto != null && mergeInto < 1) {
      input.error("merge_into", "must be a ticket id");
    }
    if (changesJson == null && articleJson == null && mergeInto == null) {
      input.error("changes", "names nothing to do: give changes, an article or merge_into");
    }
    if (mergeInto != null && (changesJson != null || articleJson != null)) {
      input.error("merge_into", "a merge stands alone: send changes and notes in another request");
    }
    ArticleDraft note = articleJson == null ? null
        : ArticleInput.parse(articleJson, principal, "article.", input, ArticleInput.Untyped.INTERNAL_NOTE);
    if (note != null && note.articleType().startsWith("email-")) {
      input.error("article.article_type", "a bulk action adds notes; e-mails are written one ticket at a time");
    }
    TicketChanges changes = changesJson == null ? null : changes(changesJson, input);
    input.validate();
    return new BulkAction(ids, filter, cursor, runSize == null ? BulkAction.MAX_TICKETS : runSize, changes, note,
        mergeInto);
  }

  private static List<Long> ticketIds(Input input) {
    var array = input.array("ticket_ids", true);
    if (array == null) {
      return List.of();
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof Number number) || number.doubleValue() != number.longValue() || number.longValue() < 1) {
        input.error("ticket_ids", "must be a list of ticket ids");
        return List.of();
      }
      ids.add(number.longValue());
    }
    if (ids.isEmpty() || ids.size() > BulkAction.MAX_TICKETS) {
      input.error("ticket_ids", "must name 1 to " + BulkAction.MAX_TICKETS + " tickets");
    }
    return List.copyOf(ids);
  }

  /** The change, read as a PATCH body; its errors are named under {@code changes.}. */
  private static TicketChanges changes(JsonObject json, Input input) {
    try {
      return TicketInput.changes(json);
    } catch (Problem problem) {
      List<Problem.FieldError> errors = new ArrayList<>(problem.errors());
      if (errors.isEmpty()) {
        input.error("changes", problem.getMessage());
      }
      errors.forEach(error -> input.error("changes." + error.field(), error.message()));
      return null;
    }
  }
}
