package org.gotrs.ticket;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.gotrs.article.ArticleDraft;

/**
 * A ticket to create, as {@link TicketInput} read it: the ticket's fields and its first article; {@code named} every
 * member the body named.
 */
public record NewTicket(
    String title,
    TicketLookups.Wanted lookups,
    String customerId,
    List<String> tags,
    JsonObject customFields,
    String source,
    long untilTime,
    ArticleDraft article,
    Set<String> named) {}
