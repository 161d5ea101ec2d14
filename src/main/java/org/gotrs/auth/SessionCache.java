package org.gotrs.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.gotrs.db.ChannelListener;
import org.gotrs.permission.Principal;

/**
 * The sessions this node has recently found open, so that a request signed with a session's access token does not
 * ask the database again whether the session, its account and the account's admin right still stand.
 *
 * <p>Whatever could change that answer (a session ended, an account invalidated or renamed, grants changed) makes
 * the database send {@code NOTIFY gotrs_sign_in} (db/V48), on which every node forgets everything it kept; the node
 * that made the change forgets at once as well ({@link #forgetAll()}), so a logout holds for the very next request.
 * Nothing is kept while the notifications cannot be heard (before the listener is up, or after its connection
 * dropped until it is back), and nothing for longer than {@link #MAX_AGE} or past the session's expiry.
 *
 * <p>A lookup that raced with a change must not be kept: each lookup notes the generation it started in, and an
 * entry is dropped again when the generation moved on while it was being stored.
 */
public final class SessionCache implements ChannelListener.Hearing {

  /** The channel db/V48's triggers notify. */
  public static final String CHANNEL = "gotrs_sign_in";

  static final Duration MAX_AGE = Duration.ofSeconds(30);
  private static final long MAX_ENTRIES = 100_000;

  private record Entry(Principal principal, Duration ttl) {}

  private final Cache<String, Entry> entries = Caffeine.newBuilder()
      .maximumSize(MAX_ENTRIES)
      .expireAfter(Expiry.creating((String session, Entry entry) -> entry.ttl()))
      .build();
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean hearing;

  /** The principal kept for this session, account kind and subject; {@code null} when the database must be asked. */
  Principal find(String sessionId, String kind, UUID subject) {
    if (!hearing || sessionId == null) {
      return null;
    }
    Entry entry = entries.getIfPresent(sessionId);
    if (entry == null) {
      return null;
    }
    Principal principal = entry.principal();
    boolean sameAccount = "customer".equals(kind)
        ? principal.isCustomer() && subject.equals(principal.customerUserId())
        : principal.isAgent() && subject.equals(principal.userId());
    return sameAccount ? principal : null;
  }

  /** Where a lookup starts: pass it to {@link #keep}. */
  long generation() {
    return generation.get();
  }

  /** Keeps what the database answered for a lookup started at {@code since}, for at most the session's remaining life. */
  void keep(long since, Principal principal, Duration sessionLeft) {
    if (!hearing || since != generation.get() || principal.sessionId() == null) {
      return;
    }
    Duration ttl = sessionLeft.compareTo(MAX_AGE) < 0 ? sessionLeft : MAX_AGE;
    if (ttl.isNegative() || ttl.isZero()) {
      return;
    }
    entries.put(principal.sessionId(), new Entry(principal, ttl));
    if (since != generation.get()) {
      entries.invalidate(principal.sessionId());
    }
  }

  /** A session or account may have changed: nothing kept so far is used again. */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  @Override
  public void notified() {
    forgetAll();
  }

  @Override
  public void listening() {
    forgetAll();
    hearing = true;
  }

  @Override
  public void deaf() {
    hearing = false;
    forgetAll();
  }
}
