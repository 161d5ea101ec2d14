package org.gotrs.drills;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.gotrs.testing.TestServer;

/**
 * A person signed in as the web UI keeps them: the short-lived access token is renewed with the refresh token
 * (which rotates) a third of the way into its life, so a drill outlasts the token's lifetime as users do.
 */
final class Session implements AutoCloseable {

  private static final long RETRY_MS = 5_000;

  private final Vertx vertx;
  private final WebClient client;
  private volatile String access;
  private String refresh;
  private long timer = -1;
  private volatile boolean closed;
  private int renewals;

  private Session(Vertx vertx, int port) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  static Session login(Vertx vertx, int port, String login, String password) {
    Session session = new Session(vertx, port);
    var answer = TestServer.await(session.client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("login", login).put("password", password)));
    if (answer.statusCode() != 200) {
      throw new AssertionError("login as " + login + " failed: " + answer.statusCode() + " " + answer.bodyAsString());
    }
    session.took(answer.bodyAsJsonObject());
    return session;
  }

  /** The current access token. */
  String token() {
    return access;
  }

  synchronized int renewals() {
    return renewals;
  }

  private synchronized void took(JsonObject pair) {
    access = pair.getString("access_token");
    refresh = pair.getString("refresh_token");
    renewIn(pair.getLong("expires_in") * 1_000 / 3);
  }

  private synchronized void renewIn(long ms) {
    if (!closed) {
      timer = vertx.setTimer(Math.max(1, ms), id -> renew());
    }
  }

  private void renew() {
    String current;
    synchronized (this) {
      current = refresh;
    }
    client.post("/api/v1/auth/refresh").timeout(30_000)
        .sendJsonObject(new JsonObject().put("refresh_token", current))
        .onComplete(answer -> {
          if (answer.succeeded() && answer.result().statusCode() == 200) {
            synchronized (this) {
              renewals++;
            }
            took(answer.result().bodyAsJsonObject());
          } else {
            renewIn(RETRY_MS);
          }
        });
  }

  @Override
  public synchronized void close() {
    closed = true;
    vertx.cancelTimer(timer);
    client.close();
  }
}
