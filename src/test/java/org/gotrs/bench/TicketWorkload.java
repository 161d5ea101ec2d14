package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The ticket core (issue 4) and permission (issue 3) figures: each workload runs through the API and then as the
 * same SQL straight against PostgreSQL, with the same number of requests in flight, after an unmeasured warm-up.
 */
final class TicketWorkload {

  /** Search words by frequency rank: from the most common word to one in a few hundredths of a percent of articles. */
  private static final List<Integer> SEARCH_RANKS = List.of(1, 10, 100, 1_000, 10_000);

  /** The least time each measurement is preceded by the same calls, unmeasured (through the API and raw alike). */
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final int TURNS = 10;

  private final Scale scale;
  private final Setup setup;
  private final Api lead;
  private final Api agent;
  private final RawCreate rawCreate;
  private final RawReads raw;
  private final Connection jdbc;
  private final Report report;

  TicketWorkload(Scale scale, Setup setup, Api lead, Api agent, RawCreate rawCreate, RawReads raw, Connection jdbc,
                 Report report) {
    this.scale = scale;
    this.setup = setup;
    this.lead = lead;
    this.agent = agent;
    this.rawCreate = rawCreate;
    this.raw = raw;
    this.jdbc = jdbc;
    this.report = report;
  }

  void run() throws SQLException {
    creates();
    settle();
    ticketReads();
    queuePages();
    searches();
    permissionLists();
  }

  /** Only the searches, on the data as loaded (settled first): {@code -Dbench.only=search}. */
  void searchOnly() throws SQLException {
    settle();
    searches();
  }

  /** 4a: tickets with a first article, {@code createClients} in flight. */
  private void creates() {
    int calls = scale.creates();
    int inFlight = scale.createClients();
    var api = measure(calls, inFlight, i -> lead.createTicket(newTicket(setup, i)));
    var sql = measure(calls, inFlight, i -> rawCreate.create(rawTicket(setup, calls + i)));
    double ratio = api.perSecond() / sql.perSecond();
    report.row("4", "ticket create with first article, %d in flight, %,d tickets".formatted(inFlight, calls),
        Report.rate(api), Report.rate(sql), "API ≥ 50%% of raw SQL: %.0f%%".formatted(100 * ratio), ratio >= 0.5);
  }

  /**
   * After the creates, lets the server and the database settle (the notification consumer done with the creates'
   * events, then vacuum, statistics, a checkpoint) so that the reads after them, through the API and raw alike, are
   * not measured while the server notifies agents of 20,000 new tickets or autovacuum catches up with them.
   */
  private void settle() throws SQLException {
    double notified = Setup.awaitNotifications(jdbc, Setup.scalar(jdbc, "SELECT coalesce(max(seq), 0) FROM event_log"));
    report.context("notifications of the creates acted on before the reads", "in %.0f s".formatted(notified));
    boolean autoCommit = jdbc.getAutoCommit();
    jdbc.setAutoCommit(true);
    try (var statement = jdbc.createStatement()) {
      statement.execute("VACUUM (ANALYZE) ticket, article, ticket_search, ticket_history, event_log");
      statement.execute("CHECKPOINT");
    } finally {
      jdbc.setAutoCommit(autoCommit);
    }
  }

  /** 4b: one ticket by id, random ids over the whole table. */
  private void ticketReads() {
    Random random = new Random(4);
    long[] ids = random.longs(scale.reads() * 2L, 1, setup.maxTicketId() + 1).toArray();
    var turns = inTurns(scale.reads(), scale.readClients(), i -> lead.get("/api/v1/tickets/" + ids[i]),
        i -> raw.ticket(setup.lead(), ids[ids.length - 1 - i]));
    report.row("4", "GET /tickets/{id}, random ids, %d in flight".formatted(scale.readClients()),
        Report.millis(turns.api(), 50, 99), Report.millis(turns.sql(), 50, 99), "≤ 2× raw SQL (p50, p99)",
        turns.api().millis(50) <= 2 * turns.sql().millis(50) && turns.api().millis(99) <= 2 * turns.sql().millis(99));
  }

