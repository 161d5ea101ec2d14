package org.gotrs.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The jobs as administrators see them: long intervals here, so only "run now" runs most of them. */
@GotrsServer(config = """
    {"scheduler": {"intervals": {"refresh_ticket_statistics": 86400, "archive_old_tickets": 0}}}""")
class SchedulerJobsApiTest {

  private final Api api;
  private final String admin;

  SchedulerJobsApiTest(Api api, @Admin String admin) {
    this.api = api;
    this.admin = admin;
  }

  private JsonObject job(String name) {
    var answer = api.get("/scheduler/jobs", admin);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> name.equals(item.getString("name"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("every job is listed with its interval, last run, duration, next run, runs and failures; an interval of 0 shows as off")
  void jobsAreListed() {
    Await.until(Duration.ofSeconds(15), () -> job("refresh_ticket_statistics").getString("last_started_at") != null,
        () -> "the first run happens soon after start: " + job("refresh_ticket_statistics"));
    JsonObject refresh = job("refresh_ticket_statistics");
    assertEquals(86400, refresh.getInteger("interval_seconds"));
    Await.until(Duration.ofSeconds(15), () -> job("refresh_ticket_statistics").getString("last_outcome") != null,
        () -> "the run finishes: " + job("refresh_ticket_statistics"));
    refresh = job("refresh_ticket_statistics");
    assertEquals("success", refresh.getString("last_outcome"));
    assertNotNull(refresh.getLong("duration_millis"));
    assertEquals(Instant.parse(refresh.getString("last_started_at")).plusSeconds(86400),
        Instant.parse(refresh.getString("next_run")));
    assertEquals(0L, refresh.getLong("failures"));

    JsonObject archive = job("archive_old_tickets");
    assertNull(archive.getValue("interval_seconds"), archive.encode());
    assertNull(archive.getValue("next_run"), archive.encode());
  }

  @Test
  @DisplayName("an administrator runs a job now: it runs at once whatever its interval, is counted and audited")
  void runNow() {
    Await.until(Duration.ofSeconds(15), () -> job("refresh_ticket_statistics").getString("last_outcome") != null,
        () -> "the first run finishes: " + job("refresh_ticket_statistics"));
    long before = job("refresh_ticket_statistics").getLong("runs");
    var ran = api.post("/scheduler/jobs/refresh_ticket_statistics/run", admin, null);
    assertEquals(200, ran.statusCode(), ran.bodyAsString());
    assertEquals("success", ran.bodyAsJsonObject().getString("outcome"));
    assertEquals(before + 1, job("refresh_ticket_statistics").getLong("runs"));

    var audit = api.get("/audit-log?action=scheduler.run", admin);
    assertTrue(audit.bodyAsString().contains("refresh_ticket_statistics"), audit.bodyAsString());

    assertEquals(404, api.post("/scheduler/jobs/no_such_job/run", admin, null).statusCode());
    assertEquals(409, api.post("/scheduler/jobs/archive_old_tickets/run", admin, null).statusCode(),
        "a job switched off does not run by hand either");
  }

  @Test
  @DisplayName("agents neither see the jobs nor run them")
  void onlyAdministrators(TestServer server, Fixtures fixtures) {
    fixtures.agent("jo", "jo-password", null);
    String agent = server.login("jo", "jo-password");
    assertEquals(403, api.get("/scheduler/jobs", agent).statusCode());
    assertEquals(403, api.post("/scheduler/jobs/retention/run", agent, null).statusCode());
    assertEquals(401, api.get("/scheduler/jobs", null).statusCode());
  }
}
