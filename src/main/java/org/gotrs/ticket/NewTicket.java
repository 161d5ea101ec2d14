package org.gotrs.ticket;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleInput;
import org.gotrs.http.Input;
import org.gotrs.permission.Principal;

/** A validated ticket create: the ticket's fields and its first article; {@code named} every member the body named. */
record NewTicket(
    String title,
    TicketLookups.Wanted lookups,
    String customerId,
    List<String> tags,
    JsonObject customFields,
    String source,
    long untilTime,
    ArticleDraft article,
    Set<String> named) {

  private static final Set<String> CLIENT_SOURCES = Set.of("web", "phone", "api", "email", "chat");

  /** Reads a create request body ({@code POST /tickets}); every wrong field ends up in one 422. */
  static NewTicket from(Input input, Principal principal) {
    String title = input.string("title", true, 255);
    var lookups = TicketLookups.Wanted.from(input);
    String customerId = input.string("customer_id", false, 150);
    List<String> tags = TicketRoutes.tags(input);
    JsonObject customFields = input.object("custom_fields", false);
    String source = input.string("source", false, 50);
    if (source != null && !CLIENT_SOURCES.contains(source)) {
      input.error("source", "must be one of " + CLIENT_SOURCES);
    }
    long untilTime = input.has("until_time") ? TicketChanges.untilTime(input) : 0;
    JsonObject articleJson = input.object("article", true);
    ArticleDraft article = articleJson == null ? null : ArticleInput.parse(articleJson, principal, "article.", input);
    input.validate();
    return new NewTicket(title, lookups, customerId, tags == null ? List.of() : tags, customFields,
        source != null ? source : defaultSource(principal), untilTime, article, Set.copyOf(input.json().fieldNames()));
  }

  /** Through the web UI a session token is used; scripts use API keys. */
  private static String defaultSource(Principal principal) {
    return principal.apiKeyId() != null ? "api" : "web";
  }
}
