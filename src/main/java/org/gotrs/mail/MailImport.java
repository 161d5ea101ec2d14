package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.FileSystem;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleService;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.ChannelTicket;
import org.gotrs.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incoming message into the help desk, in one transaction: the ledger entry that keeps it from being
 * imported twice, the postmaster filters, then a follow-up on the ticket it belongs to or a new ticket
 * ({@code source} = email, the customer user matched by address), its attachments and any auto-response.
 * A message that cannot be read or stored is kept as a failed message instead.
 */
final class MailImport {

  /** What became of a message; every outcome but a failed future lets the mailbox delete it. */
  enum Outcome { IMPORTED, DUPLICATE, DROPPED, FAILED }

  private static final Logger LOG = LoggerFactory.getLogger(MailImport.class);
  private static final int FOLLOW_UP_NEW_TICKET = 3;
  private static final String NO_SUBJECT = "(no subject)";

  /** A parsed message with its parts written to temp files for the attachment store. */
  private record Staged(ParsedMail mail, List<AttachmentStore.ChannelFile> files) {}

  /** Where the message went. */
  private record Delivered(long ticketId, long articleId, AutoResponder.Kind response) {}

  private final Pool pool;
  private final WorkerExecutor worker;
  private final FileSystem fs;
  private final MailParser parser = new MailParser();
  private final FilterRules filters = new FilterRules();
  private final Threading threading = new Threading();
  private final TicketService tickets;
  private final ArticleService articles;
  private final AttachmentStore attachments;
  private final AutoResponder autoResponder;
  private final FailedMails failed;
  private final Clock clock;
  private final Actor system = Actor.system("gotrs-mail");

  MailImport(Pool pool, WorkerExecutor worker, FileSystem fs, TicketService tickets, ArticleService articles,
             AttachmentStore attachments, AutoResponder autoResponder, FailedMails failed, Clock clock) {
    this.pool = pool;
    this.worker = worker;
    this.fs = fs;
    this.tickets = tickets;
    this.articles = articles;
    this.attachments = attachments;
    this.autoResponder = autoResponder;
    this.failed = failed;
    this.clock = clock;
  }

  /** Fails only when the message could neither be stored nor kept as failed: it then stays in the mailbox. */
  Future<Outcome> importMessage(MailAccount.Connection account, byte[] raw) {
    MailParser.Identity identity = MailParser.identify(raw);
    return worker.executeBlocking(() -> stage(parser.parse(raw)), false)
        .compose(staged -> store(account, staged).eventually(() -> removeTemps(staged)))
        .recover(failure -> {
          LOG.warn("message {} from mailbox {} is kept as failed: {}", identity.messageId(), account, failure.toString());
          return failed.keep(account.id(), identity, raw, identity.subject(), identity.from(), describe(failure))
              .map(kept -> kept ? Outcome.FAILED : Outcome.DUPLICATE);
        });
  }

  private Future<Outcome> store(MailAccount.Connection account, Staged staged) {
    ParsedMail mail = staged.mail();
    return pool.withTransaction(tx -> claim(tx, account, mail).compose(claimed -> !claimed
            ? Future.succeededFuture(Outcome.DUPLICATE)
            : filters.decide(tx, mail).compose(decision -> decision.drop()
                ? finish(tx, mail.key(), "dropped", null, null).map(Outcome.DROPPED)
                : threading.find(tx, mail)
                    .compose(target -> deliver(tx, account, staged, decision, target))
                    .compose(delivered -> finish(tx, mail.key(), "imported", delivered.ticketId(),
                        delivered.articleId()))
                    .map(Outcome.IMPORTED))))
        // a rolled-back import may have placed attachment files that nothing refers to
        .recover(failure -> attachments.collectGarbage(staged.files().stream()
                .map(AttachmentStore.ChannelFile::sha256).toList())
            .transform(collected -> Future.failedFuture(failure)));
  }

  /**
   * Takes the message's key in the ledger; false when it is there already, or when an article carries its
   * Message-ID (the help desk's own mail coming back). A concurrent import of the same message waits on the
   * key and then sees it taken.
   */
  private static Future<Boolean> claim(SqlClient tx, MailAccount.Connection account, ParsedMail mail) {
    return tx.preparedQuery("""
            INSERT INTO mail_message (message_id_md5, message_id, mail_account_id, outcome)
            SELECT $1::text, $2::text, $3::int, 'imported'
             WHERE NOT EXISTS (SELECT 1 FROM article WHERE message_id_md5 = $1::text)
            ON CONFLICT DO NOTHING RETURNING 1""")
        .execute(Tuple.of(mail.key(), mail.messageId(), account.id()))
        .map(rows -> rows.size() > 0);
  }

