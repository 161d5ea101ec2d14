package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;

/**
 * Live chat under load: {@code chats} customers on /ws/chat at once, each accepted by one of ten agents, then
 * {@code rounds} exchanges per chat — the customer writes (at once, or paced: one line every {@code pause} seconds), the agents' console (one /ws connection on the
 * {@code chats} topic) sees it and the chat's agent answers over REST, the customer sees the answer and writes
 * again. Reports customer→agent latency (frame sent → event on the agents' console), agent→customer latency
 * (REST call → frame on the customer's socket) and articles written per second. With {@code -Dbench.file_bytes=N}
 * each customer also uploads one file of N bytes (a PDF, through {@code POST /api/v1/chats/{id}/files} with the chat's
 * token) at a random moment of the conversation, and the latencies are those of the lines around the uploads.
 *
 * <p>Server, PostgreSQL (default durability: fsync and synchronous commit on, unless
 * {@code -Dbench.synchronous_commit=off}) and all clients share one machine.
 * Not a test: run it by hand, see BENCHMARKS.md ("Live chat") for the command.
 */
public final class ChatBench {

  private static final int AGENTS = 10;

  private final TestServer server;
  private final int chats;
  private final int rounds;
  private final long pauseMillis;
  private final int fileBytes;
  private final Vertx clients = Vertx.vertx();
  private final WebClient http;
  private final WebSocketClient sockets;
  private final List<String> agentTokens = new ArrayList<>();
  private final Map<Long, String> agentOfChat = new ConcurrentHashMap<>();
  private final Map<Long, Customer> customers = new ConcurrentHashMap<>();
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> toAgent = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> toCustomer = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> uploads = new ConcurrentLinkedQueue<>();