  /** 4c: a queue's newest page, and a page deep in it (a cursor below 90% of all ticket ids). */
  private void queuePages() {
    List<Integer> queues = setup.queues();
    Random random = new Random(5);
    long[] deep = random.longs(scale.reads() * 2L, setup.maxTicketId() / 100, setup.maxTicketId() / 10).toArray();
    var first = inTurns(scale.reads(), scale.readClients(),
        i -> lead.get("/api/v1/tickets?limit=50&queue_id=" + queues.get(i % queues.size())),
        i -> raw.list(setup.lead(), queues.get(i % queues.size()), null));
    var firstApi = first.api();
    var firstSql = first.sql();
    report.row("4", "queue page `?queue_id=X&limit=50`, newest, over all 50 queues", Report.millis(firstApi, 50, 99),
        Report.millis(firstSql, 50, 99), "p99 ≤ 20 ms", firstApi.millis(99) <= 20);
    var deepTurns = inTurns(scale.reads(), scale.readClients(), i -> lead.get("/api/v1/tickets?limit=50&queue_id="
        + queues.get(i % queues.size()) + "&cursor=" + cursor(deep[i])),
        i -> raw.list(setup.lead(), queues.get(i % queues.size()), deep[i]));
    var deepApi = deepTurns.api();
    var deepSql = deepTurns.sql();
    report.row("4", "queue page with a cursor 90–99% deep", Report.millis(deepApi, 50, 99),
        Report.millis(deepSql, 50, 99), "p99 ≤ 20 ms", deepApi.millis(99) <= 20);
  }

  /** 4d: {@code ?q=word} for words from very common to rare. */
  private void searches() throws SQLException {
    for (int rank : SEARCH_RANKS) {
      String word = Vocabulary.word(rank);
      var api = measure(scale.searchesPerWord(), scale.readClients(), i -> lead.get("/api/v1/tickets?q=" + word));
      var sql = measure(scale.searchesPerWord(), scale.readClients(), i -> raw.search(setup.lead(), word));
      report.row("4", "search `?q=%s` (word rank %,d, in %s of articles)".formatted(word, rank, articleShare(word)),
          Report.millis(api, 50, 95), Report.millis(sql, 50, 95), "p95 ≤ 100 ms", api.millis(95) <= 100);
    }
  }

  /** 3: the newest tickets an agent may read, with the permission predicate over 15 of 50 groups. */
  private void permissionLists() {
    Random random = new Random(3);
    long[] deep = random.longs(scale.reads() * 2L, setup.maxTicketId() / 100, setup.maxTicketId() / 10).toArray();
    var firstApi = measure(scale.reads(), scale.readClients(), i -> agent.get("/api/v1/tickets?limit=50"));
    var firstSql = measure(scale.reads(), scale.readClients(), i -> raw.list(setup.agent(), null, null));
    report.row("3", "`GET /tickets?limit=50` as an agent reading 15 of 50 groups (roles + direct grants)",
        Report.millis(firstApi, 50, 99), Report.millis(firstSql, 50, 99), "", null);
    var deepApi = measure(scale.reads(), scale.readClients(),
        i -> agent.get("/api/v1/tickets?limit=50&cursor=" + cursor(deep[i])));
    var deepSql = measure(scale.reads(), scale.readClients(), i -> raw.list(setup.agent(), null, deep[i]));
    report.row("3", "the same with a cursor 90–99% deep", Report.millis(deepApi, 50, 99),
        Report.millis(deepSql, 50, 99), "", null);
  }

  /**
   * Runs the call unmeasured, a tenth of the calls (at least 50) and again until {@link #WARM_UP} has passed, then
   * the measured calls; each part stops early when its share of the scale's time budget is spent, so a slow
   * endpoint cannot stall the run. The warm-up is timed because the server compiles a new endpoint's code for
   * seconds on this box (the JIT's compilations of a list call took 0.1–0.8 s each, on the cores the measured
   * calls need), and a count alone ended it long before that.
   */
  private LoadDriver.Result measure(int calls, int inFlight, IntFunction<Future<?>> call) {
    warmUp(calls, inFlight, call);
    return await(LoadDriver.closedLoop(calls, inFlight, Duration.ofSeconds(scale.budgetSeconds()), call));
  }

