package org.gotrs.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;

/**
 * Knowledge-base search at size: {@code articles} articles (three in four English, one in four German, one in ten
 * internal, about 150 words of help-desk text each over 20 categories) written by JDBC, then anonymous searches through
 * {@code GET /api/v1/kb/search} (the help center's query: ranked, with snippets) and suggestions through
 * {@code GET /api/v1/kb/suggest} (prefixes, as a customer types), one request at a time, against the same query
 * run as raw SQL. Not a test: run it by hand, see BENCHMARKS.md ("Knowledge base search").
 */
public final class KbSearchBench {

  private static final List<String> ENGLISH = List.of("password", "printer", "invoice", "network", "laptop", "refund",
      "payment", "license", "outlook", "vpn", "connection", "backup", "calendar", "meeting", "permission", "keyboard",
      "monitor", "battery", "browser", "certificate", "firewall", "router", "mailbox", "scanner", "webcam", "headset",
      "driver", "firmware", "bluetooth", "toner", "paper", "jam", "barcode", "courier", "subscription", "voucher",
      "receipt", "username", "unlock", "verification", "the", "and", "open", "click", "settings", "restart", "device",
      "account", "screen", "error");
  private static final List<String> GERMAN = List.of("Passwort", "Drucker", "Rechnung", "Netzwerk", "Erstattung",
      "Zahlung", "Lizenz", "Verbindung", "Sicherung", "Kalender", "Besprechung", "Berechtigung", "Tastatur",
      "Bildschirm", "Akku", "Zertifikat", "Postfach", "Treiber", "Papier", "Papierstau", "Abonnement", "Gutschein",
      "Benutzername", "Entsperren", "Anmeldung", "der", "die", "und", "öffnen", "klicken", "Einstellungen",
      "Neustart", "Gerät", "Konto", "Fehler");

  /** The search as it was before V107: every match ranked. */
  private static final String RAW_EVERY_MATCH = """
      WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query)
      SELECT hits.id, hits.title, ts_headline('english', hits.body_text, q.query, 'MaxFragments=2, MaxWords=24, MinWords=8')
        FROM q, LATERAL (
          SELECT a.id, a.title, a.body_text, ts_rank(a.document, q.query) AS rank FROM kb_article a
           WHERE a.document @@ q.query AND a.language = 'en' AND a.state = 'public'
           ORDER BY rank DESC, a.id DESC LIMIT 20) hits
       ORDER BY hits.rank DESC, hits.id DESC""";

  /** The search as KbSql.SEARCH runs it: the newest 200 title/keyword matches and newest 200 matches ranked. */
  private static final String RAW = """
      WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query),
      candidates AS (
          (SELECT a.id FROM kb_article a
            WHERE a.head_document @@ websearch_to_tsquery('english', ?) AND a.language = 'en' AND a.state = 'public'
            ORDER BY a.id DESC LIMIT 200)
          UNION
          (SELECT a.id FROM kb_article a
            WHERE a.document @@ websearch_to_tsquery('english', ?) AND a.language = 'en' AND a.state = 'public'
            ORDER BY a.id DESC LIMIT 200))
      SELECT hits.id, hits.title, ts_headline('english', hits.body_text, q.query, 'MaxFragments=2, MaxWords=24, MinWords=8')
        FROM q, LATERAL (
          SELECT a.id, a.title, a.body_text, ts_rank(a.document, q.query) AS rank
            FROM candidates c JOIN kb_article a ON a.id = c.id
           ORDER BY rank DESC, a.id DESC LIMIT 20) hits
       ORDER BY hits.rank DESC, hits.id DESC""";

  private KbSearchBench() {}

