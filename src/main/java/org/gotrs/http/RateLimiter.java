package org.gotrs.http;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (an address, a user): at most {@code limit} hits per window. Memory is
 * bounded: when more than {@code maxKeys} keys are tracked, windows that have ended are dropped.
 */
public final class RateLimiter {

  private record Window(long start, int hits) {}

  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private final int maxKeys;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimiter(int limit, Duration window, Clock clock, int maxKeys) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    this.maxKeys = maxKeys;
  }

  /** Records a hit; returns 0 when allowed, else the seconds until the window ends. */
  public long acquire(String key) {
    long now = clock.millis();
    if (windows.size() > maxKeys) {
      windows.values().removeIf(window -> now - window.start() >= windowMillis);
    }
    Window window = windows.compute(key == null ? "" : key, (k, current) ->
        current == null || now - current.start() >= windowMillis ? new Window(now, 1)
            : new Window(current.start(), current.hits() + 1));
    if (window.hits() <= limit) {
      return 0;
    }
    return Math.max(1, (window.start() + windowMillis - now + 999) / 1000);
  }

  /** Like {@link #acquire} but fails with 429 and {@code Retry-After}. */
  public void check(String key, String what) {
    long retryAfter = acquire(key);
    if (retryAfter > 0) {
      throw Problem.tooManyRequests("too many " + what + "; retry in " + retryAfter + " s", retryAfter);
    }
  }
}
