package org.gotrs.ticket;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.article.ArticleDraft;

/** A validated ticket create: the ticket's fields and its first article. */
record NewTicket(
    String title,
    TicketLookups.Wanted lookups,
    String customerId,
    List<String> tags,
    JsonObject customFields,
    String source,
    long untilTime,
    ArticleDraft article) {}
