package org.gotrs.drills;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestDatabase;

/**
 * Every call a load made and what it was told, checked afterwards against the database: each call answered
 * 2xx must have left its row and its event; a call that failed may or may not have committed (a reply lost
 * after the commit), which is counted but is no loss.
 */
final class Ledger {

  enum Kind { CREATE, UPDATE, ARTICLE }

  /**
   * @param status the HTTP status, or 0 when no answer came (connection refused or reset, client timeout)
   * @param value the marker the call wrote: a new ticket's title and first subject, a new title, an article subject
   */
  record Call(Kind kind, String value, long ticketId, int status, boolean problemJson, String failure) {
    boolean succeeded() {
      return status >= 200 && status < 300;
    }
  }

  /** What the database says about the calls. */
  record Verified(int succeeded, int failed, int rowsChecked, int failedButCommitted, List<String> losses) {}

  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Map<Long, List<Call>> byTicket = new ConcurrentHashMap<>();
  private final List<Long> created = new ArrayList<>();

  void record(Call call) {
    calls.add(call);
    if (call.kind() == Kind.CREATE && call.succeeded()) {
      synchronized (created) {
        created.add(call.ticketId());
      }
    }
    if (call.ticketId() > 0) {
      byTicket.computeIfAbsent(call.ticketId(), id -> Collections.synchronizedList(new ArrayList<>())).add(call);
    }
  }

  /** One of the tickets the load created, or 0 before the first. */
  long anyTicket(java.util.Random random) {
    synchronized (created) {
      return created.isEmpty() ? 0 : created.get(random.nextInt(created.size()));
    }
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  long count(Predicate<Call> which) {
    return calls.stream().filter(which).count();
  }

  /** Calls that failed in a way the drill does not accept (e.g. a 500, or a failure without problem+json). */
  List<Call> failedWrongly(Predicate<Call> acceptableFailure) {
    return calls.stream().filter(call -> !call.succeeded() && !acceptableFailure.test(call)).toList();
  }

  Verified verify(DatabaseTarget database) {
    List<String> losses = new ArrayList<>();
    int checked = 0;
    int failedButCommitted = 0;
    try (Connection connection = TestDatabase.connect(database)) {
      Map<String, Long> firstArticles = ticketsBySubject(connection, values(Kind.CREATE));
      Set<String> articles = firstArticles.keySet();
      Map<String, Long> added = ticketsBySubject(connection, values(Kind.ARTICLE));
      Set<List<Object>> titleChanges = titleChanges(connection);
      Set<List<Object>> createdEvents = events(connection, "ticket.created", "id");
      Set<List<Object>> updatedEvents = events(connection, "ticket.updated", "title");
      Map<Long, String> titles = currentTitles(connection);
      for (Call call : calls) {
        boolean stored = switch (call.kind()) {
          case CREATE -> call.succeeded()
              ? Long.valueOf(call.ticketId()).equals(firstArticles.get(call.value()))
                && createdEvents.contains(List.of(call.ticketId(), String.valueOf(call.ticketId())))
              : articles.contains(call.value());
          case UPDATE -> titleChanges.contains(List.of(call.ticketId(), call.value()))
              && (!call.succeeded() || updatedEvents.contains(List.of(call.ticketId(), call.value())));
          case ARTICLE -> Long.valueOf(call.ticketId()).equals(added.get(call.value()));
        };
        checked++;
        if (call.succeeded() && !stored) {
          losses.add(call.kind() + " " + call.value() + " on ticket " + call.ticketId() + " was answered "
              + call.status() + " but is not in the database");
        } else if (!call.succeeded() && stored) {
          failedButCommitted++;
        }
      }
      for (var entry : byTicket.entrySet()) {
        String now = titles.get(entry.getKey());
        Set<String> possible = possibleTitles(entry.getValue());
        checked++;
        if (!possible.isEmpty() && !possible.contains(now)) {
          losses.add("ticket " + entry.getKey() + " has title '" + now + "', expected one of " + possible);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    int succeeded = (int) count(Call::succeeded);
    return new Verified(succeeded, calls.size() - succeeded, checked, failedButCommitted, losses);
  }

  /**
   * The titles a ticket may have now: the last one a call was told succeeded, or one written by a later call
   * whose answer never came or said it failed (it may have committed all the same).
   */
  private static Set<String> possibleTitles(List<Call> calls) {
    Set<String> possible = new LinkedHashSet<>();
    synchronized (calls) {
      for (Call call : calls) {
        if (call.kind() == Kind.ARTICLE) {
          continue;
        }
        if (call.succeeded()) {
          possible.clear();
        }
        possible.add(call.value());
      }
    }
    return possible;
  }

  private List<String> values(Kind kind) {
    return calls.stream().filter(call -> call.kind() == kind).map(Call::value).toList();
  }

  private static Map<String, Long> ticketsBySubject(Connection connection, List<String> subjects) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT subject, ticket_id FROM article WHERE subject = ANY (?)")) {
      Array array = connection.createArrayOf("text", subjects.toArray());
      statement.setArray(1, array);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return found;
  }

  private static Set<List<Object>> titleChanges(Connection connection) throws SQLException {
    Set<List<Object>> changes = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement("""
        SELECT h.ticket_id, h.new_value FROM ticket_history h
          JOIN ticket_history_type ht ON ht.id = h.history_type_id AND ht.name = 'TitleUpdate'""");
         ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        changes.add(List.of(rows.getLong(1), rows.getString(2)));
      }
    }
    return changes;
  }

  /** (ticket id, a field of the event's ticket) for every event of that name. */
  private static Set<List<Object>> events(Connection connection, String name, String field) throws SQLException {
    Set<List<Object>> events = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT (data->'ticket'->>'id')::bigint, data->'ticket'->>? FROM event_log WHERE name = ?")) {
      statement.setString(1, field);
      statement.setString(2, name);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          events.add(List.of(rows.getLong(1), rows.getString(2)));
        }
      }
    }
    return events;
  }

  private static Map<Long, String> currentTitles(Connection connection) throws SQLException {
    Map<Long, String> titles = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT id, title FROM ticket");
         ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        titles.put(rows.getLong(1), rows.getString(2));
      }
    }
    return titles;
  }
}