  /** An API call and the raw SQL behind it, measured in turns. */
  private record Turns(LoadDriver.Result api, LoadDriver.Result sql) {}

  /**
   * The API call and its raw SQL measured in {@link #TURNS} alternating turns of a tenth of the calls each, after
   * both are warm, so both meet the same load: on a machine shared with other work, measuring one and then the
   * other compared two different machines. Each side's turns are added up.
   */
  private Turns inTurns(int calls, int inFlight, IntFunction<Future<?>> api, IntFunction<Future<?>> sql) {
    warmUp(calls, inFlight, api);
    warmUp(calls, inFlight, sql);
    Duration budget = Duration.ofSeconds(scale.budgetSeconds()).dividedBy(TURNS);
    int perTurn = Math.max(1, calls / TURNS);
    LoadDriver.Result apiSum = null;
    LoadDriver.Result sqlSum = null;
    for (int turn = 0; turn < TURNS; turn++) {
      int first = turn * perTurn;
      apiSum = LoadDriver.Result.sum(apiSum,
          await(LoadDriver.closedLoop(perTurn, inFlight, budget, i -> api.apply(first + i))));
      sqlSum = LoadDriver.Result.sum(sqlSum,
          await(LoadDriver.closedLoop(perTurn, inFlight, budget, i -> sql.apply(first + i))));
    }
    return new Turns(apiSum, sqlSum);
  }

  private void warmUp(int calls, int inFlight, IntFunction<Future<?>> call) {
    int warmUp = Math.max(50, calls / 10);
    Duration budget = Duration.ofSeconds(scale.budgetSeconds());
    long warmUntil = System.nanoTime() + WARM_UP.toNanos();
    do {
      await(LoadDriver.closedLoop(warmUp, inFlight, budget.dividedBy(4), i -> call.apply(calls + i)));
    } while (System.nanoTime() < warmUntil);
  }

  /** The {@code i}th ticket a create workload sends through the API. */
  static JsonObject newTicket(Setup setup, int i) {
    RawCreate.Input input = rawTicket(setup, i);
    return new JsonObject().put("title", input.title()).put("queue_id", input.queueId())
        .put("customer_user", input.customerUser())
        .put("article", new JsonObject().put("subject", input.title()).put("body", input.body()));
  }

  /** The same ticket for the raw SQL create. */
  static RawCreate.Input rawTicket(Setup setup, int i) {
    Random random = new Random(i);
    String title = Vocabulary.sentence(random, 3, 7);
    StringBuilder body = new StringBuilder();
    for (int s = 0; s < 4; s++) {
      body.append(s == 0 ? "" : " ").append(Vocabulary.sentence(random, 6, 14));
    }
    return new RawCreate.Input(title.substring(0, title.length() - 1), setup.queues().get(i % setup.queues().size()),
        setup.customerLogin(i), body.toString(), setup.lead(), DataLoader.LEAD);
  }

  /** The list cursor the API hands out for "after ticket id" in the default (newest first) order. */
  private static String cursor(long id) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("CREATED||" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The share of articles containing the word, from a sample of about 30,000 articles. */
  private String articleShare(String word) throws SQLException {
    double articles = Setup.scalar(jdbc, "SELECT greatest(1, reltuples::bigint) FROM pg_class WHERE relname = 'article'");
    try (PreparedStatement statement = jdbc.prepareStatement("""
        SELECT avg((to_tsvector('english', coalesce(subject, '') || ' ' || coalesce(body, ''))
                    @@ plainto_tsquery('english', ?))::int)
          FROM article TABLESAMPLE SYSTEM (?::real)""")) {
      statement.setString(1, word);
      statement.setDouble(2, Math.min(100, 3_000_000 / articles));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        double share = rows.getDouble(1) * 100;
        return share >= 1 ? "%.0f%%".formatted(share) : "%.2f%%".formatted(share);
      }
    }
  }
}
