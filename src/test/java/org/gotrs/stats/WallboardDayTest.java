package org.gotrs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wallboard's day in the viewer's time zone, from the report facts: created and closed, SLA met, CSAT, the median
 * first response and each agent's open and closed tickets; its queues chosen in the address, by team or by id.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@DisplayName("Wallboard: today in the viewer's time zone, per team, per agent")
class WallboardDayTest {

  private static final int STATS_GROUP = 3;
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static TestServer server;
  private static String lead;
  private static String member;
  private static UUID closer;
  private static int desk;
  private static int other;
  /** A moment that is today in one of UTC and Tokyo and yesterday in the other. */
  private static Instant between;
  private static ZoneId betweenIsToday;

  @BeforeAll
  static void day(TestServer started, Fixtures fixtures) {
    server = started;
    int team = fixtures.group("team-desk");
    int otherTeam = fixtures.group("team-other");
    desk = fixtures.queue("Desk", team);
    other = fixtures.queue("Other", otherTeam);
    UUID leadId = fixtures.agent("wb-lead", "pw", team, "rw");
    fixtures.grant(leadId, otherTeam, "rw");
    fixtures.grant(leadId, STATS_GROUP, "ro");
    closer = fixtures.agent("wb-closer", "pw", team, "rw");
    fixtures.agent("wb-member", "pw", team, "rw");
    lead = server.login("wb-lead", "pw");
    member = server.login("wb-member", "pw");

    Instant now = Instant.now();
    Instant utcMidnight = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant tokyoMidnight = LocalDate.ofInstant(now, TOKYO).atStartOfDay(TOKYO).toInstant();
    between = (utcMidnight.isAfter(tokyoMidnight) ? utcMidnight : tokyoMidnight).minus(30, ChronoUnit.MINUTES);
    betweenIsToday = utcMidnight.isAfter(tokyoMidnight) ? TOKYO : ZoneOffset.UTC;

    Instant recent = now.minusSeconds(5);
    long answeredInTime = ticket(desk, recent, recent.plusSeconds(3600));
    long answeredLate = ticket(desk, recent, recent.minusSeconds(1));
    long closed = ticket(desk, recent, null);
    ticket(desk, between, null);
    ticket(other, recent, null);
    reply(answeredInTime, recent);
    reply(answeredLate, recent);
    server.sql("UPDATE ticket SET ticket_state_id = 3, change_time = ?::timestamp, change_by = ? WHERE id = ?",
        utc(recent), closer, closed);
    rating(answeredInTime, 5, recent);
    rating(answeredLate, 2, recent);
    server.sql("UPDATE ticket SET user_id = ? WHERE queue_id = ? AND ticket_state_id = 1", closer, desk);
    // the open counts per queue follow the event stream: these two are opened through the API
    fixtures.ticket(lead, desk, "Board", "help");
    fixtures.ticket(lead, other, "Board", "help");
    Await.until(Duration.ofSeconds(5), () -> queues(board(lead, "")).containsAll(List.of(desk, other)),
        () -> "the board knows both queues");
  }

  private static long ticket(int queue, Instant at, Instant responseDeadline) {
    return ((Number) server.scalar("""
        INSERT INTO ticket (tn, title, queue_id, ticket_state_id, ticket_priority_id, source, create_time, change_time,
                            escalation_response_time)
        VALUES (md5(random()::text), 'Board', ?, 1, 3, 'web', ?::timestamp, ?::timestamp, ?) RETURNING id""",
        queue, utc(at), utc(at), responseDeadline == null ? 0 : (int) responseDeadline.getEpochSecond())).longValue();
  }

  private static void reply(long ticket, Instant at) {
    server.sql("""
        INSERT INTO article (ticket_id, article_sender_type_id, is_visible_for_customer, body, create_time, create_by)
        VALUES (?, 3, 1, 'help', ?::timestamp, NULL), (?, 1, 1, 'answer', ?::timestamp, ?)""", ticket, utc(at),
        ticket, utc(at.plusSeconds(1)), closer);
  }

  private static void rating(long ticket, int score, Instant at) {
    server.sql("INSERT INTO ticket_rating (ticket_id, score, create_time) VALUES (?, ?, ?::timestamp)", ticket, score,
        utc(at));
  }