  private ChatBench(TestServer server, int chats, int rounds, long pauseMillis, int fileBytes) {
    this.server = server;
    this.chats = chats;
    this.rounds = rounds;
    this.pauseMillis = pauseMillis;
    this.fileBytes = fileBytes;
    this.http = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()).setKeepAlive(true).setTcpNoDelay(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32).setMaxWaitQueueSize(-1));
    this.sockets = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(chats + AGENTS + 10));
  }

  public static void main(String[] args) throws Exception {
    int chats = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long pauseMillis = args.length > 2 ? (long) (Double.parseDouble(args[2]) * 1000) : 0;
    String synchronousCommit = System.getProperty("bench.synchronous_commit", "on");
    int fileBytes = Integer.getInteger("bench.file_bytes", 0);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC")
        .setServerConfig("max_connections", "200").setServerConfig("shared_buffers", "512MB")
        .setServerConfig("synchronous_commit", synchronousCommit).start()) {
      var database = new DatabaseTarget("localhost", postgres.getPort(), "postgres", "postgres", "");
      JsonObject conf = new JsonObject()
          .put("auth", new JsonObject().put("login_rate_per_minute", 100_000))
          // every visitor here comes from one address; their uploads are requests without sign-in
          .put("http", new JsonObject().put("rate_limits", new JsonObject().put("per_address_per_minute", 10_000_000)))
          .put("chat", new JsonObject().put("seats_per_agent", chats).put("starts_per_minute", 1_000_000)
              .put("messages_per_minute", 10_000_000));
      try (TestServer server = TestServer.start(database, Map.of(), conf).awaitReady()) {
        String report = new ChatBench(server, chats, rounds, pauseMillis, fileBytes).run() + "PostgreSQL synchronous_commit: "
            + synchronousCommit + "\n";
        System.out.println(report);
        Path out = Path.of("target", "chat-bench.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
      }
    }
    System.exit(0);
  }

  private String run() throws IOException {
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("bench");
    fixtures.queue("Bench", group);
    for (int i = 0; i < AGENTS; i++) {
      fixtures.agent("bench-agent-" + i, "pw", group, "rw");
      agentTokens.add(server.login("bench-agent-" + i, "pw"));
    }
    WebSocket console = TestServer.await(agentConsole());

    long startBegin = System.nanoTime();
    // all at once by default; -Dbench.start_wave=N starts N at a time, for a machine too busy for 1,000 at once
    int wave = Integer.getInteger("bench.start_wave", chats);
    for (int first = 0; first < chats; first += wave) {
      List<Future<Customer>> started = new ArrayList<>();
      for (int i = first; i < Math.min(chats, first + wave); i++) {
        started.add(startChat(i));
      }
      TestServer.await(Future.all(started));
    }
    double startSeconds = seconds(startBegin);

    long acceptBegin = System.nanoTime();
    List<Future<?>> accepted = new ArrayList<>();
    int next = 0;
    for (long chatId : customers.keySet()) {
      String token = agentTokens.get(next++ % AGENTS);
      agentOfChat.put(chatId, token);
      accepted.add(http.post("/api/v1/chats/" + chatId + "/accept").bearerTokenAuthentication(token).send()
          .compose(response -> response.statusCode() == 200 ? Future.succeededFuture()
              : Future.failedFuture("accept: " + response.statusCode() + " " + response.bodyAsString())));
    }
    TestServer.await(Future.all(accepted));
    double acceptSeconds = seconds(acceptBegin);
    TestServer.await(Future.all(customers.values().stream().map(customer -> customer.accepted.future()).toList()));

    long articlesBefore = (Long) server.scalar("SELECT count(*) FROM article");
    long talkBegin = System.nanoTime();
    var random = new java.util.Random(42);
    Buffer file = Buffer.buffer(new byte[fileBytes]);
    customers.values().forEach(customer -> {
      long offset = pauseMillis == 0 ? 0 : random.nextLong(pauseMillis);
      customer.sayLater(0, offset);
      if (fileBytes > 0) {
        // somewhere in the conversation, while the other chats talk
        clients.setTimer(1 + random.nextLong(Math.max(1, pauseMillis * Math.max(1, rounds - 1))),
            id -> customer.upload(file));
      } else {
        customer.uploaded.tryComplete();
      }
    });
    TestServer.await(Future.all(customers.values().stream().map(customer -> customer.finished.future()).toList()));
    TestServer.await(Future.all(customers.values().stream().map(customer -> customer.uploaded.future()).toList()));
    double talkSeconds = seconds(talkBegin);
    long articles = (Long) server.scalar("SELECT count(*) FROM article") - articlesBefore;
    TestServer.await(console.close());

    return report(startSeconds, acceptSeconds, talkSeconds, articles);
  }

  /** The agents' side: one /ws connection on the chats topic that answers every customer line. */
  private Future<WebSocket> agentConsole() {
    Promise<WebSocket> ready = Promise.promise();
    sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI("/ws"))
        .onSuccess(socket -> {
          socket.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            switch (frame.getString("type")) {
              case "ready" -> socket.writeTextMessage(new JsonObject().put("type", "subscribe")
                  .put("topics", new JsonArray().add("chats")).encode());
              case "subscribed" -> ready.tryComplete(socket);
              case "event" -> onAgentEvent(frame);
              default -> { }
            }
          });
          socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", agentTokens.get(0)).encode());
        })
        .onFailure(ready::tryFail);
    return ready.future();
  }

  private void onAgentEvent(JsonObject frame) {
    JsonObject data = frame.getJsonObject("data");
    if (!"chat.message".equals(frame.getString("event")) || !"customer".equals(data.getString("from"))
        || !data.getString("text").startsWith("c")) {
      return;
    }
    long now = System.nanoTime();
    long chatId = data.getLong("chat_id");
    String round = data.getString("text").substring(1);
    Long sent = sentAt.remove("c" + chatId + ":" + round);
    if (sent != null) {
      toAgent.add(now - sent);
    }
    sentAt.put("a" + chatId + ":" + round, System.nanoTime());
    http.post("/api/v1/chats/" + chatId + "/messages").bearerTokenAuthentication(agentOfChat.get(chatId))
        .sendJsonObject(new JsonObject().put("text", "a" + round))
        .onSuccess(response -> {
          if (response.statusCode() != 201) {
            customers.get(chatId).finished.tryFail("agent message: " + response.statusCode() + " " + response.bodyAsString());
          }
        })
        .onFailure(failure -> customers.get(chatId).finished.tryFail(failure));
  }

  private Future<Customer> startChat(int number) {
    return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI("/ws/chat"))
        .compose(socket -> {
          Customer customer = new Customer(socket);
          socket.textMessageHandler(customer::onFrame);
          socket.writeTextMessage(new JsonObject().put("type", "chat.start").put("name", "Visitor " + number)
              .put("email", "visitor" + number + "-" + UUID.randomUUID() + "@bench.example").put("queue", "Bench")
              .put("message", "hello").encode());
          return customer.queued.future();
        });
  }

  /** One customer's socket: waits to be accepted, then writes a line each time the agent has answered. */
  private final class Customer {
    private final WebSocket socket;
    private final Promise<Customer> queued = Promise.promise();
    private final Promise<Void> accepted = Promise.promise();
    private final Promise<Void> finished = Promise.promise();
    private final Promise<Void> uploaded = Promise.promise();
    private long chatId;
    private String resumeToken;
    private long lastSaid;

    Customer(WebSocket socket) {
      this.socket = socket;
    }

    void onFrame(String text) {
      JsonObject frame = new JsonObject(text);
      switch (frame.getString("type")) {
        case "chat.queued" -> {
          chatId = frame.getLong("chat_id");
          resumeToken = frame.getString("resume_token");
          customers.put(chatId, this);
          queued.tryComplete(this);
        }
        case "chat.accepted" -> accepted.tryComplete();
        case "chat.message" -> {
          if ("agent".equals(frame.getString("from"))) {
            int round = Integer.parseInt(frame.getString("text").substring(1));
            Long sent = sentAt.remove("a" + chatId + ":" + round);
            if (sent != null) {
              toCustomer.add(System.nanoTime() - sent);
            }
            if (round + 1 < rounds) {
              sayLater(round + 1, pauseMillis - (System.nanoTime() - lastSaid) / 1_000_000);
            } else {
              finished.tryComplete();
              socket.close();
            }
          }
        }
        case "error" -> {
          queued.tryFail(frame.encode());
          finished.tryFail(frame.encode());
        }
        default -> { }
      }
    }

    /** Paced runs: a customer writes a line every pause, or as soon as the answer came if that took longer. */
    void sayLater(int round, long delayMillis) {
      if (delayMillis < 1) {
        say(round);
      } else {
        clients.setTimer(delayMillis, id -> say(round));
      }
    }

    /** The visitor's file, as the widget sends it: multipart, with the chat's token instead of a sign-in. */
    void upload(Buffer bytes) {
      long begin = System.nanoTime();
      http.post("/api/v1/chats/" + chatId + "/files").putHeader("X-Chat-Token", resumeToken)
          .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "report.pdf", bytes, "application/pdf"))
          .onSuccess(response -> {
            if (response.statusCode() == 201) {
              uploads.add(System.nanoTime() - begin);
              uploaded.tryComplete();
            } else {
              uploaded.tryFail("upload: " + response.statusCode() + " " + response.bodyAsString());
            }
          })
          .onFailure(uploaded::tryFail);
    }

    void say(int round) {
      lastSaid = System.nanoTime();
      sentAt.put("c" + chatId + ":" + round, lastSaid);
      socket.writeTextMessage(new JsonObject().put("type", "chat.message").put("text", "c" + round).encode());
    }
  }

  private String report(double startSeconds, double acceptSeconds, double talkSeconds, long articles) {
    return String.join("\n",
        "Live chat benchmark, " + Instant.now(),
        "machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"),
        "chats: " + chats + " concurrent, " + rounds + " exchanges each (customer line + agent answer), "
            + AGENTS + " agents, " + (pauseMillis == 0 ? "each customer writing again as soon as answered"
                : "each customer writing every " + pauseMillis / 1000.0 + " s (first line at a random offset)"),
        String.format("chat starts: %d in %.1f s = %.0f/s (each a ticket, its first article, the chat row, events; "
            + "%d at a time)", chats, startSeconds, chats / startSeconds, Integer.getInteger("bench.start_wave", chats)),
        String.format("accepts: %d in %.1f s = %.0f/s", chats, acceptSeconds, chats / acceptSeconds),
        String.format("conversation: %d articles in %.1f s = %.0f articles/s", articles, talkSeconds, articles / talkSeconds),
        "customer->agent latency: " + percentiles(toAgent),
        "agent->customer latency: " + percentiles(toCustomer),
        fileBytes == 0 ? "files: none" : "files: one of " + fileBytes + " bytes per chat, upload (request to 201) "
            + percentiles(uploads),
        "");
  }

  private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return "no samples";
    }
    return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)", at(sorted, 0.50), at(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6, sorted.length);
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
