package org.gotrs.auth;

import java.time.Clock;
import java.time.Duration;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;
import org.gotrs.http.RateLimiter;
import org.gotrs.permission.Principal;

/**
 * API requests per minute: each signed-in user has a budget of their own, and each address one shared by
 * everything from it that is not signed in (public routes, missing or failing credentials). The defaults are
 * generous, so only runaway scripts and floods meet them; 0 turns a limit off.
 */
public final class CallerLimits {

  private static final int MAX_TRACKED_KEYS = 100_000;

  private final RateLimiter perUser;
  private final RateLimiter perAddress;

  public CallerLimits(Config.RateLimits limits, Clock clock) {
    this.perUser = limiter(limits.perUserPerMinute(), clock);
    this.perAddress = limiter(limits.perAddressPerMinute(), clock);
  }

  private static RateLimiter limiter(int perMinute, Clock clock) {
    return perMinute > 0 ? new RateLimiter(perMinute, Duration.ofMinutes(1), clock, MAX_TRACKED_KEYS) : null;
  }

  /** Counts a signed-in request; the 429 to answer when the user is over budget, else null. */
  Problem signedIn(Principal principal) {
    return over(perUser, (principal.isAgent() ? "agent:" : "customer:") + principal.subject(), "requests from this user");
  }

  /** Counts a request that is not signed in; the 429 to answer when its address is over budget, else null. */
  Problem anonymous(String address) {
    return over(perAddress, address, "requests without sign-in from this address");
  }

  private static Problem over(RateLimiter limiter, String key, String what) {
    if (limiter == null) {
      return null;
    }
    long retryAfter = limiter.acquire(key);
    return retryAfter == 0 ? null
        : Problem.tooManyRequests("too many " + what + "; retry in " + retryAfter + " s", retryAfter);
  }
}
