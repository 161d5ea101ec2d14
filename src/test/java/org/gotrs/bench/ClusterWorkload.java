package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.testing.TestServer;

/**
 * Issue 31: reads on two clustered nodes (a Hazelcast event bus, one token key) that share a primary and read from a
 * streaming standby of it ({@code GOTRS_DB_READ_URL}). {@code GET /tickets/{id}} and the newest page of a queue in
 * turn, {@value #IN_FLIGHT} in flight: on node A alone, on node B alone, and on both at once (half of them each), the
 * three runs taking turns. Per node: reads per second, latency, and CPU per read (the server JVM's user and system
 * time over its reads); per run: the primary's and the standby's CPU per read, the replica's share of the reads, and
 * how many cores each part kept busy. Then the same statements straight to the standby.
 */
final class ClusterWorkload {

  private static final int IN_FLIGHT = 8;
  private static final Duration WARM_UP = Duration.ofSeconds(30);
  /** Each run is measured in this many turns, the three runs taking turns, so that all meet the same machine. */
  private static final int TURNS = 2;
  private static final Duration TURN = Duration.ofSeconds(10);
  private static final String JWT_SECRET = "benchmark-cluster-signing-key-shared-by-both-nodes";
  private static final Pattern REPLICA_READS = Pattern.compile("(?m)^gotrs_db_replica_reads_total\\{[^}]*} (\\S+)$");

  /**
   * What the machine's counters say at one moment, or how they changed over a run: CPU milliseconds of each process
   * (the load driver is this JVM), reads the replica served, and wall-clock milliseconds.
   */
  private record Counters(double nodeA, double nodeB, double primary, double standby, double driver,
                          double replicaReads, double wallMillis) {

    static final Counters NONE = new Counters(0, 0, 0, 0, 0, 0, 0);

    Counters minus(Counters earlier) {
      return new Counters(nodeA - earlier.nodeA, nodeB - earlier.nodeB, primary - earlier.primary,
          standby - earlier.standby, driver - earlier.driver, replicaReads - earlier.replicaReads,
          wallMillis - earlier.wallMillis);
    }

    Counters plus(Counters other) {
      return new Counters(nodeA + other.nodeA, nodeB + other.nodeB, primary + other.primary, standby + other.standby,
          driver + other.driver, replicaReads + other.replicaReads, wallMillis + other.wallMillis);
    }

    /** How many cores {@code cpuMillis} kept busy over the time counted. */
    double cores(double cpuMillis) {
      return cpuMillis / wallMillis;
    }
  }

  /**
   * One run: how many requests it keeps in flight on each node, each node's reads (null: the node had none) and the
   * counters' change over it.
   */
  private record Run(String name, int inFlightA, int inFlightB, LoadDriver.Result onA, LoadDriver.Result onB,
                     Counters used) {

    Run(String name, int inFlightA, int inFlightB) {
      this(name, inFlightA, inFlightB, null, null, Counters.NONE);
    }

    Run plus(LoadDriver.Result turnA, LoadDriver.Result turnB, Counters turnUsed) {
      return new Run(name, inFlightA, inFlightB, LoadDriver.Result.sum(onA, turnA), LoadDriver.Result.sum(onB, turnB),
          used.plus(turnUsed));
    }

    int calls() {
      return (onA == null ? 0 : onA.calls()) + (onB == null ? 0 : onB.calls());
    }

    double perSecond() {
      return (onA == null ? 0 : onA.perSecond()) + (onB == null ? 0 : onB.perSecond());
    }
  }

  /** A node as the load driver sees it: its process, a client, and the lead logged in on it. */
  private record Node(ServerProcess server, WebClient http, Api lead) {}

  private final Vertx vertx;
  private final Setup setup;
  private final BenchDatabase databases;
  private final Path workDir;
  private final String heap;
  private final Report report;

  ClusterWorkload(Vertx vertx, Setup setup, BenchDatabase databases, Path workDir, String heap, Report report) {
    this.vertx = vertx;
    this.setup = setup;
    this.databases = databases;
    this.workDir = workDir;
    this.heap = heap;
    this.report = report;
  }

