package org.gotrs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Reports sent by e-mail: weekly or monthly, to a list, the file attached, through the outbox and the scheduler. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Scheduled reports: made on the Reports API, sent by the scheduler through the outbox")
class ReportSchedulesTest {

  private static final int STATS_GROUP = 3;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final MailServer mail = new MailServer();
  private TestServer server;
  private Api api;
  private String admin;
  private String lead;
  private String other;
  private String plain;
  private UUID leaverId;
  private String leaver;
  private int queue;
  /** The last Monday 06:00 UTC that has passed, and the week before it. */
  private Instant lastMonday;
  private LocalDate weekFrom;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000))
        .put("smtp", mail.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0))
        .put("scheduler", new JsonObject().put("intervals", new JsonObject().put("scheduled_reports", 86400))));
    api = new Api(server);
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("scheduling");
    queue = fixtures.queue("Scheduled", group);
    UUID leadId = fixtures.agent("sched-lead", "pw", group, "rw");
    fixtures.grant(leadId, STATS_GROUP, "ro");
    fixtures.grant(fixtures.agent("sched-other", "pw", group, "rw"), STATS_GROUP, "ro");
    leaverId = fixtures.agent("sched-leaver", "pw", group, "rw");
    fixtures.grant(leaverId, STATS_GROUP, "ro");
    fixtures.agent("sched-plain", "pw", group, "rw");
    admin = server.loginAdmin();
    lead = server.login("sched-lead", "pw");
    other = server.login("sched-other", "pw");
    plain = server.login("sched-plain", "pw");
    leaver = server.login("sched-leaver", "pw");

    Instant now = Instant.now();
    LocalDate monday = LocalDate.ofInstant(now, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    lastMonday = monday.atTime(6, 0).toInstant(ZoneOffset.UTC);
    if (lastMonday.isAfter(now)) {
      lastMonday = lastMonday.minus(Duration.ofDays(7));
    }
    weekFrom = LocalDate.ofInstant(lastMonday, ZoneOffset.UTC).minusWeeks(1);
    for (int day : new int[] {1, 2, 2, 4}) {
      server.sql("""
          INSERT INTO ticket (tn, title, queue_id, ticket_state_id, ticket_priority_id, source, create_time, change_time)
          VALUES (md5(random()::text), 'Last week', ?, 1, 3, 'web', ?::timestamp, ?::timestamp)""", queue,
          weekFrom.plusDays(day).atTime(10, 0).toString(), weekFrom.plusDays(day).atTime(10, 0).toString());
    }
  }

  @AfterAll
  void stop() {
    server.close();
    mail.close();
  }

  private JsonObject schedule(String token, JsonObject body) {
    var made = api.post("/reports/schedules", token, body);
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject();
  }

  private static JsonObject weekly(String name, String... recipients) {
    return new JsonObject().put("name", name).put("report", "volume").put("group_by", "day").put("frequency", "weekly")
        .put("format", "csv").put("recipients", new JsonArray(List.of(recipients))).put("time_zone", "UTC");
  }

  /** Makes the schedule due as if its Monday had come, and runs the scheduler's job at once. */
  private void runDue(long id) {
    server.sql("UPDATE report_schedule SET next_run_at = ?::timestamp WHERE id = ?",
        lastMonday.atOffset(ZoneOffset.UTC).toLocalDateTime().toString(), id);
    var ran = api.post("/scheduler/jobs/scheduled_reports/run", admin, null);
    assertEquals(200, ran.statusCode(), ran.bodyAsString());
  }

  private JsonObject stored(String token, long id) {
    return api.get("/reports/schedules", token).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(item -> item.getLong("id") == id).findFirst().orElseThrow();
  }

  private static String attachment(MimeMessage message, String name) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (name.equals(part.getFileName())) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.getInputStream().transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no attachment " + name);
  }

  @Test
  @DisplayName("a weekly report goes to every address on Monday with last week's CSV, the same as the download")
  void weeklyCsvToAList() throws Exception {
    JsonObject made = schedule(lead, weekly("Team volume", "boss@report.example", "deputy@report.example")
        .put("queue_id", queue));
    assertEquals("weekly", made.getString("frequency"));
    Instant next = Instant.parse(made.getString("next_run_at"));
    assertEquals(DayOfWeek.MONDAY, next.atZone(ZoneOffset.UTC).getDayOfWeek());
    assertEquals(6, next.atZone(ZoneOffset.UTC).getHour());

    runDue(made.getLong("id"));
    Await.until(WAIT, () -> mail.receivedBy("boss@report.example").size() == 1
        && mail.receivedBy("deputy@report.example").size() == 1, () -> "the report was not mailed to both");
    MimeMessage sent = mail.receivedBy("boss@report.example").get(0);
    LocalDate weekTo = weekFrom.plusDays(6);
    assertTrue(sent.getSubject().contains("Team volume"), sent.getSubject());
    String file = "volume-day-" + weekFrom + "-" + weekTo + ".csv";
    var download = api.get("/reports/volume?from=" + weekFrom + "&to=" + weekTo + "&group_by=day&tz=UTC&queue_id="
        + queue + "&format=csv", lead);
    assertEquals(download.bodyAsString(), attachment(sent, file));
    assertTrue(download.bodyAsString().contains(weekFrom.plusDays(2) + ",2,0,0"), download.bodyAsString());

    JsonObject after = stored(lead, made.getLong("id"));
    assertEquals("sent to 2 recipient(s)", after.getString("last_outcome"));
    assertTrue(Instant.parse(after.getString("next_run_at")).isAfter(Instant.now()), after.encode());
    runDue(-1);
    Await.during(Duration.ofSeconds(1));
    assertEquals(1, mail.receivedBy("boss@report.example").size(), "a run is sent once");
  }

  @Test
  @DisplayName("a monthly XLSX report is due on the 1st at 06:00 in its time zone")
  void monthlyXlsx() {
    JsonObject made = schedule(lead, weekly("Month", "month@report.example").put("frequency", "monthly")
        .put("format", "xlsx").put("time_zone", "Europe/Berlin"));
    var next = Instant.parse(made.getString("next_run_at")).atZone(java.time.ZoneId.of("Europe/Berlin"));
    assertEquals(1, next.getDayOfMonth());
    assertEquals(6, next.getHour());
    assertEquals("xlsx", made.getString("format"));
  }

  @Test
  @DisplayName("an agent sees and removes only their own schedules; another's is a 404")
  void ownSchedulesOnly() {
    long id = schedule(lead, weekly("Mine", "mine@report.example")).getLong("id");
    assertTrue(api.get("/reports/schedules", other).bodyAsJsonObject().getJsonArray("items").stream()
        .noneMatch(item -> ((JsonObject) item).getLong("id") == id));
    assertEquals(404, api.delete("/reports/schedules/" + id, other).statusCode());
    assertEquals(204, api.delete("/reports/schedules/" + id, lead).statusCode());
    assertEquals(404, api.delete("/reports/schedules/" + id, lead).statusCode());
  }

  @Test
  @DisplayName("an agent without ro on stats gets 403; wrong fields are 422 by name")
  void refused() {
    assertEquals(403, api.get("/reports/schedules", plain).statusCode());
    assertEquals(403, api.post("/reports/schedules", plain, weekly("No", "no@report.example")).statusCode());
    for (var wrong : List.of(
        weekly("x", "not-an-address"), weekly("x"), weekly("x", "a@report.example").put("report", "nope"),
        weekly("x", "a@report.example").put("frequency", "daily"),
        weekly("x", "a@report.example").put("format", "pdf"),
        weekly("x", "a@report.example").put("time_zone", "Mars/Olympus"),
        weekly("x", "a@report.example").put("group_by", "year"),
        weekly("x", "a@report.example").put("queue_id", 987654))) {
      var answer = api.post("/reports/schedules", lead, wrong);
      assertEquals(422, answer.statusCode(), wrong.encode() + " → " + answer.bodyAsString());
    }
  }

  @Test
  @DisplayName("a schedule whose owner left the group stats is not sent, and says why")
  void ownerNoLongerReports() {
    long id = schedule(leaver, weekly("Orphan", "orphan@report.example")).getLong("id");
    server.sql("DELETE FROM group_user WHERE user_id = ? AND group_id = ?", leaverId, STATS_GROUP);
    runDue(id);
    Await.until(WAIT, () -> String.valueOf(server.scalar("SELECT last_outcome FROM report_schedule WHERE id = ?", id))
        .startsWith("not sent"), () -> "the run was not noted");
    Await.during(Duration.ofSeconds(1));
    assertEquals(0, mail.receivedBy("orphan@report.example").size());
  }
}
