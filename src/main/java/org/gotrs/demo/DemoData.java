package org.gotrs.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.config.Config;
import org.gotrs.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GOTRS_DEMO_DATA=true}: on the first start, a believable help desk to try GOTRS with: agents in 1st and 2nd
 * level, billing and sales, queues in a hierarchy, SLAs, customer companies with their people, and a few hundred
 * tickets of the last two months with their conversations and history. Every demo account's password is
 * {@value #PASSWORD}.
 *
 * <p>Loaded once: a row in {@code migration_log} records it, and a PostgreSQL advisory lock makes nodes starting
 * together wait for the first one, which loads everything in one transaction.
 */
public final class DemoData {

  public static final String PASSWORD = "demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  /** The advisory lock key: "demodata" in ASCII. */
  private static final long LOCK_KEY = 0x64656d6f64617461L;
  /** The same seed everywhere, so every demo tells the same story (relative to the day it was loaded). */
  private static final long SEED = 20_260_101L;

  private final Vertx vertx;
  private final Pool pool;
  private final Config config;
  private final Clock clock;
  private final PasswordHasher hasher;

  public DemoData(Vertx vertx, Pool pool, Config config, Clock clock, PasswordHasher hasher) {
    this.vertx = vertx;
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.hasher = hasher;
  }

  /** Loads the demo data unless it was loaded before; a failure is logged and the server starts without it. */
  public Future<Void> loadOnce() {
    return pool.query(DemoSql.LOADED).execute()
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture() : load())
        .recover(failure -> {
          LOG.error("the demo data could not be loaded", failure);
          return Future.succeededFuture();
        });
  }

  private Future<Void> load() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    Future<Organisation> organisation = read("demo/organisation.json", Organisation.class);
    Future<Phrases> phrases = read("demo/scenarios.json", Phrases.class);
    Future<String> passwordHash = vertx.executeBlocking(() -> hasher.hash(PASSWORD));
    return Future.all(organisation, phrases, passwordHash)
        .compose(ready -> pool.withTransaction(tx -> tx.preparedQuery(DemoSql.LOCK).execute(Tuple.of(LOCK_KEY))
            .compose(locked -> tx.query(DemoSql.LOADED).execute())
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(-1)
                : write(tx, organisation.result(), phrases.result(), passwordHash.result(), now))))
        .map(tickets -> {
          if (tickets >= 0) {
            LOG.info("demo data loaded in {} ms: {} agents, {} customer users, {} tickets; every demo account's password is '{}'",
                (System.nanoTime() - started) / 1_000_000, organisation.result().agents().size(),
                organisation.result().companies().stream().mapToInt(c -> c.users().size()).sum(), tickets, PASSWORD);
          }
          return null;
        });
  }

  private Future<Integer> write(SqlClient tx, Organisation organisation, Phrases phrases, String passwordHash,
                                Instant now) {
    return new OrganisationWriter(organisation, passwordHash).write(tx)
        // planning sanitises hundreds of HTML mails: CPU work that stays off the event loop
        .compose(cast -> vertx.executeBlocking(() -> new TicketPlanner(phrases, cast, now, SEED).plan()))
        .compose(tickets -> new TicketWriter(config.tickets().numberGenerator(), config.systemId()).write(tx, tickets))
        .compose(count -> tx.preparedQuery(DemoSql.MARK_LOADED)
            .execute(Tuple.of(count, utc(now), utc(clock.instant())))
            .map(count));
  }

  private <T> Future<T> read(String resource, Class<T> type) {
    return vertx.fileSystem().readFile(resource).map(bytes -> parse(bytes, type, resource));
  }

  private static <T> T parse(Buffer bytes, Class<T> type, String resource) {
    try {
      return Json.MAPPER.readValue(bytes.getBytes(), type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
