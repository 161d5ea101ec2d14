package org.gotrs;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.gotrs.apikey.ApiKeyRoutes;
import org.gotrs.apikey.ApiKeyService;
import org.gotrs.article.ArticleRoutes;
import org.gotrs.article.ArticleService;
import org.gotrs.article.ArticleStore;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.AdminBootstrap;
import org.gotrs.auth.AuthRoutes;
import org.gotrs.auth.AuthService;
import org.gotrs.auth.Authenticator;
import org.gotrs.auth.CallerLimits;
import org.gotrs.auth.MfaService;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.auth.SecretBox;
import org.gotrs.auth.SessionCache;
import org.gotrs.auth.TokenService;
import org.gotrs.auth.Totp;
import org.gotrs.chat.ChatDesk;
import org.gotrs.chat.ChatRoutes;
import org.gotrs.chat.ChatService;
import org.gotrs.chat.ChatSockets;
import org.gotrs.cluster.Clustering;
import org.gotrs.config.Config;
import org.gotrs.config.RuntimeSettings;
import org.gotrs.db.ChannelListener;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.EmbeddedDatabase;
import org.gotrs.db.Migrations;
import org.gotrs.db.Reads;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventRelay;
import org.gotrs.health.HealthRoutes;
import org.gotrs.health.Readiness;
import org.gotrs.history.TicketHistory;
import org.gotrs.http.Endpoint;
import org.gotrs.http.HttpVerticle;
import org.gotrs.http.RateLimiter;
import org.gotrs.http.Routes;
import org.gotrs.link.LinkRoutes;
import org.gotrs.link.TicketLinks;
import org.gotrs.notification.EventNotifier;
import org.gotrs.notification.NotificationRoutes;
import org.gotrs.notification.NotificationTexts;
import org.gotrs.notification.Notifications;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.permission.Permissions;
import org.gotrs.realtime.LiveMetrics;
import org.gotrs.realtime.LiveSockets;
import org.gotrs.realtime.Presence;
import org.gotrs.stats.StatsRoutes;
import org.gotrs.stats.WallboardStats;
import org.gotrs.templates.ReplyTexts;
import org.gotrs.templates.TemplateRoutes;
import org.gotrs.templates.TemplateService;
import org.gotrs.templates.TicketTags;
import org.gotrs.ticket.TicketCustomFields;
import org.gotrs.ticket.TicketRoutes;
import org.gotrs.ticket.TicketService;
import org.gotrs.ticket.number.TicketNumberGenerator;
import org.gotrs.ui.WebUi;
import org.gotrs.watcher.WatcherRoutes;
import org.gotrs.watcher.Watchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: Vert.x, the database, the HTTP verticles and the features wired together.
 * HTTP comes up first (so {@code /health} can say 503), then the schema is migrated, then the API opens.
 */
public final class Application {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final long RETRY_DELAY_MS = 2_000;

  private final Config config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness = new Readiness();
  private final Promise<Void> ready = Promise.promise();
  private final Clock clock;
  private EmbeddedDatabase embedded;
  private DatabaseTarget target;
  private Pool pool;
  private Reads reads;
  private TokenService tokens;
  private final AuditLog audit = new AuditLog();
  private final Permissions permissions = new Permissions();
  private final DomainEvents events;
  private final AtomicLong eventPosition = new AtomicLong();
  private final SessionCache sessions = new SessionCache();
  private final RuntimeSettings settings;
  private org.gotrs.settings.SettingsService storedSettings;
  private org.gotrs.signin.SignInBackends signInBackends;
  private ChannelListener sessionChanges;
  private LiveMetrics liveMetrics;
  private Presence presence;
  private WallboardStats wallboard;
  private org.gotrs.ticket.SavedViews savedViews;
  private org.gotrs.mail.MailChannel mail;
  private Automation automation;
  private Endpoint otrsConnector;
  private Endpoint oidcPages;
  private List<Routes> apiRoutes = List.of();
  private ChatService chats;
  private org.gotrs.intake.IntakeService intake;
  private org.gotrs.kb.KbSearch kbSearch;
  private org.gotrs.kb.KbFiles kbFiles;
  private org.gotrs.kb.HelpCenterLook helpCenterLook;

