package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark command (see BENCHMARKS.md):
 * {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.scale=quick|medium|full [-Dbench.reuse=true]
 * [-Dbench.only=tickets|search|live|throughput|reports|notifications|commitdelay|cluster] [-Dbench.changes_per_second=N]
 * [-Dbench.sample_activity=true]}.
 * Starts its own PostgreSQL, loads the data set, starts the real server in a JVM of its own, runs the
 * workloads through the API and as raw SQL, and prints the figures with the machine, data size and date.
 */
public final class Benchmark {

  /** The server's heap: the live-stream target is 10,000 connections in at most 1 GiB. */
  private static final String SERVER_HEAP = "1g";
  /** The server's own database pool size (conf/gotrs.json), used for the raw SQL runs too. */
  private static final int POOL_SIZE = 16;

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Scale scale = Scale.named(System.getProperty("bench.scale", "quick"));
    Path data = Path.of(System.getProperty("bench.data", "target/bench-" + scale.name())).toAbsolutePath();
    boolean reuse = Boolean.getBoolean("bench.reuse");
    Report report = new Report();
    System.out.printf("GOTRS benchmark, scale %s, data in %s%n", scale.name(), data);
    if (System.getProperty("bench.only", "").equals("cluster")) {
      cluster(scale, data, reuse, report);
    } else {
      workloads(scale, data, reuse, report);
    }
    report.context("load average (1/5/15 min) at the end", loadAverage());
    String rendered = report.render();
    System.out.println();
    System.out.println(rendered);
    String only = System.getProperty("bench.only", "all");
    Path written = data.resolveSibling("bench-report-" + scale.name() + (only.equals("all") || only.isEmpty() ? ""
        : "-" + only) + ".md");
    report.write(written);
    System.out.println("(also written to " + written + ")");
  }

  /** Issue 31: reads on two clustered nodes with a streaming standby of the loaded database as their read replica. */
  private static void cluster(Scale scale, Path data, boolean reuse, Report report) throws Exception {
    Setup setup;
    try (BenchDatabase database = BenchDatabase.start(data.resolve("postgres"), reuse);
         Connection jdbc = database.connect()) {
      setup = prepare(jdbc, scale, report);
    }
    System.out.println("two nodes and a read replica:");
    try (BenchDatabase databases = BenchDatabase.withStandby(data.resolve("postgres"), data.resolve("standby"))) {
      Vertx vertx = Vertx.vertx();
      try {
        new ClusterWorkload(vertx, setup, databases, data.resolve("cluster"), SERVER_HEAP, report).run();
      } finally {
        await(vertx.close());
      }
    }
  }

  /** Loads (or finds) the data set, describes it in the report, and reads what the workloads need to know of it. */
  private static Setup prepare(Connection jdbc, Scale scale, Report report)
      throws IOException, java.sql.SQLException {
    DataLoader.Dataset dataset = new DataLoader(jdbc, scale).load();
    describe(report, scale, dataset, jdbc);
    return Setup.read(jdbc, scale.customers());
  }

  /** Every other mode: the workloads on one database, against the server each starts. */
  private static void workloads(Scale scale, Path data, boolean reuse, Report report) throws Exception {
    try (BenchDatabase database = BenchDatabase.start(data.resolve("postgres"), reuse);
         Connection jdbc = database.connect()) {
      Setup setup = prepare(jdbc, scale, report);
      Vertx vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE).setMaxWaitQueueSize(-1))
          .connectingTo(database.target().connectOptions()).using(vertx).build();
      ActivitySampler activity = ActivitySampler.startIfAsked(database);
      int connections = Math.max(10_000, scale.connections() + scale.subscribers() + 100);
      JsonObject conf = new JsonObject().put("realtime", new JsonObject().put("max_connections", connections));
      if (System.getProperty("bench.only", "").equals("commitdelay")) {
        System.out.println("commit delay, events locked against stamped:");
        try {
          new CommitDelayWorkload(vertx, setup, database.target(), data.resolve("server"), SERVER_HEAP, conf, pool, jdbc,
              report).run();
        } finally {
          await(vertx.close());
        }
      } else {
        try (ServerProcess server = ServerProcess.start(database.target(), data.resolve("server"), SERVER_HEAP, conf)) {
          var http = Api.client(vertx, server.port(), 64);
          Api lead = await(Api.login(http, DataLoader.LEAD, DataLoader.PASSWORD));
          Api agent = await(Api.login(http, DataLoader.AGENT, DataLoader.PASSWORD));
          String only = System.getProperty("bench.only", "");
          if (only.equals("throughput")) {
            System.out.println("agent throughput:");
            new ThroughputWorkload(vertx, scale, setup, server, http, lead, jdbc, report).run();
          } else if (only.equals("reports")) {
            System.out.println("reports and exports:");
            grantStats(jdbc);
            lead = await(Api.login(http, DataLoader.LEAD, DataLoader.PASSWORD));
            new ReportWorkload(scale, lead, pool, jdbc, server, report).run();
          } else if (only.equals("notifications")) {
            System.out.println("notifications of 50 agents per queue:");
            new NotificationWorkload(lead, jdbc, report).run();
          } else if (only.equals("search")) {
            System.out.println("search:");
            new TicketWorkload(scale, setup, lead, agent, new RawCreate(pool, false), new RawReads(pool), jdbc, report)
                .searchOnly();
          } else if (!only.equals("live")) {
            System.out.println("ticket core and permissions:");
            new TicketWorkload(scale, setup, lead, agent, new RawCreate(pool, false), new RawReads(pool), jdbc, report)
                .run();
          }
          if (only.isEmpty() || only.equals("live")) {
            System.out.println("live stream:");
            lead = await(Api.login(http, DataLoader.LEAD, DataLoader.PASSWORD));
            new LiveWorkload(vertx, scale, setup, server, lead, jdbc, report).run();
          }
        } finally {
          await(vertx.close());
        }
      }
      if (activity != null) {
        activity.close();
      }
    }
  }

  /** The lead reports on every queue: {@code ro} on the OTRS group stats. */
  private static void grantStats(Connection jdbc) throws java.sql.SQLException {
    try (var statement = jdbc.createStatement()) {
      statement.execute("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) "
          + "SELECT u.id, g.id, 'ro', 1 FROM users u, groups g WHERE u.login = 'bench.lead' AND g.name = 'stats' "
          + "ON CONFLICT DO NOTHING");
    }
  }

  private static void describe(Report report, Scale scale, DataLoader.Dataset dataset, Connection jdbc)
      throws IOException, java.sql.SQLException {
    report.context("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    String only = System.getProperty("bench.only", "all");
    report.context("command", "mvn -B -q -Pbench test-compile exec:exec -Dbench.scale=" + scale.name()
        + (only.equals("all") ? "" : " -Dbench.only=" + only));
    report.context("machine", "%d cores (%s), %s RAM, %s".formatted(Runtime.getRuntime().availableProcessors(),
        cpuModel(), memory(), osName()));
    report.context("software", "%s %s; %s".formatted(System.getProperty("java.vm.name"),
        System.getProperty("java.version"), firstLine(jdbc, "SELECT split_part(version(), ',', 1)")));
    report.context("PostgreSQL settings", BenchDatabase.SETTINGS.entrySet().stream()
        .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(", "))
        + "; everything else default");
    report.context("data", "%,d tickets, %,d articles, %,d history rows in 50 queues/groups; database %s; %s"
        .formatted(dataset.tickets(), dataset.articles(), dataset.history(), dataset.databaseSize(),
            dataset.reused() ? "loaded by an earlier run in %.0f s".formatted(dataset.loadSeconds())
                : "loaded in %.0f s".formatted(dataset.loadSeconds())));
    report.context("layout", "PostgreSQL, the server (its own JVM) and the load driver share the machine");
    report.context("load average (1/5/15 min) at the start", loadAverage());
  }

  /** Other work on the machine skews every figure, so the report says how busy it was. */
  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " / " + fields[1] + " / " + fields[2];
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
  }

  private static String memory() throws IOException {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
        .map(line -> "%.0f GiB".formatted(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
        .findFirst().orElse("unknown");
  }

  private static String osName() throws IOException {
    Path release = Path.of("/etc/os-release");
    if (!Files.exists(release)) {
      return System.getProperty("os.name");
    }
    return Files.readAllLines(release).stream().filter(line -> line.startsWith("PRETTY_NAME="))
        .map(line -> line.substring(line.indexOf('=') + 1).replace("\"", "")).findFirst()
        .orElse(System.getProperty("os.name"));
  }

  private static String firstLine(Connection jdbc, String sql) throws java.sql.SQLException {
    try (var statement = jdbc.createStatement(); var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Blocks the benchmark's main thread (never an event loop) until the future completes. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }
}
