package org.gotrs.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The server's configuration, read once at start: {@code conf/gotrs.json}, then {@code --conf FILE},
 * then {@code GOTRS_*} environment variables (see {@link ConfigLoader}).
 */
public record Config(
    Http http,
    String dataDir,
    Db db,
    String adminPassword,
    Jwt jwt,
    Cluster cluster,
    boolean demoData,
    String systemId,
    Smtp smtp,
    Auth auth,
    Tickets tickets,
    Realtime realtime) {

  /**
   * @param sendBufferBytes the kernel send buffer per connection; 0 = the OS default. Small values bound
   *     what a stalled client can hold in the kernel, so the server notices it sooner.
   * @param requestTimeoutSeconds how long a client may take to send one whole request (headers and body)
   * @param corsOrigins the other sites whose pages may call the API (CORS); empty = none
   * @param tls PEM certificate and key; when set the server speaks HTTPS only
   * @param rateLimits API requests per minute per signed-in user and per address of anonymous callers
   */
  public record Http(String host, int port, int instances, long bodyLimitBytes, int sendBufferBytes,
                     int requestTimeoutSeconds, List<String> corsOrigins, Tls tls, RateLimits rateLimits) {
    /** Verticle instances to deploy: the configured number, or one per core. */
    public int effectiveInstances() {
      return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
    }

    public List<String> corsOrigins() {
      return corsOrigins == null ? List.of() : corsOrigins;
    }

    public Tls tls() {
      return tls == null ? new Tls("", "") : tls;
    }

    public RateLimits rateLimits() {
      return rateLimits == null ? new RateLimits(0, 0) : rateLimits;
    }
  }

  public record Tls(String certPath, String keyPath) {
    public boolean enabled() {
      return certPath != null && !certPath.isBlank();
    }
  }

  /** 0 turns a limit off. */
  public record RateLimits(int perUserPerMinute, int perAddressPerMinute) {}

  public record Db(String url, int poolSize) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  public record Jwt(String secret, String keyFile, long accessTtlSeconds, long refreshTtlSeconds) {}

  public record Cluster(boolean enabled, String members) {}

  public record Smtp(String host, int port, String user, String password, boolean tls) {
    public boolean enabled() {
      return host != null && !host.isBlank();
    }
  }

  /** Brute-force protection: lock after {@code maxFailedLogins} for {@code lockoutMinutes}; a per-address login rate. */
  public record Auth(int maxFailedLogins, int lockoutMinutes, int loginRatePerMinute) {}

  /**
   * @param numberGenerator {@code DateChecksum} (default), {@code Date} or {@code AutoIncrement}
   * @param attachmentStorage {@code database} or {@code filesystem}
   */
  public record Tickets(String numberGenerator, String attachmentStorage, long attachmentMaxBytes,
                        String defaultQueue) {}

  /**
   * The live stream: how long the event log keeps events for resuming clients, how many WebSocket
   * connections a node accepts, how many unsent bytes a slow client may pile up before it is cut off.
   */
  public record Realtime(int eventRetentionHours, int maxConnections, int maxQueuedBytes, int heartbeatSeconds,
                         int statsPushMillis, int presenceTtlSeconds) {}

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }
}
