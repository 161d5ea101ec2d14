package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gotrs.article.ArticleService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.SecretBox;
import org.gotrs.config.Config;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.TicketService;
import org.gotrs.history.TicketHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email channel, wired: mailbox polling into tickets and follow-ups, postmaster filters, auto-responses,
 * and (when {@code GOTRS_SMTP_HOST} is set) outbound mail. Routes mount with the API; {@link #start()} runs
 * once the schema is migrated. Mail I/O runs on its own small worker pool, never on an event loop.
 */
public final class MailChannel {

  private static final Logger LOG = LoggerFactory.getLogger(MailChannel.class);
  private static final int WORKERS = 4;

  private final Vertx vertx;
  private final Pool pool;
  private final Config config;
  private final AttachmentStore attachments;
  private final TicketHistory history;
  private final WorkerExecutor worker;
  private final MailPoller poller;
  private final List<Routes> routes;
  private final Acknowledgements acknowledgements;

  public MailChannel(Vertx vertx, Pool pool, Config config, SecretBox secrets, AuditLog audit, Permissions permissions,
                     TicketService tickets, ArticleService articles, AttachmentStore attachments,
                     TicketHistory history, Clock clock, java.util.function.IntSupplier autoResponsesPerHour) {
    this.vertx = vertx;
    this.pool = pool;
    this.config = config;
    this.attachments = attachments;
    this.history = history;
    this.worker = vertx.createSharedWorkerExecutor("gotrs-mail", WORKERS,
        Math.max(60, config.mail().timeoutSeconds() * 4L), TimeUnit.SECONDS);
    var accounts = new MailAccountService(pool, audit, secrets);
    var failed = new FailedMails(pool);
    var responder = new AutoResponder(articles, history, autoResponsesPerHour);
    this.acknowledgements = new Acknowledgements(responder);
    var importer = new MailImport(pool, worker, vertx.fileSystem(), tickets, articles, attachments, responder, failed,
        clock);
    this.poller = new MailPoller(pool, accounts, importer, worker, config.mail());
    this.routes = List.of(new MailRoutes(accounts, poller, failed, permissions),
        new PostmasterFilterRoutes(new PostmasterFilterService(pool, audit), permissions));
  }

  public List<Routes> routes() {
    return routes;
  }

  /** "Ticket received" for tickets opened without mail. */
  public Acknowledgements acknowledgements() {
    return acknowledgements;
  }

  /** Starts polling mailboxes and, with outbound settings, sending mail. */
  public Future<Void> start() {
    Future<String> polling = vertx.deployVerticle(poller);
    if (!config.smtp().enabled()) {
      LOG.info("no outbound mail settings (GOTRS_SMTP_HOST): email articles stay queued");
      return polling.mapEmpty();
    }
    return polling.compose(deployed -> vertx.deployVerticle(
            new Outbox(pool, attachments, history, config.smtp(), config.mail())))
        .mapEmpty();
  }
}