  void run() throws Exception {
    int busA = TestServer.freePort();
    int busB = TestServer.freePort();
    String members = "127.0.0.1:" + busA + ",127.0.0.1:" + busB;
    try (ServerProcess serverA = start("a", busA, members); ServerProcess serverB = start("b", busB, members)) {
      awaitJoined(busA);
      Node nodeA = connect(serverA);
      Node nodeB = connect(serverB);
      await(Future.all(reads(nodeA, IN_FLIGHT / 2, WARM_UP), reads(nodeB, IN_FLIGHT / 2, WARM_UP)));
      List<Run> runs = List.of(new Run("node A alone", IN_FLIGHT, 0), new Run("node B alone", 0, IN_FLIGHT),
          new Run("both nodes", IN_FLIGHT / 2, IN_FLIGHT / 2));
      for (int turn = 0; turn < TURNS; turn++) {
        runs = runs.stream().map(run -> turn(run, nodeA, nodeB)).toList();
      }
      Pool standby = PgBuilder.pool().with(new PoolOptions().setMaxSize(IN_FLIGHT))
          .connectingTo(databases.standby().connectOptions()).using(vertx).build();
      try {
        RawReads raw = new RawReads(standby);
        await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT, WARM_UP.dividedBy(4), i -> read(raw, i)));
        Counters before = counters(nodeA, nodeB);
        LoadDriver.Result rawReads = await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT,
            TURN.multipliedBy(TURNS), i -> read(raw, i)));
        Counters used = counters(nodeA, nodeB).minus(before);
        record(runs, rawReads, used);
      } finally {
        await(standby.close());
      }
    }
  }

  private Node connect(ServerProcess server) {
    WebClient http = Api.client(vertx, server.port(), IN_FLIGHT);
    return new Node(server, http, await(Api.login(http, DataLoader.LEAD, DataLoader.PASSWORD)));
  }

  /** One node of the cluster: the primary for writes, the standby for reads, its event bus on {@code busPort}. */
  private ServerProcess start(String name, int busPort, String members) throws IOException, InterruptedException {
    Path dir = workDir.resolve(name);
    Files.createDirectories(dir);
    Path hazelcast = dir.resolve("cluster.xml");
    Files.writeString(hazelcast, hazelcastConfig(busPort));
    JsonObject conf = new JsonObject()
        .put("db", new JsonObject().put("read_url", databases.standby().url()))
        .put("jwt", new JsonObject().put("secret", JWT_SECRET))
        .put("cluster", new JsonObject().put("enabled", true).put("members", members));
    return ServerProcess.start(databases.target(), dir, heap, conf,
        List.of("-Dvertx.hazelcast.config=" + hazelcast));
  }

  /**
   * Vert.x's own Hazelcast configuration with the event bus on a port of its own: on the default (5701 and up) the
   * nodes of a cluster test running on the same machine would find these and join them.
   */
  private static String hazelcastConfig(int port) throws IOException {
    try (InputStream defaults = ClusterWorkload.class.getResourceAsStream("/default-cluster.xml")) {
      return new String(defaults.readAllBytes(), StandardCharsets.UTF_8)
          .replace("<network>", "<network>\n    <port auto-increment=\"false\">" + port + "</port>");
    }
  }

  /**
   * Waits until node B has joined node A's event bus: an established TCP connection to A's port. Hazelcast logs the
   * members only at a level the server does not show, and nodes that failed to join would still answer reads alone.
   */
  private static void awaitJoined(int busPort) throws IOException, InterruptedException {
    String port = ":%04X".formatted(busPort);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        // columns: sl, local address, remote address, state (01: established), ...
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] columns = line.strip().split("\\s+");
          if (columns[2].endsWith(port) && columns[3].equals("01")) {
            return;
          }
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("node B did not join node A's event bus on port " + busPort + " within 30 s");
  }

  /** The {@code i}th read: a ticket by a random id, or the newest page of one of the queues, in turn. */
  private Future<?> read(Api api, int i) {
    return i % 2 == 0 ? api.get("/api/v1/tickets/" + ticketId(i))
        : api.get("/api/v1/tickets?limit=50&queue_id=" + queue(i));
  }

  private Future<?> read(RawReads raw, int i) {
    return i % 2 == 0 ? raw.ticket(setup.lead(), ticketId(i)) : raw.list(setup.lead(), queue(i), null);
  }

  private long ticketId(int i) {
    return 1 + new Random(i).nextLong(setup.maxTicketId());
  }

  private int queue(int i) {
    return setup.queues().get(i / 2 % setup.queues().size());
  }

  /** One more turn of {@code run}: {@link #TURN} of reads with its numbers in flight on each node at once. */
  private Run turn(Run run, Node nodeA, Node nodeB) {
    Counters before = counters(nodeA, nodeB);
    Future<LoadDriver.Result> readsA = run.inFlightA() == 0 ? Future.succeededFuture()
        : reads(nodeA, run.inFlightA(), TURN);
    Future<LoadDriver.Result> readsB = run.inFlightB() == 0 ? Future.succeededFuture()
        : reads(nodeB, run.inFlightB(), TURN);
    await(Future.all(readsA, readsB));
    Run measured = run.plus(readsA.result(), readsB.result(), counters(nodeA, nodeB).minus(before));
    System.out.printf("  %s: %.0f reads/s so far%n", run.name(), measured.perSecond());
    return measured;
  }

  private Future<LoadDriver.Result> reads(Node node, int inFlight, Duration duration) {
    return LoadDriver.closedLoop(Integer.MAX_VALUE, inFlight, duration, i -> read(node.lead(), i));
  }

  private Counters counters(Node nodeA, Node nodeB) {
    try {
      return new Counters(ProcessCpu.millis(nodeA.server().pid()), ProcessCpu.millis(nodeB.server().pid()),
          ProcessCpu.withChildrenMillis(databases.primaryPid()), ProcessCpu.withChildrenMillis(databases.standbyPid()),
          ProcessCpu.millis(ProcessHandle.current().pid()), replicaReads(nodeA.http()) + replicaReads(nodeB.http()),
          System.nanoTime() / 1e6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reads the node's replica served so far, from its {@code /metrics}. */
  private static double replicaReads(WebClient http) {
    String metrics = await(http.get("/metrics").send()).bodyAsString();
    Matcher reads = REPLICA_READS.matcher(metrics);
    if (!reads.find()) {
      throw new IllegalStateException("no gotrs_db_replica_reads_total in /metrics: is the replica configured?");
    }
    return Double.parseDouble(reads.group(1));
  }

  private void record(List<Run> runs, LoadDriver.Result rawReads, Counters rawUsed) {
    report.context("layout", "the primary, its streaming standby, two server JVMs (%s heap each, clustered) and the load "
        .formatted(heap) + "driver share the machine");
    for (Run run : runs) {
      if (run.onA() != null) {
        report.row("31", "%s: reads on node A, %d in flight".formatted(run.name(), run.inFlightA()),
            perNode(run.onA(), run.used().nodeA()), "", "", null);
      }
      if (run.onB() != null) {
        report.row("31", "%s: reads on node B, %d in flight".formatted(run.name(), run.inFlightB()),
            perNode(run.onB(), run.used().nodeB()), "", "", null);
      }
      Counters used = run.used();
      report.row("31", ("%s: PostgreSQL CPU per read, primary · standby; the replica's share of the reads; cores busy: "
              + "nodes · PostgreSQL · load driver").formatted(run.name()),
          "%s · %s; %.0f%%; %.2f · %.2f · %.2f".formatted(cpuPerRead(used.primary(), run.calls()),
              cpuPerRead(used.standby(), run.calls()), 100 * used.replicaReads() / run.calls(),
              used.cores(used.nodeA() + used.nodeB()), used.cores(used.primary() + used.standby()),
              used.cores(used.driver())),
          "", "", null);
    }
    Run both = runs.get(2);
    double single = Math.max(runs.get(0).perSecond(), runs.get(1).perSecond());
    report.row("31", "both nodes together, against the faster node alone; raw: the same statements straight to the "
            + "standby, %d in flight (standby · load driver cores busy)".formatted(IN_FLIGHT),
        "%,.0f /s = %.2f×".formatted(both.perSecond(), both.perSecond() / single),
        Report.rate(rawReads) + "; standby CPU %s; %.2f · %.2f".formatted(
            cpuPerRead(rawUsed.standby(), rawReads.calls()), rawUsed.cores(rawUsed.standby()),
            rawUsed.cores(rawUsed.driver())), "", null);
    report.note("cluster: two server JVMs clustered over Hazelcast (TCP join on ports of their own), one JWT key, "
        + "`db.read_url` = a streaming standby of the primary (a copy of the stopped data directory); reads are "
        + "`GET /tickets/{id}` (random ids; answered by the primary) and the newest page of a queue (a list: "
        + "answered by the replica) in turn, as the lead, " + IN_FLIGHT + " in flight; after a "
        + WARM_UP.toSeconds() + " s warm-up on both nodes the three runs take " + TURNS + " turns of "
        + TURN.toSeconds() + " s each; CPU per read is user + system time from /proc (a server JVM: all its threads; "
        + "PostgreSQL: the postmaster and its processes) over the run's reads");
  }

  private static String perNode(LoadDriver.Result reads, double cpuMillis) {
    return Report.rate(reads) + "; CPU " + cpuPerRead(cpuMillis, reads.calls());
  }

  private static String cpuPerRead(double cpuMillis, int reads) {
    return "%.2f ms/read".formatted(cpuMillis / reads);
  }
}