  private static Future<Void> finish(SqlClient tx, String key, String outcome, Long ticketId, Long articleId) {
    return tx.preparedQuery("UPDATE mail_message SET outcome = $2, ticket_id = $3, article_id = $4 WHERE message_id_md5 = $1")
        .execute(Tuple.of(key, outcome, ticketId, articleId)).mapEmpty();
  }

  private Future<Delivered> deliver(SqlClient tx, MailAccount.Connection account, Staged staged,
                                    FilterRules.Decision decision, Threading.Target target) {
    ParsedMail mail = staged.mail();
    ArticleDraft draft = draft(mail);
    Future<Delivered> written;
    if (target == null || target.gone() || target.closed() && target.followUp() == FOLLOW_UP_NEW_TICKET) {
      String title = target == null ? mail.subject() : TicketSubject.clean(mail.subject());
      written = customerUser(tx, mail.fromAddress()).compose(customer -> tickets.openInTransaction(tx, system,
              new ChannelTicket(title == null || title.isBlank() ? NO_SUBJECT : title,
                  decision.queueId() != null ? decision.queueId() : account.queueId(), decision.stateId(),
                  decision.priorityId(), customer, decision.tags(), "email", draft)))
          .map(opened -> new Delivered(opened.ticket().id(), opened.article().id(), AutoResponder.Kind.REPLY));
    } else if (target.closed() && target.followUp() == Threading.FOLLOW_UP_REJECT) {
      written = articles.addWithoutReopening(tx, system, target.ticketId(), draft)
          .map(article -> new Delivered(target.ticketId(), article.id(), AutoResponder.Kind.REJECT));
    } else {
      written = articles.addInTransaction(tx, system, target.ticketId(), draft)
          .map(article -> new Delivered(target.ticketId(), article.id(), AutoResponder.Kind.FOLLOW_UP));
    }
    return written.compose(delivered -> attachments.saveFiles(tx, delivered.articleId(), Principal.SYSTEM_USER_ID,
            staged.files())
        .compose(saved -> autoResponder.respond(tx, mail, delivered.ticketId(), delivered.response()))
        .map(delivered));
  }

  private ArticleDraft draft(ParsedMail mail) {
    String messageId = mail.messageId() != null && mail.messageId().length() <= 255 ? mail.messageId() : null;
    return new ArticleDraft("email-external", ArticleDraft.CUSTOMER, mail.from() != null ? mail.from()
        : mail.fromAddress(), mail.to(), mail.cc(), mail.subject(), body(mail), false, messageId, mail.inReplyTo(),
        mail.references(), clock.instant().getEpochSecond());
  }

  /** The HTML, sanitised, when there is HTML (with the sender's own plain text beside it); else the text. */
  private static ArticleBody body(ParsedMail mail) {
    String plain = mail.plainBody() == null ? null : mail.plainBody().replace("\u0000", "");
    if (mail.htmlBody() != null) {
      ArticleBody html = ArticleBody.of("text/html; charset=utf-8", mail.htmlBody().replace("\u0000", ""));
      return plain == null ? html : new ArticleBody(html.contentType(), html.body(), html.htmlBody(), plain);
    }
    return ArticleBody.of("text/plain; charset=utf-8", plain == null ? "" : plain);
  }

  private static Future<java.util.UUID> customerUser(SqlClient tx, String address) {
    if (address == null) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("SELECT id FROM customer_user WHERE lower(email) = $1 AND valid_id = 1 ORDER BY create_time LIMIT 1")
        .execute(Tuple.of(address))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** Writes the parts to temp files with their SHA-256, as the attachment store takes them. Blocking. */
  private Staged stage(ParsedMail mail) throws IOException {
    List<AttachmentStore.ChannelFile> files = new ArrayList<>();
    if (mail.parts().isEmpty()) {
      return new Staged(mail, files);
    }
    Path dir = attachments.tempDir();
    Files.createDirectories(dir);
    try {
      for (ParsedMail.Part part : mail.parts()) {
        Path temp = Files.createTempFile(dir, "mail-", ".part");
        files.add(new AttachmentStore.ChannelFile(temp, part.filename(), part.contentType(), part.bytes().length,
            sha256(part.bytes()), part.disposition(), part.contentId()));
        Files.write(temp, part.bytes());
      }
    } catch (IOException | RuntimeException e) {
      for (AttachmentStore.ChannelFile file : files) {
        Files.deleteIfExists(file.temp());
      }
      throw e;
    }
    return new Staged(mail, files);
  }

  private Future<Void> removeTemps(Staged staged) {
    return Future.join(staged.files().stream()
        .map(file -> fs.exists(file.temp().toString())
            .compose(exists -> exists ? fs.delete(file.temp().toString()) : Future.<Void>succeededFuture())
            .otherwiseEmpty())
        .toList()).mapEmpty();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
