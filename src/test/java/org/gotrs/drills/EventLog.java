package org.gotrs.drills;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestDatabase;

/** The server's durable event log, read straight from the database: what subscribers should have received. */
final class EventLog {

  private EventLog() {}

  /** Sequence numbers of the events on the topic after {@code since}, in order. */
  static List<Long> on(DatabaseTarget database, String topic, long since) {
    try (Connection connection = TestDatabase.connect(database);
         PreparedStatement statement = connection.prepareStatement(
             "SELECT seq FROM event_log WHERE topics @> ARRAY[?]::text[] AND seq > ? ORDER BY seq")) {
      statement.setString(1, topic);
      statement.setLong(2, since);
      List<Long> seqs = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          seqs.add(rows.getLong(1));
        }
      }
      return seqs;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares what a watcher received with the log; empty when they agree. */
  static List<String> compare(DatabaseTarget database, EventWatcher watcher) {
    List<Long> expected = on(database, watcher.topic(), watcher.startSeq());
    List<Long> received = watcher.received();
    List<String> problems = new ArrayList<>();
    if (watcher.duplicates() > 0) {
      problems.add(watcher.duplicates() + " duplicate event(s)");
    }
    if (watcher.outOfOrder() > 0) {
      problems.add(watcher.outOfOrder() + " event(s) out of order");
    }
    if (watcher.resyncs() > 0) {
      problems.add(watcher.resyncs() + " resync(s)");
    }
    java.util.Set<Long> receivedSet = new java.util.HashSet<>(received);
    java.util.Set<Long> expectedSet = new java.util.HashSet<>(expected);
    List<Long> missing = expected.stream().filter(seq -> !receivedSet.contains(seq)).toList();
    if (!missing.isEmpty()) {
      problems.add(missing.size() + " event(s) missing, first " + describe(database, missing.subList(0,
          Math.min(10, missing.size()))) + "; the subscriber resumed " + watcher.resumes() + " time(s), closes "
          + watcher.closeCodes() + ", error frames " + watcher.errors());
    }
    List<Long> unexpected = received.stream().filter(seq -> !expectedSet.contains(seq)).toList();
    if (!unexpected.isEmpty()) {
      problems.add(unexpected.size() + " event(s) not in the log: " + unexpected.subList(0, Math.min(10, unexpected.size())));
    }
    return problems;
  }

  /** Sequence numbers with their event names and commit times, for a readable finding. */
  private static List<String> describe(DatabaseTarget database, List<Long> seqs) {
    List<String> described = new ArrayList<>();
    try (Connection connection = TestDatabase.connect(database);
         PreparedStatement statement = connection.prepareStatement(
             "SELECT seq, name, created_at FROM event_log WHERE seq = ANY (?) ORDER BY seq")) {
      statement.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          described.add(rows.getLong(1) + " " + rows.getString(2) + " at " + rows.getString(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return described;
  }

  static long newest(DatabaseTarget database, String topic) {
    List<Long> all = on(database, topic, 0);
    return all.isEmpty() ? 0 : all.get(all.size() - 1);
  }
}
