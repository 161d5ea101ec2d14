package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.gotrs.auth.SessionCache;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;
import org.gotrs.scheduler.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's {@code directory_sync}: every account a directory keeps is looked up again, the longest unsynced
 * first. One the directory disabled or no longer has is revoked without waiting for its next login attempt; the
 * others take the directory's fields and roles.
 */
final class DirectorySync implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);
  private static final int BATCH = 200;

  private record Kept(Principal.Kind kind, UUID id, String source, String login) {}

  private record Seen(Kept account, LdapDirectory.Lookup lookup) {}

  private final Vertx vertx;
  private final Pool pool;
  private final ExternalAccounts accounts;
  private final SessionCache sessions;
  private final Supplier<List<LdapDirectory>> directories;

  DirectorySync(Vertx vertx, Pool pool, ExternalAccounts accounts, SessionCache sessions,
                Supplier<List<LdapDirectory>> directories) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.sessions = sessions;
    this.directories = directories;
  }

  @Override
  public String name() {
    return "directory_sync";
  }

  @Override
  public Future<String> run(Instant now) {
    Map<String, LdapDirectory> directories = this.directories.get().stream()
        .collect(Collectors.toMap(LdapDirectory::source, Function.identity()));
    if (directories.isEmpty()) {
      return Future.succeededFuture("no directory");
    }
    return pool.preparedQuery("""
            SELECT e.source, e.user_id, e.customer_user_id, coalesce(u.login, c.login) AS login
              FROM external_accounts e
              LEFT JOIN users u ON u.id = e.user_id AND u.valid_id = 1
              LEFT JOIN customer_user c ON c.id = e.customer_user_id AND c.valid_id = 1
             WHERE e.source = ANY($1) AND coalesce(u.login, c.login) IS NOT NULL
             ORDER BY e.synced_at
             LIMIT $2""")
        .execute(Tuple.tuple().addArrayOfString(directories.keySet().toArray(String[]::new)).addInteger(BATCH))
        .compose(rows -> {
          List<Kept> kept = new ArrayList<>();
          for (Row row : rows) {
            UUID agent = row.getUUID("user_id");
            kept.add(new Kept(agent != null ? Principal.Kind.AGENT : Principal.Kind.CUSTOMER,
                agent != null ? agent : row.getUUID("customer_user_id"), row.getString("source"),
                row.getString("login")));
          }
          return vertx.executeBlocking(() -> kept.stream()
              .map(account -> new Seen(account, directories.get(account.source()).lookup(account.login(), null)))
              .toList(), false);
        })
        .compose(seen -> apply(directories, seen));
  }

  private Future<String> apply(Map<String, LdapDirectory> directories, List<Seen> seen) {
    Actor actor = Actor.system(name());
    AtomicInteger revoked = new AtomicInteger();
    Future<Void> chain = Future.succeededFuture();
    for (Seen one : seen) {
      chain = chain.compose(done -> pool.withTransaction(tx -> {
        LdapDirectory.Entry entry = one.lookup().entry();
        Kept account = one.account();
        if (entry == null || entry.disabled()) {
          revoked.incrementAndGet();
          return accounts.revoke(tx, actor, account.kind(), account.id(), account.source(),
              entry == null ? "no longer in the directory" : "disabled in the directory");
        }
        return accounts.sync(tx, actor, LdapSignIn.profile(account.kind(), directories.get(account.source()), entry),
            false).mapEmpty();
      }).recover(failure -> {
        // one account the directory cannot be synced into (an e-mail taken by another) keeps the rest going
        LOG.warn("directory sync of {}: {}", one.account().login(), failure.getMessage());
        return Future.succeededFuture();
      }));
    }
    return chain.map(done -> {
      if (revoked.get() > 0) {
        sessions.forgetAll();
      }
      return seen.size() + " accounts looked up, " + revoked.get() + " revoked";
    });
  }
}
