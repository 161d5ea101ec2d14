package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.config.Config;
import org.gotrs.events.EventName;
import org.gotrs.events.EventRelay;
import org.gotrs.events.SingleFlight;
import org.gotrs.history.TicketHistory;
import org.gotrs.permission.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends email articles ({@code delivery_status} 'queued') through SMTP, on every node. Due deliveries are
 * claimed with SKIP LOCKED and a lease, so each goes out from one node, and one whose node died is tried
 * again when the lease ends. A failed attempt is retried with a doubling delay; a permanent SMTP refusal or
 * the last attempt marks the article 'failed' and notes it in the ticket's history.
 */
public final class Outbox extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int BATCH = 20;
  private static final int LEASE_SECONDS = 300;

  private final Pool pool;
  private final AttachmentStore attachments;
  private final TicketHistory history;
  private final Config.Smtp smtp;
  private final Config.Mail config;
  private final QueuedMailSender queued;
  /** Passes never overlap on a node. */
  private final SingleFlight passes = new SingleFlight(this::pass);
  private MailClient client;

  Outbox(Pool pool, AttachmentStore attachments, TicketHistory history, Config.Smtp smtp, Config.Mail config) {
    this.pool = pool;
    this.attachments = attachments;
    this.history = history;
    this.smtp = smtp;
    this.config = config;
    this.queued = new QueuedMailSender(pool, history, config);
  }

  @Override
  public Future<?> start() {
    client = MailClient.create(vertx, mailConfig(smtp, config.timeoutSeconds()));
    vertx.setPeriodic(config.outboxMillis(), id -> passes.run());
    // a new email article is sent at once rather than at the next period
    EventRelay.listen(vertx, Set.of(EventName.ARTICLE_CREATED), event -> {
      JsonObject article = event.data().getJsonObject("article");
      if (article != null && "email-external".equals(article.getString("article_type"))) {
        passes.run();
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  /** {@code tls}: STARTTLS required, or implicit TLS on port 465; without it the connection stays plain. */
  static MailConfig mailConfig(Config.Smtp smtp, int timeoutSeconds) {
    MailConfig mail = new MailConfig().setHostname(smtp.host()).setPort(smtp.port());
    if (smtp.tls() && smtp.port() == 465) {
      mail.setSsl(true);
    } else {
      mail.setStarttls(smtp.tls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED);
    }
    if (smtp.user() != null && !smtp.user().isBlank()) {
      mail.setUsername(smtp.user()).setPassword(smtp.password()).setLogin(LoginOption.REQUIRED);
    } else {
      mail.setLogin(LoginOption.DISABLED);
    }
    mail.setConnectTimeout(timeoutSeconds * 1000);
    return mail;
  }

  /** One pass: pick up new email articles, claim what is due, send it; then the queued mail that is not an article. */
  private Future<Boolean> pass() {
    return enqueue().compose(queued -> claim())
        .compose(claimed -> Future.join(claimed.stream().map(this::send).toList()))
        .compose(sent -> queued.pass(client))
        .onFailure(failure -> LOG.debug("outbox pass failed: {}", failure.getMessage()))
        .map(false);
  }

  /** Gives every newly queued article its delivery row; an agent's waits the send delay first. */
  private Future<Void> enqueue() {
    return pool.preparedQuery("""
            INSERT INTO mail_delivery (article_id, next_attempt_time)
            SELECT a.id, a.create_time + make_interval(secs => CASE WHEN a.article_sender_type_id = 1 THEN $1::int ELSE 0 END)
              FROM article a
             WHERE a.delivery_status = 'queued'
               AND NOT EXISTS (SELECT 1 FROM mail_delivery d WHERE d.article_id = a.id)
            ON CONFLICT DO NOTHING""")
        .execute(Tuple.of(config.sendDelaySeconds()))
        .mapEmpty();
  }

  private record Claimed(long articleId, int attempt) {}

  private Future<List<Claimed>> claim() {
    return pool.preparedQuery("""
            UPDATE mail_delivery d
               SET attempts = d.attempts + 1,
                   next_attempt_time = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::int)
             WHERE d.article_id IN (SELECT article_id FROM mail_delivery
                                     WHERE NOT done AND next_attempt_time <= (now() AT TIME ZONE 'UTC')
                                     ORDER BY next_attempt_time LIMIT $1
                                       FOR UPDATE SKIP LOCKED)
            RETURNING d.article_id, d.attempts""")
        .execute(Tuple.of(BATCH, LEASE_SECONDS))
        .map(rows -> org.gotrs.db.Rows.all(rows,
            row -> new Claimed(row.getLong("article_id"), row.getInteger("attempts"))));
  }

  private Future<Void> send(Claimed claimed) {
    return OutgoingMail.load(pool, claimed.articleId()).compose(mail -> mail == null ? settled(claimed.articleId())
        : attachments.contents(pool, claimed.articleId())
            .compose(files -> {
              try {
                return client.sendMail(mail.message(files));
              } catch (Exception unsendable) {
                return Future.failedFuture(unsendable);
              }
            })
            .compose(sent -> markSent(mail))
            .recover(failure -> markFailed(mail, claimed.attempt(), failure)));
  }

  /** The article left the queue some other way (sent elsewhere, deleted): nothing more to do. */
  private Future<Void> settled(long articleId) {
    return pool.preparedQuery("UPDATE mail_delivery SET done = true WHERE article_id = $1")
        .execute(Tuple.of(articleId)).mapEmpty();
  }

  private Future<Void> markSent(OutgoingMail mail) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE article SET delivery_status = 'sent', message_id = $2, message_id_md5 = $3, in_reply_to = $4,
                                   "references" = $5, from_address = $6, change_time = (now() AT TIME ZONE 'UTC')
                 WHERE id = $1""")
            .execute(Tuple.from(new Object[] {mail.articleId(), mail.messageId(), DigestUtils.md5Hex(mail.messageId()),
                mail.inReplyTo(), mail.references(), mail.from()}))
            .compose(updated -> tx.preparedQuery("""
                    UPDATE mail_delivery SET done = true, sent_time = (now() AT TIME ZONE 'UTC'), last_error = NULL
                     WHERE article_id = $1""")
                .execute(Tuple.of(mail.articleId()))))
        .mapEmpty();
  }

  private Future<Void> markFailed(OutgoingMail mail, int attempt, Throwable failure) {
    boolean permanent = failure instanceof SMTPException smtpFailure && smtpFailure.isPermanent()
        || failure instanceof jakarta.mail.internet.AddressException || failure instanceof IllegalArgumentException;
    boolean last = permanent || attempt >= config.sendAttempts();
    String error = String.valueOf(failure.getMessage());
    LOG.warn("email article {} to {}: attempt {} failed{}: {}", mail.articleId(), mail.to(), attempt,
        last ? ", giving up" : "", error);
    long delay = (long) config.retrySeconds() << Math.min(attempt - 1, 16);
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE article SET delivery_status = $2 WHERE id = $1")
            .execute(Tuple.of(mail.articleId(), last ? "failed" : "retry"))
            .compose(updated -> tx.preparedQuery("""
                    UPDATE mail_delivery
                       SET done = $2, last_error = $3,
                           next_attempt_time = (now() AT TIME ZONE 'UTC') + make_interval(secs => $4)
                     WHERE article_id = $1""")
                .execute(Tuple.of(mail.articleId(), last, error.length() > 2000 ? error.substring(0, 2000) : error,
                    (double) delay)))
            .compose(updated -> !last ? Future.succeededFuture()
                : history.record(tx, mail.ticketId(), Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
                    "Misc", "%%email to " + mail.to() + " could not be delivered: " + error, null, "failed")
                    .withArticle(mail.articleId())))))
        .mapEmpty();
  }
}
