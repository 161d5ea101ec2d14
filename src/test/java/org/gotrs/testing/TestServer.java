package org.gotrs.testing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gotrs.Application;
import org.gotrs.config.Config;
import org.gotrs.config.ConfigLoader;
import org.gotrs.db.DatabaseTarget;

/** The real server on a free port against a fresh test database, with a small HTTP client. */
public final class TestServer implements AutoCloseable {

  public static final String ADMIN_LOGIN = "root@localhost";
  public static final String ADMIN_PASSWORD = "admin-test-password";

  private final Application app;
  private final WebClient client;
  private final DatabaseTarget database;
  private final int port;

  private TestServer(Application app, DatabaseTarget database, int port) {
    this.app = app;
    this.database = database;
    this.port = port;
    this.client = WebClient.create(app.vertx(), new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  /** Starts against a fresh, migrated database and waits until the API is open. */
  public static TestServer start() {
    return start(TestDatabase.migrated(), Map.of()).awaitReady();
  }

  /** Starts with extra configuration (as a {@code --conf} file would give it) and waits until ready. */
  public static TestServer start(JsonObject conf) {
    return start(TestDatabase.migrated(), Map.of(), conf).awaitReady();
  }

  public static TestServer start(DatabaseTarget database, Map<String, String> environment) {
    return start(database, environment, new JsonObject());
  }

  public static TestServer start(DatabaseTarget database, Map<String, String> environment, JsonObject conf) {
    return start(database, environment, conf, Clock.systemUTC());
  }

  /** Starts with the server's "now" read from {@code clock} (e.g. an offset clock, to reach a deadline sooner). */
  public static TestServer start(DatabaseTarget database, Map<String, String> environment, JsonObject conf,
                                 Clock clock) {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("GOTRS_HTTP_HOST", "127.0.0.1");
    env.put("GOTRS_HTTP_PORT", String.valueOf(port));
    env.put("GOTRS_DATA_DIR", tempDir().toString());
    env.put("GOTRS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    if (database != null) {
      env.put("GOTRS_DB_URL", database.url());
    }
    env.putAll(environment);
    Path confFile = null;
    if (!conf.isEmpty()) {
      try {
        confFile = Scratch.file("conf", ".json");
        Files.writeString(confFile, conf.encode());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    Config config = ConfigLoader.load(confFile, env);
    Application app = await(Application.start(config, clock));
    TestServer server = new TestServer(app, database, port);
    return server;
  }

  public TestServer awaitReady() {
    await(app.ready());
    return this;
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path tempDir() {
    return Scratch.directory("server-");
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      if (token.startsWith("key:")) {
        request.putHeader("X-API-Key", token.substring(4));
      } else {
        request.bearerTokenAuthentication(token);
      }
    }
    Future<HttpResponse<Buffer>> response;
    if (body == null) {
      response = request.send();
    } else if (body instanceof JsonObject json) {
      response = request.sendJsonObject(json);
    } else if (body instanceof Buffer raw) {
      response = request.putHeader("Content-Type", "application/json").sendBuffer(raw);
    } else {
      response = request.sendJson(body);
    }
    return await(response);
  }

  /** Logs in (agent) and returns the access token; fails the test on anything but 200. */
  public String login(String login, String password) {
    var response = send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
    if (response.statusCode() != 200) {
      throw new AssertionError("login " + login + " failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("access_token");
  }

  public String loginAdmin() {
    return login(ADMIN_LOGIN, ADMIN_PASSWORD);
  }

  /**
   * Runs SQL straight against the server's database (to check what an API call left behind, or to set up what the
   * API does not). The server hears of a change to accounts, sessions or grants from the database a moment later
   * (db/V48); it is told at once, so that the test's next request does not race that notice.
   */
  public List<Map<String, Object>> sql(String query, Object... parameters) {
    try (Connection connection = TestDatabase.connect(database);
         PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      boolean selected = statement.execute();
      app.sessions().forgetAll();
      if (!selected) {
        return List.of();
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.getResultSet()) {
        ResultSetMetaData meta = result.getMetaData();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c), result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single value of a one-row, one-column query. */
  public Object scalar(String query, Object... parameters) {
    return sql(query, parameters).get(0).values().iterator().next();
  }

  public Application app() {
    return app;
  }

  public DatabaseTarget database() {
    return database;
  }

  public int port() {
    return port;
  }

  public WebClient client() {
    return client;
  }

  @Override
  public void close() {
    await(app.stop());
  }
}