  private Application(Config config, Vertx vertx, PrometheusMeterRegistry registry, Clock clock) {
    this.config = config;
    this.settings = new RuntimeSettings(config);
    this.events = new DomainEvents(config.events().locked());
    this.vertx = vertx;
    this.registry = registry;
    this.clock = clock;
  }

  /** Starts the server; the returned future completes once HTTP listens. {@link #ready()} follows after migrations. */
  public static Future<Application> start(Config config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts the server on the given clock: the server's "now" (escalation deadlines coming due, pending times,
   * job intervals, one-time passwords, rate limits) is read from it.
   */
  public static Future<Application> start(Config config, Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new ProcessorMetrics(), new FileDescriptorMetrics()).forEach(binder -> binder.bindTo(registry));
    VertxBuilder builder = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry));
    Future<Vertx> vertx = config.cluster().enabled()
        ? builder.withClusterManager(Clustering.clusterManager(config.cluster())).buildClustered()
        : Future.succeededFuture(builder.build());
    return vertx.compose(v -> new Application(config, v, registry, clock).boot());
  }

  private Future<Application> boot() {
    return vertx.executeBlocking(this::resolveDatabase)
        .compose(resolved -> {
          target = resolved;
          liveMetrics = new LiveMetrics(registry);
          PoolOptions poolOptions = new PoolOptions().setMaxSize(config.db().poolSize()).setMaxWaitQueueSize(10_000)
              .setEventLoopSize(config.http().effectiveInstances());
          pool = PgBuilder.pool()
              .with(poolOptions)
              .connectingTo(target.connectOptions())
              .using(vertx)
              .build();
          reads = Reads.replicated(vertx, pool, config.db().readUrls().stream().map(DatabaseTarget::fromUrl).toList(),
              poolOptions, registry);
          presence = new Presence(pool, events, config.realtime().presenceTtlSeconds());
          wallboard = new WallboardStats(pool, clock, config.realtime().statsPushMillis(),
              () -> chats == null ? Future.succeededFuture(null) : chats.waitingSummary());
          return TokenService.create(vertx, config);
        })
        .compose(tokens -> {
          this.tokens = tokens;
          return deployHttp();
        })
        .map(deployed -> {
          migrateUntilDone();
          return this;
        })
        .recover(failure -> stop().transform(ignored -> Future.failedFuture(failure)));
  }

  private DatabaseTarget resolveDatabase() {
    if (config.db().embedded()) {
      embedded = EmbeddedDatabase.start(config.dataPath());
      return embedded.target();
    }
    return DatabaseTarget.fromUrl(config.db().url());
  }

  private Future<String> deployHttp() {
    var health = new HealthRoutes(pool, reads, readiness);
    var authenticator = new Authenticator(pool, reads, tokens, audit, new CallerLimits(config.http().rateLimits(), clock),
        sessions);
    List<Routes> features = features(authenticator);
    apiRoutes = features;
    return WebUi.load(vertx)
        .compose(webUi -> vertx.executeBlocking(() -> new org.gotrs.kb.HelpCenter(readiness::migrated, pool, kbSearch,
                kbFiles, helpCenterLook, webUi.prefix(), config.http().publicUrl()))
            .map(help -> List.<Endpoint>of((router, vertx) -> health.mount(router), new LiveSockets(pool, reads, authenticator,
                    permissions, presence, liveMetrics, config.realtime(), eventPosition, wallboard::view,
                    WallboardStats.CHANGED_ADDRESS, savedViews::tallies), otrsConnector, oidcPages,
                new ChatSockets(chats, authenticator, config.realtime(), liveMetrics, clock), help,
                // the static pages come last: they answer every path nothing else took
                (router, vertx) -> webUi.mount(router))))
        .compose(endpoints -> vertx.deployVerticle(
            () -> new HttpVerticle(config.http(), readiness::migrated, registry, authenticator, features, endpoints),
            new DeploymentOptions().setInstances(config.http().effectiveInstances())))
        .onSuccess(id -> LOG.info("HTTP listening on {}:{}", config.http().host(), config.http().port()));
  }

  /** The features' routes; each feature is built once and shared by all HTTP verticles. */
  private List<Routes> features(Authenticator authenticator) {
    var hasher = new PasswordHasher();
    var totp = new Totp(clock);
    var secrets = new SecretBox(tokens.keyMaterial());
    var loginRate = new RateLimiter(config.auth().loginRatePerMinute(), Duration.ofMinutes(1), clock, 100_000);
    signInBackends = new org.gotrs.signin.SignInBackends(pool, audit, events, secrets, config.auth());
    var directories = new org.gotrs.signin.LdapSignIn(vertx, pool, audit, sessions, signInBackends);
    var auth = new AuthService(vertx, pool, tokens, hasher, totp, secrets, audit, config, settings, loginRate,
        sessions, directories);
    var oidc = new org.gotrs.signin.OidcSignIn(vertx, pool, audit, auth, signInBackends,
        config.http().publicUrl());
    oidcPages = new org.gotrs.signin.OidcPages(oidc);
    var history = new TicketHistory();
    var escalations = new org.gotrs.escalation.EscalationIndex(history);
    var rebuild = new org.gotrs.escalation.EscalationRebuild(pool, escalations);
    var articles = new ArticleStore(history);
    var attachmentStore = new org.gotrs.attachment.AttachmentStore(vertx, pool, config.dataPath(),
        config.tickets().attachmentStorage());
    var numbers = TicketNumberGenerator.fromConfig(config.tickets().numberGenerator(), config.systemId(), clock);
    var tickets = new TicketService(pool, reads, permissions, audit, events, history, articles, attachmentStore, numbers,
        new TicketCustomFields(), config.tickets().defaultQueue(), clock, escalations,
        () -> settings.bool("portal.customers_may_close"));
    var articleService = new ArticleService(pool, permissions, audit, events, history, articles, escalations);
    savedViews = new org.gotrs.ticket.SavedViews(tickets, clock);
    var attachmentService = new org.gotrs.attachment.AttachmentService(vertx, pool, permissions, audit, attachmentStore,
        config.tickets().attachmentMaxBytes());
    mail = new org.gotrs.mail.MailChannel(vertx, pool, config, secrets, audit, permissions, tickets, articleService,
        attachmentStore, history, clock, () -> settings.integer("mail.auto_responses_per_hour"));
    var reports = new org.gotrs.report.Reports(reads, permissions);
    var reportSchedules = new org.gotrs.report.ReportSchedules(pool, permissions, clock);
    automation = new Automation(config, vertx, pool, clock, registry, events, history, tickets.automation(),
        articleService, attachmentStore, audit, permissions, () -> settings.integer("workflows.max_depth"),
        List.of(directories.syncJob(), new org.gotrs.report.ScheduledReports(pool, reports, reportSchedules)));
    otrsConnector = new GenericTicketConnector(readiness, pool, auth, authenticator, tickets, articleService,
        attachmentService, history, permissions, clock,
        Math.max(config.http().bodyLimitBytes(), config.tickets().attachmentMaxBytes() * 4 / 3 + 1_048_576));
    var ratings = new org.gotrs.rating.Ratings(pool, permissions, audit);
    chats = new ChatService(pool, audit, events, tickets, articleService, attachmentService, ratings, settings::chat,
        clock);
    intake = new org.gotrs.intake.IntakeService(pool, audit, config);
    var drafts = new org.gotrs.reply.Drafts(pool, permissions);
    var ticketTags = new TicketTags(TicketTags.settings(config));
    var customerUsers = new org.gotrs.identity.CustomerUserService(vertx, pool, hasher, audit, sessions);
    kbSearch = new org.gotrs.kb.KbSearch(pool, permissions);
    kbFiles = new org.gotrs.kb.KbFiles(pool, permissions, audit, attachmentService, attachmentStore, vertx.fileSystem(),
        config.tickets().attachmentMaxBytes());
    helpCenterLook = new org.gotrs.kb.HelpCenterLook(pool, audit);
    storedSettings = new org.gotrs.settings.SettingsService(pool, audit, events, settings);
    // the tickets' routes first: the router tries each route's pattern in turn, and these are the most asked for
    var routes = new java.util.ArrayList<Routes>(List.of(
        new TicketRoutes(tickets, history, clock),
        new AuthRoutes(auth, new MfaService(pool, totp, secrets, audit)),
        new org.gotrs.settings.SettingsRoutes(storedSettings, permissions),
        new org.gotrs.auth.UserSessionRoutes(new org.gotrs.auth.UserSessions(pool, audit, sessions), permissions),
        new ApiKeyRoutes(new ApiKeyService(pool, audit)),
        new org.gotrs.signin.SignInRoutes(signInBackends, directories, oidc, permissions),
        new org.gotrs.intake.IntakeRoutes(intake, permissions)));
    routes.addAll(org.gotrs.lookup.LookupRoutes.all(pool, audit, permissions));
    routes.addAll(ReplyTexts.routes(pool, audit, permissions));
    routes.addAll(List.of(
        new TemplateRoutes(new TemplateService(pool, audit, permissions, ticketTags), permissions),
        new org.gotrs.sla.SlaRoutes(new org.gotrs.sla.SlaService(pool, audit, rebuild::slaChanged), permissions),
        new org.gotrs.customfield.CustomFieldRoutes(new org.gotrs.customfield.CustomFieldService(pool, audit), permissions),
        new org.gotrs.identity.UserRoutes(
            new org.gotrs.identity.UserService(vertx, pool, hasher, audit, sessions), permissions),
        new org.gotrs.identity.GroupRoutes(new org.gotrs.identity.GroupService(pool, audit, events, sessions),
            new org.gotrs.identity.RoleService(pool, audit, events, sessions), permissions),
        new org.gotrs.identity.MembershipRoutes(
            new org.gotrs.identity.MembershipService(pool, audit, events, sessions), permissions),
        new org.gotrs.identity.CustomerRoutes(new org.gotrs.identity.CustomerCompanyService(pool, audit),
            customerUsers, permissions),
        new org.gotrs.account.AccountRoutes(
            new org.gotrs.account.PasswordResets(vertx, pool, hasher, audit, sessions, config.http().publicUrl()),
            new org.gotrs.account.Registrations(vertx, pool, hasher, audit, config.http().publicUrl()),
            new org.gotrs.account.CustomerProfile(vertx, pool, hasher, audit, customerUsers), config.portal(), clock),
        new org.gotrs.identity.PreferenceRoutes(new org.gotrs.identity.PreferenceService(pool, audit), permissions),
        new org.gotrs.audit.AuditRoutes(new org.gotrs.audit.AuditQuery(pool), permissions),
        new org.gotrs.bulk.BulkRoutes(pool, permissions, tickets, articleService, clock),
        new org.gotrs.ticket.SavedViewRoutes(savedViews),
        new LinkRoutes(new TicketLinks(pool, permissions, audit, events, history)),
        new WatcherRoutes(new Watchers(pool, permissions, audit, history)),
        new org.gotrs.timeaccounting.TimeAccountingRoutes(
            new org.gotrs.timeaccounting.TimeAccountingReport(pool, permissions)),
        new org.gotrs.rating.RatingRoutes(ratings),
        new NotificationRoutes(new Notifications(pool, permissions, audit), permissions,
            new NotificationTexts(pool, audit, ticketTags)),
        new StatsRoutes(pool, wallboard, permissions, clock),
        new org.gotrs.report.ReportRoutes(reports, reportSchedules, clock),
        new ArticleRoutes(articleService),
        new org.gotrs.reply.ReplyRoutes(new org.gotrs.reply.ReplyService(pool, permissions, articleService, attachmentStore,
            tickets, drafts, new org.gotrs.reply.ReplyDecoration(new org.gotrs.templates.QueueTexts(ticketTags)), clock),
            drafts),
        new org.gotrs.attachment.AttachmentRoutes(attachmentService),
        new org.gotrs.kb.KbRoutes(new org.gotrs.kb.KbArticles(pool, permissions, audit, kbFiles), kbFiles,
            new org.gotrs.kb.KbCategories(pool, audit), kbSearch, helpCenterLook, permissions,
            config.chat().allowedOrigins()),
        new org.gotrs.openapi.OpenApiRoutes(vertx)));
    routes.addAll(mail.routes());
    routes.addAll(automation.routes());
    var chatInvitations = new org.gotrs.invitation.ChatInvitations(pool, audit);
    routes.add(new org.gotrs.invitation.ChatInvitationRoutes(chatInvitations, permissions));
    routes.add(new ChatRoutes(chats, new ChatDesk(pool, permissions, audit, events, tickets, chats, clock),
        attachmentService, chatInvitations));
    return List.copyOf(routes);
  }

  /** Migrates, retrying while the database is unreachable; a broken migration is fatal. */
  private void migrateUntilDone() {
    vertx.executeBlocking(() -> Migrations.apply(target))
        .compose(migrated -> afterMigration())
        .onSuccess(done -> {
          readiness.markMigrated();
          ready.tryComplete();
        })
        .onFailure(failure -> {
          if (isConnectionFailure(failure)) {
            LOG.warn("database {} not reachable yet ({}); retrying in {} ms", target, rootMessage(failure), RETRY_DELAY_MS);
            vertx.setTimer(RETRY_DELAY_MS, id -> migrateUntilDone());
          } else {
            LOG.error("cannot prepare the database {}: {}", target, rootMessage(failure));
            ready.tryFail(failure);
          }
        });
  }

  private Future<Void> afterMigration() {
    return pool.query("SELECT create_audit_log_partitions(3)").execute()
        .compose(rows -> storedSettings.load())
        .compose(loaded -> signInBackends.load())
        .compose(rows -> new AdminBootstrap(vertx, pool, new PasswordHasher()).ensurePassword(config.adminPassword()))
        .compose(done -> config.demoData()
            ? new org.gotrs.demo.DemoData(vertx, pool, config, clock, new PasswordHasher()).loadOnce()
                .compose(loaded -> org.gotrs.escalation.RebuildEscalationsCommand.rebuild(pool, clock, false))
                .map(rebuilt -> {
                  if (rebuilt.tickets() > 0) {
                    LOG.info("demo data: {}", org.gotrs.escalation.RebuildEscalationsCommand.describe(rebuilt));
                  }
                  return null;
                })
            : Future.succeededFuture())
        .compose(done -> intake.warnUnworked().recover(failure -> {
          LOG.warn("cannot check the intake queues: {}", failure.getMessage());
          return Future.succeededFuture();
        }))
        .compose(done -> {
          sessionChanges = new ChannelListener(vertx, target.connectOptions(), SessionCache.CHANNEL,
              sessions.andThen(() -> vertx.eventBus().publish(LiveSockets.SIGN_IN_ADDRESS, null,
                  new DeliveryOptions().setLocalOnly(true))));
          return sessionChanges.start();
        })
        .compose(done -> vertx.deployVerticle(wallboard))
        .compose(done -> vertx.deployVerticle(new org.gotrs.report.ReportCompaction(pool, clock)))
        .compose(done -> vertx.deployVerticle(new EventRelay(pool, target.connectOptions(),
            config.realtime().eventRetentionHours(), eventPosition, config.events().stampWarnSeconds(), registry)))
        .map(deployed -> {
          // another node's change reaches this one through the event log
          EventRelay.listen(vertx, java.util.Set.of(org.gotrs.events.EventName.SETTINGS_CHANGED),
              event -> storedSettings.load().compose(loaded -> signInBackends.load())
                  .onFailure(failure -> LOG.warn("cannot reload the settings: {}", failure.getMessage())));
          return deployed;
        })
        .compose(deployed -> mail.start())
        .compose(started -> vertx.deployVerticle(new EventNotifier(pool, events, mail.acknowledgements(),
            new TicketTags(TicketTags.settings(config)), config.portal().closeMail(),
            config.portal().pendingReminderMail())))
        .map(started -> {
          presence.start(vertx);
          return null;
        })
        .compose(started -> automation.start(target.connectOptions()));
  }

  private static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (t instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** Completes when the schema is migrated and the API is open; fails if the database cannot be prepared. */
  public Future<Void> ready() {
    return ready.future();
  }

  /**
   * Graceful stop: the sign-in listener stops (so it does not reconnect), HTTP drains in-flight requests, the pool
   * and Vert.x close, then the embedded database stops.
   */
  public Future<Void> stop() {
    if (sessionChanges != null) {
      sessionChanges.stop();
    }
    return vertx.close()
        .transform(closed -> Future.fromCompletionStage(CompletableFuture.runAsync(() -> {
          if (embedded != null) {
            embedded.close();
          }
        })));
  }

  public Config config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public Clock clock() {
    return clock;
  }

  /** The features' routes as mounted under {@code /api/v1}; empty until HTTP is deployed. */
  public List<Routes> routes() {
    return apiRoutes;
  }

  /** The sign-ins this node keeps; a change made behind the server's back may be announced to it directly. */
  public SessionCache sessions() {
    return sessions;
  }

  /** Live chat, for features that report on it (the wallboard's chats waiting and longest wait). */
  public ChatService chats() {
    return chats;
  }
}