  private static String utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
  }

  private static JsonObject board(String token, String query) {
    var response = server.send(HttpMethod.GET, "/api/v1/stats/wallboard?" + query, token, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject today(String query) {
    return board(lead, query).getJsonObject("today");
  }

  @Test
  @DisplayName("a ticket of the late evening counts today where it is still today, and not where that day is over")
  void todayIsTheViewersDay() {
    ZoneId elsewhere = betweenIsToday.equals(TOKYO) ? ZoneOffset.UTC : TOKYO;
    JsonObject there = today("queue_id=" + desk + "&tz=" + betweenIsToday.getId());
    JsonObject here = today("queue_id=" + desk + "&tz=" + elsewhere.getId());
    assertEquals(5, there.getInteger("created"));
    assertEquals(4, here.getInteger("created"));
    assertEquals(5, there.getJsonArray("opened_per_hour").stream().mapToInt(n -> ((Number) n).intValue()).sum());
    assertEquals(LocalDate.now(TOKYO).toString(), today("queue_id=" + desk + "&tz=Asia/Tokyo").getString("day"));
    assertEquals("Asia/Tokyo", today("queue_id=" + desk + "&tz=Asia/Tokyo").getString("time_zone"));
  }

  @Test
  @DisplayName("SLA met today, CSAT today and the median first response of the team's queues")
  void slaAndCsatToday() {
    JsonObject day = today("group=team-desk&tz=UTC");
    assertEquals(1, day.getInteger("sla_met"));
    assertEquals(1, day.getInteger("sla_breached"));
    assertEquals(50.0, day.getDouble("sla_met_percent"));
    assertEquals(2, day.getInteger("ratings"));
    assertEquals(3.5, day.getDouble("rating_average"));
    assertEquals(1L, day.getLong("median_first_response_seconds"));
    assertEquals(1, day.getInteger("closed"));
    JsonObject quiet = today("queue_id=" + other + "&tz=UTC");
    assertNull(quiet.getValue("sla_met_percent"));
    assertNull(quiet.getValue("rating_average"));
  }

  @Test
  @DisplayName("each agent's open tickets and the tickets they closed today, busiest first")
  void perAgent() {
    JsonObject agent = today("group=team-desk&tz=UTC").getJsonArray("agents").getJsonObject(0);
    assertEquals(closer.toString(), agent.getString("agent_id"));
    assertEquals("wb-closer", agent.getString("agent"));
    assertEquals(3, agent.getInteger("open"));
    assertEquals(1, agent.getInteger("closed"));
  }

  @Test
  @DisplayName("a team's board shows its queues only; queues the viewer may not read stay out whatever the address")
  void teamFilter() {
    assertEquals(List.of(desk), queues(board(lead, "group=team-desk")));
    assertEquals(List.of(other), queues(board(lead, "queue_id=" + other)));
    assertEquals(List.of(), queues(board(member, "queue_id=" + other)));
    assertEquals(0, board(member, "queue_id=" + other).getJsonObject("today").getInteger("created"));
  }

  @Test
  @DisplayName("an unknown team, a time zone that is none and queue ids that are not ids are refused with 422")
  void badAddress() {
    for (String query : List.of("group=no-such-team", "tz=Mars/Olympus", "tz=%2B02:00", "queue_id=1,x")) {
      var response = server.send(HttpMethod.GET, "/api/v1/stats/wallboard?" + query, lead, null);
      assertEquals(422, response.statusCode(), query + ": " + response.bodyAsString());
    }
  }

  @Test
  @DisplayName("a wallboard's own connection does not count as an agent online; a console's does")
  void wallboardIsNotAnAgentOnline() {
    UUID leadId = UUID.fromString(String.valueOf(server.scalar("SELECT id FROM users WHERE login = 'wb-lead'")));
    UUID memberId = UUID.fromString(String.valueOf(server.scalar("SELECT id FROM users WHERE login = 'wb-member'")));
    try (LiveClient wallboard = LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      wallboard.send(new JsonObject().put("type", "auth").put("token", lead).put("client", "wallboard"));
      wallboard.await(frame -> "ready".equals(frame.getString("type")), 10);
      try (LiveClient console = LiveClient.agent(server, member)) {
        Await.until(Duration.ofSeconds(5), () -> online(memberId) == 1, () -> "the console is online");
        assertEquals(0, online(leadId));
      }
    }
  }

  private static long online(UUID user) {
    return ((Number) server.scalar("SELECT count(*) FROM live_presence WHERE user_id = ?", user)).longValue();
  }

  private static List<Integer> queues(JsonObject board) {
    return board.getJsonArray("open_by_queue").stream().map(item -> ((JsonObject) item).getInteger("queue_id"))
        .toList();
  }
}
