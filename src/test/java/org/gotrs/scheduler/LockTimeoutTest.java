package org.gotrs.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OTRS's unlock timeout: the owner who locks a ticket and then does nothing loses the lock, and hears of it. */
@GotrsServer(config = LockTimeoutTest.EVERY_SECOND)
class LockTimeoutTest {

  static final String EVERY_SECOND = """
      {"scheduler": {"intervals": {"lock_timeouts": 1}}}""";

  @Test
  @DisplayName("a locked ticket whose owner does nothing for the queue's unlock timeout is unlocked and the owner notified")
  void unlocksAfterTheTimeout(TestServer server, Fixtures fixtures) {
    int group = fixtures.group("locks");
    int queue = fixtures.queue("Locks", group);
    server.sql("UPDATE queue SET unlock_timeout = 30 WHERE id = ?", queue);
    fixtures.agent("locker", "pw", group, "rw");
    String token = server.login("locker", "pw");
    long id = fixtures.ticket(token, queue, "Locked and forgotten", "body").getLong("id");
    var locked = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, token, new JsonObject().put("ticket_lock_id", 2));
    assertEquals(200, locked.statusCode(), locked.bodyAsString());
    assertEquals(2, locked.bodyAsJsonObject().getInteger("ticket_lock_id"));
    String owner = locked.bodyAsJsonObject().getString("user_id");
    long lockedAt = ((Number) server.scalar("SELECT timeout FROM ticket WHERE id = ?", id)).longValue();
    assertTrue(Math.abs(lockedAt - Instant.now().getEpochSecond()) < 5, "the timeout counts from the lock: " + lockedAt);

    // 31 minutes pass without the owner touching it
    server.sql("UPDATE ticket SET timeout = timeout - 31 * 60 WHERE id = ?", id);
    Await.until(Duration.ofSeconds(10), () -> lockOf(server, token, id) == 1, () -> "the ticket stayed locked");

    assertEquals(owner, server.send(HttpMethod.GET, "/api/v1/tickets/" + id, token, null).bodyAsJsonObject()
        .getString("user_id"), "the owner stays");
    assertEquals("00000000-0000-0000-0000-000000000001", server.scalar("""
        SELECT h.create_by::text FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'Unlock' ORDER BY h.id DESC LIMIT 1""", id), "unlocked by the system");
    assertEquals(1L, server.scalar("SELECT count(*) FROM event_log WHERE name = 'ticket.lock_timeout' "
        + "AND data->>'ticket_id' = ?", String.valueOf(id)));
    Await.until(Duration.ofSeconds(15), () -> notified(server, token, id), () -> "the owner was not notified");
  }

  @Test
  @DisplayName("an owner who writes on the locked ticket keeps the lock; without a queue timeout a lock never runs out")
  void activityKeepsTheLock(TestServer server, Fixtures fixtures) {
    int group = fixtures.group("busy");
    int queue = fixtures.queue("Busy", group);
    int endless = fixtures.queue("Endless", group);
    server.sql("UPDATE queue SET unlock_timeout = 30 WHERE id = ?", queue);
    fixtures.agent("busy-owner", "pw", group, "rw");
    String token = server.login("busy-owner", "pw");
    long active = fixtures.ticket(token, queue, "Worked on", "body").getLong("id");
    long forever = fixtures.ticket(token, endless, "No timeout here", "body").getLong("id");
    for (long id : new long[] {active, forever}) {
      assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, token,
          new JsonObject().put("ticket_lock_id", 2)).statusCode());
      server.sql("UPDATE ticket SET timeout = timeout - 31 * 60 WHERE id = ?", id);
    }
    var note = server.send(HttpMethod.POST, "/api/v1/tickets/" + active + "/articles", token,
        new JsonObject().put("subject", "still on it").put("body", "working"));
    assertEquals(201, note.statusCode(), note.bodyAsString());

    Instant after = Instant.now();
    Await.until(Duration.ofSeconds(10), () -> runsSince(server, after) >= 2, () -> "the job did not run");
    assertEquals(2, lockOf(server, token, active), "the owner's note restarted the timeout");
    assertEquals(2, lockOf(server, token, forever), "a queue without unlock timeout keeps locks");
  }

  private static long runsSince(TestServer server, Instant since) {
    return (Long) server.scalar("SELECT count(*) FROM scheduler_job_run WHERE job = 'lock_timeouts' "
        + "AND finished_at IS NOT NULL AND started_at > ?", java.sql.Timestamp.valueOf(
            java.time.LocalDateTime.ofInstant(since, java.time.ZoneOffset.UTC)));
  }

  private static int lockOf(TestServer server, String token, long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, token, null).bodyAsJsonObject()
        .getInteger("ticket_lock_id");
  }

  private static boolean notified(TestServer server, String token, long id) {
    return server.send(HttpMethod.GET, "/api/v1/notifications", token, null).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .anyMatch(n -> "ticket.lock_timeout".equals(n.getString("event")) && n.getLong("ticket_id") == id);
  }
}
