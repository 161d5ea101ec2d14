package org.gotrs.ticket;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleInput;
import org.gotrs.http.FormTrap;
import org.gotrs.http.Input;
import org.gotrs.permission.Principal;

/**
 * Reads ticket requests — a {@code POST /tickets} or {@code PATCH /tickets/{id}} body, the GenericInterface's
 * translation of one, a workflow's patch — into the commands {@link TicketService} takes. Every wrong member ends
 * up in one 422 naming it.
 */
public final class TicketInput {

  private static final int MAX_TAGS = 50;
  private static final Set<String> CLIENT_SOURCES = Set.of("web", "phone", "api", "email", "chat");

  private TicketInput() {}

  /** A create request body. */
  public static NewTicket newTicket(Input input, Principal principal) {
    String title = input.string("title", true, 255);
    var lookups = wanted(input);
    String customerId = input.string("customer_id", false, 150);
    List<String> tags = tags(input);
    JsonObject customFields = input.object("custom_fields", false);
    String source = input.string("source", false, 50);
    if (source != null && !CLIENT_SOURCES.contains(source)) {
      input.error("source", "must be one of " + CLIENT_SOURCES);
    }
    long untilTime = input.has("until_time") ? untilTime(input) : 0;
    JsonObject articleJson = input.object("article", true);
    ArticleDraft article = articleJson == null ? null : ArticleInput.parse(articleJson, principal, "article.", input);
    input.validate();
    Set<String> named = new HashSet<>(input.json().fieldNames());
    named.removeAll(FormTrap.FIELDS);
    return new NewTicket(title, lookups, customerId, tags == null ? List.of() : tags, customFields,
        source != null ? source : defaultSource(principal), untilTime, article, Set.copyOf(named));
  }

  /** A change request body. */
  public static TicketChanges changes(Input input) {
    String title = input.string("title", false, 255);
    if (input.has("title") && (title == null || title.isBlank())) {
      input.error("title", "must not be blank");
    }
    Integer lock = input.integer("ticket_lock_id", false);
    if (lock != null && Lock.of(lock) != Lock.UNLOCKED && Lock.of(lock) != Lock.LOCKED) {
      input.error("ticket_lock_id", "must be 1 (unlock) or 2 (lock)");
    }
    Long untilTime = input.has("until_time") ? untilTime(input) : null;
    Integer archive = input.integer("archive_flag", false);
    if (archive != null && archive != 0 && archive != 1) {
      input.error("archive_flag", "must be 0 or 1");
    }
    var changes = new TicketChanges(title, wanted(input), input.isNull("service_id"), input.isNull("sla_id"),
        input.has("user_id") || input.has("owner_id"), input.has("responsible_user_id"),
        lock == null ? null : Lock.of(lock), untilTime, tags(input), input.object("custom_fields", false),
        input.string("customer_id", false, 150), input.has("customer_id"), archive,
        Set.copyOf(input.json().fieldNames()));
    if (changes.isEmpty()) {
      input.error("body", "names no field to change");
    }
    input.validate();
    return changes;
  }

  /** A change written like a PATCH body by the system (a workflow's action, a pending state running out). */
  public static TicketChanges changes(JsonObject patch) {
    return changes(Input.of(patch));
  }

  /** The lookups a patch names (a workflow's, checked before it runs). */
  static TicketLookups.Wanted wanted(JsonObject patch) {
    return wanted(Input.of(patch));
  }

  /** The lookups a body names, by id or by name. */
  private static TicketLookups.Wanted wanted(Input input) {
    return new TicketLookups.Wanted(input.integer("queue_id", false), input.string("queue", false, 200),
        input.integer("state_id", false), input.string("state", false, 200),
        input.integer("priority_id", false), input.string("priority", false, 200),
        input.integer("type_id", false), input.string("type", false, 200),
        input.integer("service_id", false), input.integer("sla_id", false),
        input.string("customer_user", false, 200),
        input.has("user_id") ? input.uuid("user_id", false) : input.uuid("owner_id", false),
        input.uuid("responsible_user_id", false));
  }

  /** {@code until_time}: epoch seconds (OTRS) or an ISO-8601 UTC time; 0 or null clears it. */
  private static long untilTime(Input input) {
    Object value = input.json().getValue("until_time");
    if (value == null) {
      return 0;
    }
    if (value instanceof String) {
      var instant = input.instant("until_time", false);
      if (instant != null && (instant.getEpochSecond() < 0 || instant.getEpochSecond() > Integer.MAX_VALUE)) {
        input.error("until_time", "must lie between 1970 and 2038 (OTRS stores epoch seconds in 32 bits)");
        return 0;
      }
      return instant == null ? 0 : instant.getEpochSecond();
    }
    Long seconds = input.longValue("until_time", false);
    if (seconds != null && (seconds < 0 || seconds > Integer.MAX_VALUE)) {
      input.error("until_time", "is out of range");
      return 0;
    }
    return seconds == null ? 0 : seconds;
  }

  /** {@code tags}: up to 50 distinct non-blank strings of at most 100 characters. */
  private static List<String> tags(Input input) {
    List<String> tags = input.strings("tags", false, 100);
    if (tags == null) {
      return null;
    }
    if (tags.size() > MAX_TAGS || tags.stream().anyMatch(String::isBlank)) {
      input.error("tags", "must be at most " + MAX_TAGS + " non-blank tags");
      return null;
    }
    return tags.stream().map(String::strip).distinct().toList();
  }

  /** Through the web UI a session token is used; scripts use API keys. */
  private static String defaultSource(Principal principal) {
    return principal.apiKeyId() != null ? "api" : "web";
  }
}
