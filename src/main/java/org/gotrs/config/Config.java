package org.gotrs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    Realtime realtime,
    Mail mail,
    Scheduler scheduler,
    Workflows workflows,
    Chat chat,
    Portal portal,
    Events events,
    List<String> fixedPaths) {

  /**
   * The dotted paths ({@code auth.lockout_minutes}) the {@code --conf} file or the environment set: these win over
   * what administrators store at run time ({@link RuntimeSettings}).
   */
  public List<String> fixedPaths() {
    return fixedPaths == null ? List.of() : fixedPaths;
  }

  /**
   * @param sendBufferBytes the kernel send buffer per connection; 0 = the OS default. Small values bound
   *     what a stalled client can hold in the kernel, so the server notices it sooner.
   * @param requestTimeoutSeconds how long a client may take to send one whole request (headers and body)
   * @param corsOrigins the other sites whose pages may call the API (CORS); empty = none
   * @param tls PEM certificate and key; when set the server speaks HTTPS only
   * @param rateLimits API requests per minute per signed-in user and per address of anonymous callers
   * @param publicUrl where users reach this server, for what is written to them (template tags); see
   *     {@link #publicUrl()}
   */
  public record Http(String host, int port, int instances, long bodyLimitBytes, int sendBufferBytes,
                     int requestTimeoutSeconds, List<String> corsOrigins, Tls tls, RateLimits rateLimits,
                     String publicUrl) {
    /** The configured address without a trailing slash, or {@code http://localhost:<port>}. */
    public String publicUrl() {
      return publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port
          : publicUrl.strip().replaceAll("/+$", "");
    }

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

  /**
   * @param readUrl read replicas (streaming standbys of the primary), comma-separated {@code postgresql://} URLs;
   *     blank = every read goes to the primary
   */
  public record Db(String url, int poolSize, String readUrl) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }

    public List<String> readUrls() {
      return readUrl == null ? List.of()
          : java.util.Arrays.stream(readUrl.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toList();
    }
  }

  public record Jwt(String secret, String keyFile, long accessTtlSeconds, long refreshTtlSeconds) {}

  public record Cluster(boolean enabled, String members) {}

  public record Smtp(String host, int port, String user, String password, boolean tls) {
    public boolean enabled() {
      return host != null && !host.isBlank();
    }
  }

  /**
   * Brute-force protection: lock after {@code maxFailedLogins} for {@code lockoutMinutes}; a per-address login rate.
   * {@code ldap} and {@code oidc}: the sign-in backends besides the database, in the order they are asked.
   */
  public record Auth(int maxFailedLogins, int lockoutMinutes, int loginRatePerMinute, List<Ldap> ldap,
                     List<Oidc> oidc) {
    public List<Ldap> ldap() {
      return ldap == null ? List.of() : ldap;
    }

    public List<Oidc> oidc() {
      return oidc == null ? List.of() : oidc;
    }
  }

  /**
   * An LDAP directory or Active Directory that signs in agents or customer users ({@code for}).
   *
   * @param url {@code ldap://host:389} or {@code ldaps://host:636}
   * @param trustStore a PEM, PKCS#12 or JKS file of the certificates to trust; blank = the JVM's own
   * @param userFilter the search for a login, {@code {login}} replaced by the escaped login
   * @param disabledFilter an entry matching it is disabled (AD:
   *     {@code (userAccountControl:1.2.840.113556.1.4.803:=2)}); blank = none is
   * @param attributes GOTRS field ({@code login}, {@code email}, {@code first_name}, {@code last_name},
   *     {@code phone}, {@code customer_id}) → directory attribute
   * @param groupMemberAttribute {@code member} or {@code uniqueMember} (full DNs) or {@code memberUid} (logins)
   * @param groupRoles a group's {@code cn} → a GOTRS role's name (agents)
   * @param timeoutMillis connecting and each answer; a directory that takes longer is down
   */
  public record Ldap(String name, String url, boolean startTls, String trustStore, String trustStorePassword,
                     String bindDn, String bindPassword, String baseDn, String userFilter, String disabledFilter,
                     @com.fasterxml.jackson.annotation.JsonProperty("for") String audience,
                     Map<String, String> attributes, String groupBaseDn, String groupMemberAttribute,
                     Map<String, String> groupRoles, int timeoutMillis) {
    public boolean forCustomers() {
      return "customers".equals(audience);
    }

    public Map<String, String> attributes() {
      return attributes == null ? Map.of() : attributes;
    }

    public Map<String, String> groupRoles() {
      return groupRoles == null ? Map.of() : groupRoles;
    }

    public int timeoutMillis() {
      return timeoutMillis > 0 ? timeoutMillis : 5000;
    }
  }

  /**
   * An OpenID Connect provider that signs in agents or customer users ({@code for}).
   *
   * @param issuer where {@code /.well-known/openid-configuration} is found
   * @param loginClaim the claim that is the GOTRS login ({@code preferred_username}, {@code email}, ...)
   * @param autoProvision whether a login unknown to GOTRS becomes a new account
   * @param defaultRole the role a new agent gets when the role claim names none
   * @param roleClaim the claim that lists the user's groups or roles; {@code roles} maps its values to roles
   * @param mfaSatisfiesTotp an ID token whose {@code amr} says {@code mfa} stands in for the account's one-time code
   * @param companyClaim the claim that names a customer user's company ({@code customer_id} when blank)
   */
  public record Oidc(String name, String label, String issuer, String clientId, String clientSecret,
                     @com.fasterxml.jackson.annotation.JsonProperty("for") String audience, List<String> scopes,
                     String loginClaim, boolean autoProvision, String defaultRole, String roleClaim,
                     Map<String, String> roles, boolean mfaSatisfiesTotp, String companyClaim) {
    public boolean forCustomers() {
      return "customers".equals(audience);
    }

    public List<String> scopes() {
      return scopes == null || scopes.isEmpty() ? List.of("openid", "email", "profile") : scopes;
    }

    public String loginClaim() {
      return loginClaim == null || loginClaim.isBlank() ? "preferred_username" : loginClaim;
    }

    public Map<String, String> roles() {
      return roles == null ? Map.of() : roles;
    }

    public String label() {
      return label == null || label.isBlank() ? name : label;
    }

    public String companyClaim() {
      return companyClaim == null || companyClaim.isBlank() ? "customer_id" : companyClaim;
    }
  }

  /**
   * @param numberGenerator {@code DateChecksum} (default), {@code Date} or {@code AutoIncrement}
   * @param attachmentStorage {@code database} or {@code filesystem}
   * @param defaultQueue the queue for tickets from the portal and the API that name none; when set it wins over the
   *     intake settings (and shows as locked in the admin UI); blank = the intake settings decide
   */
  public record Tickets(String numberGenerator, String attachmentStorage, long attachmentMaxBytes,
                        String defaultQueue) {}

  /**
   * The live stream: how long the event log keeps events for resuming clients, how many WebSocket
   * connections a node accepts, how many unsent bytes a slow client may pile up before it is cut off.
   */
  public record Realtime(int eventRetentionHours, int maxConnections, int maxQueuedBytes, int heartbeatSeconds,
                         int statsPushMillis, int presenceTtlSeconds) {}

  /**
   * The email channel. Mailboxes are checked every {@code schedulerMillis} for being due; a poll takes at most
   * {@code batchSize} messages. Outbound mail is looked for every {@code outboxMillis}; an agent's email waits
   * {@code sendDelaySeconds} (so attachments added right after it go along), is tried {@code sendAttempts} times,
   * {@code retrySeconds} apart and doubling. One address gets at most {@code autoResponsesPerHour} auto-responses.
   */
  public record Mail(int schedulerMillis, int batchSize, int timeoutSeconds, int outboxMillis, int sendDelaySeconds,
                     int sendAttempts, int retrySeconds, int autoResponsesPerHour) {}

  /**
   * Background jobs (see org.gotrs.scheduler): each runs on one node at a time, every {@code intervals} seconds
   * per job name; 0 or a missing name = never.
   */
  public record Scheduler(boolean enabled, Map<String, Integer> intervals) {
    public Duration interval(String job) {
      Integer seconds = intervals == null ? null : intervals.get(job);
      return seconds == null || seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    }
  }

  /**
   * The event log's order (see db/V100): {@code stamped} writers never wait for one another and one sequencer per
   * cluster numbers committed events; {@code locked} is the earlier design, every writer holding one lock to commit,
   * kept to measure the difference. A committed event that waits longer than {@code stampWarnSeconds} for its number
   * (an older transaction is still open) is logged as a warning naming that transaction.
   */
  public record Events(String ordering, int stampWarnSeconds) {
    public static final String STAMPED = "stamped";
    public static final String LOCKED = "locked";

    public Events {
      if (!STAMPED.equals(ordering) && !LOCKED.equals(ordering)) {
        throw new IllegalArgumentException("events.ordering must be stamped or locked, not " + ordering);
      }
      if (stampWarnSeconds < 1) {
        throw new IllegalArgumentException("events.stamp_warn_seconds must be at least 1");
      }
    }

    public boolean locked() {
      return LOCKED.equals(ordering);
    }
  }

  /**
   * Workflows: how long a chain of workflows triggering each other may grow, and how a webhook is retried
   * ({@code webhookAttempts} tries, waiting {@code webhookBackoffMillis}, then twice that, ...).
   */
  public record Workflows(int maxDepth, int webhookAttempts, long webhookBackoffMillis, int webhookTimeoutMillis) {}

  /**
   * Live chat: the queue a chat lands in when the visitor names none (blank = the chat intake setting decides;
   * set, it wins over the setting), how many open chats an agent takes at
   * once, which other sites may embed the widget (empty = this server's own pages only), the longest message,
   * per-address limits on chat starts and messages, and how long a waiting customer may be gone (no socket
   * open) before the chat leaves the waiting line.
   */
  /**
   * @param closeTicketState the state a chat's ticket goes to when a chat an agent took ends; empty: it stays as it is
   * @param maxFileBytes the largest file (and upload) either side may send in a chat
   * @param fileTypes the media types files in a chat may have; {@code image/*} stands for every image type
   * @param offerSeconds how long a chat is offered to one agent of a queue that assigns automatically before it is
   *     offered to the next
   */
  public record Chat(String defaultQueue, int seatsPerAgent, List<String> allowedOrigins,
                     int maxMessageChars, int startsPerMinute, int messagesPerMinute, int abandonAfterSeconds,
                     String closeTicketState, long maxFileBytes, List<String> fileTypes, int offerSeconds) {
    public List<String> fileTypes() {
      return fileTypes == null ? List.of() : fileTypes;
    }
  }

  /**
   * The customer portal's rules.
   *
   * @param customersMayClose whether a customer may close their own ticket (set it to {@code closed successful})
   * @param passwordResetsPerAddressPerHour password-reset requests one address may make in an hour; 0 = no limit
   * @param passwordResetsPerEmailPerHour password-reset requests for one e-mail address in an hour; 0 = no limit
   * @param selfRegistration whether visitors may sign up as customer users themselves (after confirming their
   *     e-mail address)
   * @param registrationsPerAddressPerHour sign-ups one address may make in an hour; 0 = no limit
   * @param registrationsPerEmailPerHour sign-ups for one e-mail address in an hour; 0 = no limit
   * @param closeMail whether customers get a mail (with the link to rate) when an agent closes their ticket
   * @param pendingReminderMail whether customers get a mail when their pending ticket's reminder time is reached
   */
  public record Portal(boolean customersMayClose, int passwordResetsPerAddressPerHour,
                       int passwordResetsPerEmailPerHour, boolean selfRegistration, int registrationsPerAddressPerHour,
                       int registrationsPerEmailPerHour, boolean closeMail, boolean pendingReminderMail) {}

  /** Closing allowed, signing up off and the close mail on unless a configuration says otherwise. */
  public Portal portal() {
    return portal == null ? new Portal(true, 10, 3, false, 10, 3, true, false) : portal;
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }
}