  private static void drain(PreparedStatement statement) throws java.sql.SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        rows.getString(3);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    // one address asks everything here, far above what one visitor would
    var conf = new io.vertx.core.json.JsonObject().put("http", new io.vertx.core.json.JsonObject()
        .put("rate_limits", new io.vertx.core.json.JsonObject().put("per_address_per_minute", 10_000_000)));
    try (TestServer server = TestServer.start(conf).awaitReady()) {
      long loadStart = System.nanoTime();
      load(server, articles);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      StringBuilder report = new StringBuilder();
      report.append("GOTRS knowledge-base search, ").append(ZonedDateTime.now(ZoneOffset.UTC).toLocalDate())
          .append('\n').append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; load average ")
          .append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n')
          .append("data: %,d articles (%s), loaded by JDBC in %.0f s%n".formatted(articles,
              server.scalar("SELECT pg_size_pretty(pg_total_relation_size('kb_article'))"), loadSeconds));
      List<String> words = new ArrayList<>(ENGLISH.subList(0, 40));
      report.append(line("API  GET /kb/search?q=<word>&language=en (anonymous)", time(requests, i ->
          get(server, "/api/v1/kb/search?language=en&q=" + encode(words.get(i % words.size()))))));
      report.append(line("API  GET /kb/search?q=<two words>&language=en", time(requests, i ->
          get(server, "/api/v1/kb/search?language=en&q=" + encode(words.get(i % words.size()) + " "
              + words.get((i * 7 + 3) % words.size()))))));
      report.append(line("API  GET /kb/search?q=<word> (every language)", time(requests, i ->
          get(server, "/api/v1/kb/search?q=" + encode(words.get(i % words.size()))))));
      report.append(line("API  GET /kb/suggest?q=<typed prefix>", time(requests, i -> {
        String word = words.get(i % words.size());
        get(server, "/api/v1/kb/suggest?q=" + encode("my " + word.substring(0, Math.min(word.length(), 2 + i % 4))));
      })));
      try (Connection jdbc = TestDatabase.connect(server.database());
           PreparedStatement search = jdbc.prepareStatement(RAW);
           PreparedStatement everyMatch = jdbc.prepareStatement(RAW_EVERY_MATCH)) {
        // as the API plans its search (KbSql.PLAN_FOR_THESE_WORDS): with the words searched for
        try (var session = jdbc.createStatement()) {
          session.execute("SET plan_cache_mode = force_custom_plan");
        }
        String common = words.get(0);
        report.append("matches of \"").append(common).append("\": ").append(server.scalar(
            "SELECT count(*) FROM kb_article WHERE document @@ websearch_to_tsquery('english', ?) AND language = 'en' "
                + "AND state = 'public'", common)).append('\n');
        for (int round = 0; round < 2; round++) {
          report.append(line("raw SQL: the search, newest 200 + 200 ranked (as the API)", time(requests, i -> {
            for (int p = 1; p <= 3; p++) {
              search.setString(p, words.get(i % words.size()));
            }
            drain(search);
          })));
          report.append(line("raw SQL: the search, every match ranked (before)", time(requests, i -> {
            everyMatch.setString(1, words.get(i % words.size()));
            drain(everyMatch);
          })));
        }
        for (String sql : List.of(RAW, RAW_EVERY_MATCH, RAW.replace("websearch_to_tsquery('english', ?)",
            "websearch_to_tsquery('english', 'verification')"))) {
          try (PreparedStatement explain = jdbc.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            for (int p = 1; p <= explain.getParameterMetaData().getParameterCount(); p++) {
              explain.setString(p, common);
            }
            try (ResultSet plan = explain.executeQuery()) {
              report.append("\nEXPLAIN ANALYZE, q=").append(common).append(":\n");
              while (plan.next()) {
                report.append(plan.getString(1)).append('\n');
              }
            }
          }
        }
      }
      report.append("load average at the end: ").append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n');
      System.out.println(report);
      Path out = Path.of("target", "kb-search-bench.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report.toString());
    }
  }

  /**
   * The articles, written by JDBC in batches: English text from the benchmark's Zipf vocabulary (a common word is in
   * many articles, a rare one in a few, as in a real knowledge base), German articles with German words mixed in.
   */
  private static void load(TestServer server, int articles) throws Exception {
    server.sql("INSERT INTO kb_category (name) SELECT 'Category ' || g FROM generate_series(1, 20) g");
    int first = ((Number) server.scalar("SELECT min(id) FROM kb_category")).intValue();
    java.util.Random random = new java.util.Random(29);
    try (Connection jdbc = TestDatabase.connect(server.database());
         PreparedStatement insert = jdbc.prepareStatement("""
             INSERT INTO kb_article (category_id, language, title, body, body_text, keywords, state)
             VALUES (?, ?, ?, ?, ?, string_to_array(?, ' '), ?)""")) {
      jdbc.setAutoCommit(false);
      for (int i = 1; i <= articles; i++) {
        boolean german = i % 4 == 0;
        String title = german ? GERMAN.get(random.nextInt(GERMAN.size())) + " " + Vocabulary.sentence(random, 3, 6)
            : Vocabulary.sentence(random, 4, 8);
        StringBuilder text = new StringBuilder();
        for (int sentence = 0; sentence < 12; sentence++) {
          text.append(Vocabulary.sentence(random, 8, 16)).append(' ');
          if (german) {
            text.append(GERMAN.get(random.nextInt(GERMAN.size()))).append(". ");
          }
        }
        insert.setInt(1, first + i % 20);
        insert.setString(2, german ? "de" : "en");
        insert.setString(3, title);
        insert.setString(4, "<p>" + text.toString().strip() + "</p>");
        insert.setString(5, text.toString().strip());
        insert.setString(6, Vocabulary.word(Vocabulary.zipfRank(random)) + " " + Vocabulary.word(Vocabulary.zipfRank(random)));
        insert.setString(7, i % 10 == 0 ? "internal" : "public");
        insert.addBatch();
        if (i % 1_000 == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      jdbc.commit();
    }
    server.sql("ANALYZE kb_article");
  }

  @FunctionalInterface
  private interface Call {
    void run(int i) throws Exception;
  }

  private static long[] time(int requests, Call call) throws Exception {
    for (int i = 0; i < Math.min(100, requests); i++) {
      call.run(i);
    }
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      call.run(i + 100);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static String line(String what, long[] sorted) {
    return "%-58s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (%d requests)%n".formatted(what, ms(sorted, 0.50),
        ms(sorted, 0.95), ms(sorted, 0.99), sorted.length);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static void get(TestServer server, String path) {
    HttpResponse<Buffer> response = server.get(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
