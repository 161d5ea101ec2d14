package org.gotrs.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gotrs.config.Config;

/**
 * The database a command works on outside the server ({@code migrate}, {@code import-otrs},
 * {@code rebuild-escalations}): the configured one, or the embedded one in the data directory, started for the
 * command; with a Vert.x of its own for pools, once asked for one. Closing it stops both.
 */
public final class CommandDatabase implements AutoCloseable {

  private final EmbeddedDatabase embedded;
  private final DatabaseTarget target;
  private Vertx vertx;

  private CommandDatabase(EmbeddedDatabase embedded, DatabaseTarget target) {
    this.embedded = embedded;
    this.target = target;
  }

  /** Opens the database {@code config} names; {@code migrate}: brings its schema up to date first. */
  public static CommandDatabase open(Config config, boolean migrate) {
    EmbeddedDatabase embedded = config.db().embedded() ? EmbeddedDatabase.start(config.dataPath()) : null;
    CommandDatabase database = new CommandDatabase(embedded,
        embedded != null ? embedded.target() : DatabaseTarget.fromUrl(config.db().url()));
    try {
      if (migrate) {
        Migrations.apply(database.target);
      }
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public DatabaseTarget target() {
    return target;
  }

  public Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** A pool of at most {@code size} connections to this database. */
  public Pool pool(int size) {
    return pool(target, size);
  }

  /** A pool of at most {@code size} connections to another database (an import's source). */
  public Pool pool(DatabaseTarget other, int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(other.connectOptions())
        .using(vertx()).build();
  }

  /** Waits for a command's work; its failure is thrown as it failed. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(7, TimeUnit.DAYS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (vertx != null) {
      await(vertx.close());
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
