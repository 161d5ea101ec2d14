package org.gotrs.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the built-in admin {@code root@localhost} its first password: {@code GOTRS_ADMIN_PASSWORD},
 * or a random one printed once to the console (never to the log).
 */
public final class AdminBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;

  public AdminBootstrap(Vertx vertx, Pool pool, PasswordHasher hasher) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
  }

  public Future<Void> ensurePassword(String configured) {
    return pool.preparedQuery("""
            SELECT 1 FROM users
             WHERE login = 'root@localhost' AND password_hash IS NULL AND pw IS NULL""")
        .execute()
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : setFirstPassword(configured));
  }

  private Future<Void> setFirstPassword(String configured) {
    boolean generated = configured == null || configured.isBlank();
    String password = generated ? randomPassword() : configured;
    return vertx.executeBlocking(() -> hasher.hash(password))
        .compose(hash -> pool.preparedQuery("""
                UPDATE users SET password_hash = $1, change_time = now() AT TIME ZONE 'UTC'
                 WHERE login = 'root@localhost' AND password_hash IS NULL AND pw IS NULL""")
            .execute(Tuple.of(hash)))
        .map(rows -> {
          if (rows.rowCount() == 1) {
            LOG.info("the admin root@localhost received its first password ({})",
                generated ? "generated, printed on the console" : "from GOTRS_ADMIN_PASSWORD");
            if (generated) {
              System.out.println();
              System.out.println("  GOTRS admin login: root@localhost");
              System.out.println("  GOTRS admin password (shown once): " + password);
              System.out.println();
            }
          }
          return null;
        });
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
