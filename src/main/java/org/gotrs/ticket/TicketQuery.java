package org.gotrs.ticket;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Problem;

/** The filters, sort and page of a ticket list, parsed and validated from the query string. */
record TicketQuery(
    Integer queueId,
    String state,
    Integer stateId,
    String stateType,
    Integer priorityId,
    UUID ownerId,
    String ownerKeyword,
    UUID responsibleId,
    String customerId,
    UUID customerUserId,
    String tag,
    Map<String, String> customFields,
    Instant createdAfter,
    Instant createdBefore,
    Instant changedAfter,
    Instant changedBefore,
    Boolean escalated,
    Boolean atRisk,
    boolean pendingReached,
    boolean watched,
    String archived,
    String text,
    Sort sort,
    int limit,
    Cursor cursor) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Whether the filters find the same tickets whoever asks, before permissions: no "me", "watched" or text. */
  boolean sameForEveryAgent() {
    return !"me".equals(ownerKeyword) && !watched && text == null;
  }

  /** Sort keys: a column plus id as the tie-breaker, newest/highest first unless ascending. */
  enum Sort {
    CREATED("t.id", false), CREATED_ASC("t.id", true),
    CHANGED("t.change_time", false), CHANGED_ASC("t.change_time", true),
    PRIORITY("t.ticket_priority_id", false), PRIORITY_ASC("t.ticket_priority_id", true),
    ESCALATION_ASC("t.escalation_time", true),
    RELEVANCE("rank", false);

    final String column;
    final boolean ascending;

    Sort(String column, boolean ascending) {
      this.column = column;
      this.ascending = ascending;
    }

    static Sort parse(String text, boolean searching) {
      if (text == null || text.isBlank()) {
        return searching ? RELEVANCE : CREATED;
      }
      return switch (text) {
        case "-created", "created_desc" -> CREATED;
        case "created" -> CREATED_ASC;
        case "-changed" -> CHANGED;
        case "changed" -> CHANGED_ASC;
        case "-priority" -> PRIORITY;
        case "priority" -> PRIORITY_ASC;
        case "escalation" -> ESCALATION_ASC;
        case "relevance" -> searching ? RELEVANCE : null;
        default -> null;
      };
    }
  }

  /** Where the previous page ended: the sort value and the id. Opaque to clients. */
  record Cursor(Sort sort, String value, long id) {
    String encode() {
      String raw = sort.name() + "|" + (value == null ? "" : value) + "|" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text, Sort sort) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        String[] parts = raw.split("\\|", -1);
        if (parts.length != 3 || Sort.valueOf(parts[0]) != sort) {
          throw new IllegalArgumentException();
        }
        if (!parts[1].isEmpty() && sort != Sort.CREATED && sort != Sort.CREATED_ASC) {
          if (sort == Sort.CHANGED || sort == Sort.CHANGED_ASC) {
            java.time.LocalDateTime.parse(parts[1]);
          } else {
            Double.parseDouble(parts[1]);
          }
        }
        return new Cursor(sort, parts[1], Long.parseLong(parts[2]));
      } catch (RuntimeException e) {
        throw Problem.invalid("cursor", "is not a cursor from this list (with the same sort)");
      }
    }
  }

  /** The list's filters, as a saved view stores them: the query parameters without sort and paging. */
  static final java.util.Set<String> FILTERS = java.util.Set.of("queue_id", "state", "state_id", "state_type",
      "priority_id", "owner_id", "responsible_user_id", "customer_id", "customer_user_id", "tag", "created_after",
      "created_before", "changed_after", "changed_before", "escalated", "at_risk", "pending_reached", "watched", "archived", "q");

  /**
   * A saved view's filters (a JSON object of list parameters) with the view's sort and a page: parsed as the list's
   * query string is, so a view never filters differently from the list.
   */
  static TicketQuery fromFilters(io.vertx.core.json.JsonObject filters, String sort, MultiMap page) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String name : filters.fieldNames()) {
      Object value = filters.getValue(name);
      if (!FILTERS.contains(name) && !name.startsWith("custom_field.") && !name.startsWith("cf.")) {
        errors.add(new Problem.FieldError("filters." + name, "is not a ticket list filter"));
      } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        params.add(name, String.valueOf(value));
      } else {
        errors.add(new Problem.FieldError("filters." + name, "must be a string, number or boolean"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    if (sort != null) {
      params.add("sort", sort);
    }
    if (page != null) {
      for (String name : List.of("limit", "cursor")) {
        if (page.get(name) != null) {
          params.add(name, page.get(name));
        }
      }
    }
    return parse(params);
  }

  static TicketQuery parse(MultiMap params) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String text = text(params, "q", 500, errors);
    Sort sort = Sort.parse(params.get("sort"), text != null);
    if (sort == null) {
      errors.add(new Problem.FieldError("sort", "must be one of created, -created, changed, -changed, priority, "
          + "-priority, escalation" + (text != null ? ", relevance" : "")));
      sort = Sort.CREATED;
    }
    Map<String, String> customFields = new LinkedHashMap<>();
    for (String name : params.names()) {
      if (name.startsWith("custom_field.") || name.startsWith("cf.")) {
        String field = name.substring(name.indexOf('.') + 1);
        if (!field.matches("[a-z][a-z0-9_]{0,99}")) {
          errors.add(new Problem.FieldError(name, "names no custom field"));
        } else {
          customFields.put(field, params.get(name));
        }
      }
    }
    String archived = params.get("archived");
    if (archived != null && !List.of("true", "false", "all").contains(archived)) {
      errors.add(new Problem.FieldError("archived", "must be true, false or all"));
    }
    String escalated = params.get("escalated");
    if (escalated != null && !List.of("true", "false").contains(escalated)) {
      errors.add(new Problem.FieldError("escalated", "must be true or false"));
    }
    String atRisk = params.get("at_risk");
    if (atRisk != null && !List.of("true", "false").contains(atRisk)) {
      errors.add(new Problem.FieldError("at_risk", "must be true or false"));
    }
    String pendingReached = params.get("pending_reached");
    if (pendingReached != null && !List.of("true", "false").contains(pendingReached)) {
      errors.add(new Problem.FieldError("pending_reached", "must be true or false"));
    }
    // owner_id names an agent, or "me" (the caller) or "none" (no owner)
    String owner = params.get("owner_id");
    String ownerKeyword = "me".equals(owner) || "none".equals(owner) ? owner : null;
    String stateType = text(params, "state_type", 200, errors);
    if (stateType != null && !stateType.matches("[a-z ]+(,[a-z ]+)*")) {
      errors.add(new Problem.FieldError("state_type", "must be a state type or several joined by commas"));
    }
    String watched = params.get("watched");
    if (watched != null && !List.of("true", "false").contains(watched)) {
      errors.add(new Problem.FieldError("watched", "must be true or false"));
    }
    Integer limit = integer(params, "limit", errors);
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      errors.add(new Problem.FieldError("limit", "must be between 1 and " + MAX_LIMIT));
    }
    var query = new TicketQuery(integer(params, "queue_id", errors), text(params, "state", 200, errors),
        integer(params, "state_id", errors), stateType,
        integer(params, "priority_id", errors), ownerKeyword == null ? uuid(params, "owner_id", errors) : null,
        ownerKeyword, uuid(params, "responsible_user_id", errors), text(params, "customer_id", 150, errors),
        uuid(params, "customer_user_id", errors), text(params, "tag", 100, errors), customFields,
        instant(params, "created_after", errors), instant(params, "created_before", errors),
        instant(params, "changed_after", errors), instant(params, "changed_before", errors),
        escalated == null ? null : Boolean.valueOf(escalated), atRisk == null ? null : Boolean.valueOf(atRisk),
        "true".equals(pendingReached), "true".equals(watched),
        archived == null ? "false" : archived, text, sort,
        limit == null ? DEFAULT_LIMIT : limit, null);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    String cursor = params.get("cursor");
    return cursor == null || cursor.isBlank() ? query : query.withCursor(Cursor.decode(cursor, sort));
  }

  TicketQuery withCursor(Cursor next) {
    return new TicketQuery(queueId, state, stateId, stateType, priorityId, ownerId, ownerKeyword, responsibleId,
        customerId, customerUserId, tag, customFields, createdAfter, createdBefore, changedAfter, changedBefore,
        escalated, atRisk, pendingReached, watched, archived, text, sort, limit, next);
  }

  private static String text(MultiMap params, String name, int max, List<Problem.FieldError> errors) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      errors.add(new Problem.FieldError(name, "must be at most " + max + " characters"));
      return null;
    }
    return value;
  }

  private static Integer integer(MultiMap params, String name, List<Problem.FieldError> errors) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      errors.add(new Problem.FieldError(name, "must be an integer"));
      return null;
    }
  }

  private static UUID uuid(MultiMap params, String name, List<Problem.FieldError> errors) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      errors.add(new Problem.FieldError(name, "must be a UUID"));
      return null;
    }
  }

  private static Instant instant(MultiMap params, String name, List<Problem.FieldError> errors) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError(name, "must be an ISO-8601 UTC time"));
      return null;
    }
  }
}
