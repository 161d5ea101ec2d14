package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gotrs.article.Article;
import org.gotrs.customfield.CustomFieldService;
import org.gotrs.customfield.Definition;
import org.gotrs.db.LikePattern;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * TicketSearch with OTRS's parameters, as one SQL statement limited by the same permission predicate as the
 * native ticket list. Answers {@code {"TicketID":["3","2"]}}, or {@code {}} when nothing matches, as OTRS does.
 */
final class TicketSearch {

  private static final String OP = "TicketSearch";
  private static final int DEFAULT_LIMIT = 500;
  private static final DateTimeFormatter OTRS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Map<String, String> SORT = Map.ofEntries(
      Map.entry("Age", "t.create_time"), Map.entry("Created", "t.create_time"), Map.entry("Changed", "t.change_time"),
      Map.entry("Ticket", "t.tn"), Map.entry("TicketNumber", "t.tn"), Map.entry("Title", "t.title"),
      Map.entry("Queue", "(SELECT q.name FROM queue q WHERE q.id = t.queue_id)"), Map.entry("State", "t.ticket_state_id"),
      Map.entry("Priority", "t.ticket_priority_id"), Map.entry("Type", "t.type_id"), Map.entry("Lock", "t.ticket_lock_id"),
      Map.entry("Owner", "(SELECT u.login FROM users u WHERE u.id = t.user_id)"),
      Map.entry("Responsible", "(SELECT u.login FROM users u WHERE u.id = t.responsible_user_id)"),
      Map.entry("CustomerID", "t.customer_id"), Map.entry("Service", "t.service_id"), Map.entry("SLA", "t.sla_id"),
      Map.entry("PendingTime", "nullif(t.until_time, 0)"), Map.entry("EscalationTime", "nullif(t.escalation_time, 0)"),
      Map.entry("EscalationUpdateTime", "nullif(t.escalation_update_time, 0)"),
      Map.entry("EscalationResponseTime", "nullif(t.escalation_response_time, 0)"),
      Map.entry("EscalationSolutionTime", "nullif(t.escalation_solution_time, 0)"));

  /** Every parameter this search understands; any other is refused, never ignored. */
  private static final Set<String> PARAMETERS = Set.of(
      "SessionID", "UserLogin", "CustomerUserLogin", "Password",
      "TicketNumber", "Title", "QueueIDs", "Queues", "UseSubQueues", "TypeIDs", "Types", "StateIDs", "States",
      "StateTypeIDs", "StateType", "PriorityIDs", "Priorities", "ServiceIDs", "Services", "SLAIDs", "SLAs", "LockIDs",
      "Locks", "OwnerIDs", "ResponsibleIDs", "WatchUserIDs", "CustomerID", "ArchiveFlags", "SearchInArchive",
      "MIMEBase_From", "MIMEBase_To", "MIMEBase_Cc", "MIMEBase_Subject", "MIMEBase_Body",
      "From", "To", "Cc", "Subject", "Body", "ContentSearch", "FullTextIndex", "SortBy", "OrderBy", "Limit");
  /** The time parameters, each with NewerDate, OlderDate, NewerMinutes and OlderMinutes. */
  private static final List<String> TIMES = List.of("TicketCreateTime", "TicketChangeTime", "TicketLastChangeTime",
      "TicketCloseTime", "TicketPendingTime", "TicketEscalationTime");
  private static final List<String> TIME_SUFFIXES = List.of("NewerDate", "OlderDate", "NewerMinutes", "OlderMinutes");

  private final Pool pool;
  private final Permissions permissions;

  TicketSearch(Pool pool, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
  }

  /** The WHERE clause being built, with its parameters. */
  private static final class Query {
    final List<String> where = new ArrayList<>();
    final List<Object> parameters = new ArrayList<>();

    String bind(Object value) {
      parameters.add(value);
      return "$" + parameters.size();
    }

    void anyOf(List<String> values, String condition) {
      if (!values.isEmpty()) {
        String parameter = bind(values.toArray(new String[0]));
        where.add(condition.replace("?1", parameter).replace("?", parameter));
      }
    }
  }

  Future<Map<String, Object>> search(Actor actor, OtrsRequest r) {
    refuseUnknown(r);
    Query q = new Query();
    var visible = permissions.ticketsVisibleTo(actor.principal(), "t", 1);
    q.parameters.addAll(visible.parameters());
    q.where.add(visible.sql());
    q.anyOf(wildcards(r.list("TicketNumber")), "t.tn LIKE ANY (?::text[])");
    q.anyOf(wildcards(r.list("Title")), "t.title ILIKE ANY (?::text[])");
    boolean subQueues = r.flag("UseSubQueues");
    q.anyOf(numbers(r, "QueueIDs"), subQueues ? withSubQueues("id = ANY (?::text[]::int[])")
        : "t.queue_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("Queues"), subQueues ? withSubQueues("name = ANY (?::text[])")
        : "t.queue_id IN (SELECT id FROM queue WHERE name = ANY (?::text[]))");
    q.anyOf(numbers(r, "TypeIDs"), "t.type_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("Types"), "t.type_id IN (SELECT id FROM ticket_type WHERE name = ANY (?::text[]))");
    q.anyOf(numbers(r, "StateIDs"), "t.ticket_state_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("States"), "t.ticket_state_id IN (SELECT id FROM ticket_state WHERE name = ANY (?::text[]))");
    q.anyOf(numbers(r, "StateTypeIDs"), "t.ticket_state_id IN (SELECT id FROM ticket_state WHERE type_id = ANY (?::text[]::int[]))");
    q.anyOf(stateTypes(r.list("StateType")), "t.ticket_state_id IN (SELECT s.id FROM ticket_state s "
        + "JOIN ticket_state_type st ON st.id = s.type_id WHERE st.name = ANY (?::text[]))");
    q.anyOf(numbers(r, "PriorityIDs"), "t.ticket_priority_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("Priorities"), "t.ticket_priority_id IN (SELECT id FROM ticket_priority WHERE name = ANY (?::text[]))");
    q.anyOf(numbers(r, "ServiceIDs"), "t.service_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("Services"), "t.service_id IN (SELECT id FROM service WHERE name = ANY (?::text[]))");
    q.anyOf(numbers(r, "SLAIDs"), "t.sla_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("SLAs"), "t.sla_id IN (SELECT id FROM sla WHERE name = ANY (?::text[]))");
    q.anyOf(numbers(r, "LockIDs"), "t.ticket_lock_id = ANY (?::text[]::int[])");
    q.anyOf(r.list("Locks"), "t.ticket_lock_id IN (SELECT id FROM ticket_lock_type WHERE name = ANY (?::text[]))");
    q.anyOf(r.list("OwnerIDs"), agents("t.user_id"));
    q.anyOf(r.list("ResponsibleIDs"), agents("t.responsible_user_id"));
    q.anyOf(r.list("WatchUserIDs"), "t.id IN (SELECT w.ticket_id FROM ticket_watcher w WHERE "
        + agents("w.user_id") + ")");
    q.anyOf(wildcards(r.list("CustomerID")), "t.customer_id LIKE ANY (?::text[])");
    q.anyOf(wildcards(r.list("CustomerUserLogin")), "(t.customer_user_id IN (SELECT id FROM customer_user "
        + "WHERE login LIKE ANY (?1::text[])) OR t.metadata -> 'otrs' ->> 'customer_user_id' LIKE ANY (?1::text[]))");
    times(q, r, "TicketCreateTime", "t.create_time");
    times(q, r, "TicketLastChangeTime", "t.change_time");
    times(q, r, "TicketChangeTime", "t.change_time");
    closeTimes(q, r);
    epochs(q, r, "TicketPendingTime", "t.until_time");
    epochs(q, r, "TicketEscalationTime", "t.escalation_time");
    articleText(q, r, actor);
    archive(q, r);
    return dynamicFields(q, r).compose(ready -> {
      String order = order(r);
      String limit = r.text("Limit");
      int max = limit != null && limit.matches("[1-9][0-9]{0,6}") ? Integer.parseInt(limit) : DEFAULT_LIMIT;
      String sql = "SELECT t.id FROM ticket t WHERE " + String.join(" AND ", q.where) + " ORDER BY " + order
          + " LIMIT " + q.bind(max);
      return pool.preparedQuery(sql).execute(Tuple.from(q.parameters));
    }).map(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(String.valueOf(row.getLong(0))));
      return ids.isEmpty() ? Map.of() : Map.of("TicketID", ids);
    });
  }

  /** A parameter the search does not know is refused, as OTRS clients would otherwise get every ticket back. */
  private static void refuseUnknown(OtrsRequest r) {
    for (String name : r.data().fieldNames()) {
      if (!PARAMETERS.contains(name) && !name.startsWith("DynamicField_") && !isTime(name)) {
        throw OtrsError.invalid(OP, name + " parameter is not supported!");
      }
    }
    String content = r.text("ContentSearch");
    if (content != null && !content.equals("AND") && !content.equals("OR")) {
      throw OtrsError.invalid(OP, "ContentSearch parameter is invalid!");
    }
  }

  private static boolean isTime(String name) {
    return TIMES.stream().anyMatch(prefix -> name.startsWith(prefix)
        && TIME_SUFFIXES.contains(name.substring(prefix.length())));
  }

  /** OTRS's {@code *} is the one wildcard; everything else, {@code %}, {@code _} and {@code \} too, matches itself. */
  /** OTRS's LIKE values: {@code *} and {@code %} (as OTRS passes it on, {@code Title => '%Printer%'}) match anything. */
  private static List<String> wildcards(List<String> values) {
    return values.stream().map(v -> LikePattern.withWildcard(v.replace('%', '*'), '*')).toList();
  }

  private static List<String> numbers(OtrsRequest r, String name) {
    List<String> values = r.list(name);
    if (!values.stream().allMatch(v -> v.matches("-?[0-9]{1,9}"))) {
      throw OtrsError.invalid(OP, name + " parameter is invalid!");
    }
    return values;
  }

  /** {@code UseSubQueues}: the queues chosen and every queue below them ({@code parent_id}, however deep). */
  private static String withSubQueues(String chosen) {
    return "t.queue_id IN (WITH RECURSIVE below AS (SELECT id FROM queue WHERE " + chosen
        + " UNION SELECT q.id FROM queue q JOIN below b ON q.parent_id = b.id) SELECT id FROM below)";
  }

  /** An agent by its number (an imported agent's is its OTRS id, see {@link UserNumbers}) or its GOTRS id. */
  private static String agents(String column) {
    return "(" + column + "::text = ANY (?1::text[]) OR " + column + " IN (SELECT id FROM users "
        + "WHERE number::text = ANY (?1::text[])))";
  }

  /** OTRS's Open and Closed, or its state type names; GOTRS has one pending type for OTRS's two. */
  private static List<String> stateTypes(List<String> names) {
    List<String> types = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "Open" -> types.addAll(List.of("new", "open", "pending"));
        case "Closed" -> types.addAll(List.of("closed", "removed", "merged"));
        case "pending reminder", "pending auto" -> types.add("pending");
        default -> types.add(name);
      }
    }
    return types;
  }

  private static void times(Query q, OtrsRequest r, String prefix, String column) {
    String newer = r.text(prefix + "NewerDate");
    String older = r.text(prefix + "OlderDate");
    if (newer != null) {
      q.where.add(column + " >= " + q.bind(time(prefix + "NewerDate", newer)));
    }
    if (older != null) {
      q.where.add(column + " <= " + q.bind(time(prefix + "OlderDate", older)));
    }
    minutes(q, r, prefix, column + " >= localtimestamp - make_interval(mins => %s)",
        column + " <= localtimestamp - make_interval(mins => %s)");
  }

  private static void epochs(Query q, OtrsRequest r, String prefix, String column) {
    String newer = r.text(prefix + "NewerDate");
    String older = r.text(prefix + "OlderDate");
    if (newer != null) {
      q.where.add(column + " >= " + q.bind((int) time(prefix + "NewerDate", newer).toEpochSecond(java.time.ZoneOffset.UTC)));
    }
    if (older != null) {
      q.where.add(column + " > 0 AND " + column + " <= "
          + q.bind((int) time(prefix + "OlderDate", older).toEpochSecond(java.time.ZoneOffset.UTC)));
    }
    String epoch = "extract(epoch FROM localtimestamp - make_interval(mins => %s))::int";
    minutes(q, r, prefix, column + " >= " + epoch, column + " > 0 AND " + column + " <= " + epoch);
  }

  /**
   * TicketCloseTime*: closed tickets whose closing (the history's move into a closed state) falls in the window; a
   * ticket closed more than once counts by its last closing, as in OTRS.
   */
  private static void closeTimes(Query q, OtrsRequest r) {
    boolean named = TIME_SUFFIXES.stream().anyMatch(suffix -> r.text("TicketCloseTime" + suffix) != null);
    if (!named) {
      return;
    }
    String closedAt = "(SELECT max(h.create_time) FROM ticket_history h JOIN ticket_state hs ON hs.id = h.state_id "
        + "WHERE h.ticket_id = t.id AND hs.type_id = " + StateType.CLOSED.id() + ")";
    q.where.add("t.ticket_state_id IN (SELECT id FROM ticket_state WHERE type_id = " + StateType.CLOSED.id() + ")");
    times(q, r, "TicketCloseTime", closedAt);
  }

  private static void minutes(Query q, OtrsRequest r, String prefix, String newerSql, String olderSql) {
    for (String kind : List.of("NewerMinutes", "OlderMinutes")) {
      String value = r.text(prefix + kind);
      if (value != null) {
        if (!value.matches("-?[0-9]{1,9}")) {
          throw OtrsError.invalid(OP, prefix + kind + " parameter is invalid!");
        }
        q.where.add((kind.startsWith("Newer") ? newerSql : olderSql).formatted(q.bind(Integer.parseInt(value))));
      }
    }
  }

  private static LocalDateTime time(String name, String value) {
    try {
      return LocalDateTime.parse(value, OTRS_TIME);
    } catch (DateTimeParseException e) {
      throw OtrsError.invalid(OP, name + " parameter is invalid!");
    }
  }

  /**
   * The article fields (OTRS 6's MIMEBase_From/To/Cc/Subject/Body, or OTRS 5's From/To/Cc/Subject/Body): an
   * article matching each, or with {@code ContentSearch=OR} any of them; customers search only what they may see.
   * {@code FullTextIndex} chooses how OTRS searches, not what it finds, so it changes nothing here.
   */
  private static void articleText(Query q, OtrsRequest r, Actor actor) {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("From", "a.from_address");
    columns.put("To", "a.to_address");
    columns.put("Cc", "a.cc_address");
    columns.put("Subject", "a.subject");
    columns.put("Body", "a.body");
    String customerOnly = actor.principal().isCustomer() ? " AND " + Article.CUSTOMER_VISIBLE : "";
    List<String> conditions = new ArrayList<>();
    columns.forEach((name, column) -> {
      for (String parameter : List.of("MIMEBase_" + name, name)) {
        String value = r.text(parameter);
        if (value != null) {
          conditions.add("EXISTS (SELECT 1 FROM article a WHERE a.ticket_id = t.id AND " + column + " ILIKE "
              + q.bind(LikePattern.withWildcard(value.replace('%', '*'), '*')) + customerOnly + ")");
        }
      }
    });
    if (!conditions.isEmpty()) {
      q.where.add("(" + String.join("OR".equals(r.text("ContentSearch")) ? " OR " : " AND ", conditions) + ")");
    }
  }

  private static void archive(Query q, OtrsRequest r) {
    String search = r.text("SearchInArchive");
    List<String> flags = r.list("ArchiveFlags");
    boolean archived = "ArchivedTickets".equals(search) || flags.contains("y") && !flags.contains("n");
    boolean all = "AllTickets".equals(search) || flags.contains("y") && flags.contains("n");
    if (!all) {
      q.where.add(archived ? "t.archive_flag = 1" : "t.archive_flag = 0");
    }
  }

  /** {@code DynamicField_<Name>: {Equals, Like, GreaterThan(Equals), SmallerThan(Equals), Empty}}. */
  private Future<Void> dynamicFields(Query q, OtrsRequest r) {
    List<String> names = r.data().fieldNames().stream().filter(n -> n.startsWith("DynamicField_")).toList();
    if (names.isEmpty()) {
      return Future.succeededFuture();
    }
    return CustomFieldService.definitions(pool, "ticket").map(definitions -> {
      for (String parameter : names) {
        String name = parameter.substring("DynamicField_".length());
        Definition field = definitions.stream().filter(d -> d.fieldName().equals(name)
            || name.equals(d.fieldConfig().getString("otrs_name"))).findFirst()
            .orElseThrow(() -> OtrsError.invalid(OP, parameter + " parameter is invalid!"));
        JsonObject operators = r.object(parameter);
        if (operators == null) {
          throw OtrsError.invalid(OP, parameter + " parameter is invalid!");
        }
        String key = q.bind(field.fieldName());
        String value = "(t.custom_fields ->> " + key + ")";
        operators.forEach(entry -> {
          if (entry.getKey().equals("Empty")) {
            boolean empty = !"0".equals(String.valueOf(entry.getValue()));
            q.where.add("(t.custom_fields -> " + key + ") IS " + (empty ? "" : "NOT ") + "NULL");
            return;
          }
          List<String> values = entry.getValue() instanceof io.vertx.core.json.JsonArray list
              ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(entry.getValue()));
          String operator = entry.getKey();
          String bound = q.bind(values.stream().map(v -> operator.equals("Like") ? LikePattern.withWildcard(v, '*')
              : field.fieldType().equals("date") && v.length() > 10 ? v.substring(0, 10) : v).toArray(String[]::new));
          String comparison = switch (operator) {
            case "Equals" -> field.fieldType().equals("multiselect")
                ? "(t.custom_fields -> " + key + ") ?| " + bound + "::text[]" : value + " = ANY (" + bound + "::text[])";
            case "Like" -> value + " ILIKE ANY (" + bound + "::text[])";
            case "GreaterThan" -> compare(field, value, ">", bound);
            case "GreaterThanEquals" -> compare(field, value, ">=", bound);
            case "SmallerThan" -> compare(field, value, "<", bound);
            case "SmallerThanEquals" -> compare(field, value, "<=", bound);
            default -> throw OtrsError.invalid(OP, parameter + " parameter is invalid!");
          };
          q.where.add(comparison);
        });
      }
      return null;
    });
  }

  private static String compare(Definition field, String value, String operator, String bound) {
    return field.fieldType().equals("number") ? value + "::numeric " + operator + " (" + bound + "::text[])[1]::numeric"
        : value + " " + operator + " (" + bound + "::text[])[1]";
  }

  private static String order(OtrsRequest r) {
    List<String> sortBy = r.list("SortBy");
    List<String> orderBy = r.list("OrderBy");
    if (sortBy.isEmpty()) {
      sortBy = List.of("Age");
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < sortBy.size(); i++) {
      String column = SORT.get(sortBy.get(i));
      if (column == null) {
        throw OtrsError.invalid(OP, "SortBy parameter is invalid!");
      }
      String direction = i < orderBy.size() ? orderBy.get(i) : orderBy.isEmpty() ? "Down" : orderBy.get(0);
      if (!direction.equals("Up") && !direction.equals("Down")) {
        throw OtrsError.invalid(OP, "OrderBy parameter is invalid!");
      }
      parts.add(column + (direction.equals("Up") ? " ASC NULLS LAST" : " DESC NULLS LAST"));
    }
    parts.add("t.id DESC");
    return String.join(", ", parts);
  }
}
