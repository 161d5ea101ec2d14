package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleService;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.history.TicketHistory;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;
import org.gotrs.templates.OtrsTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-responses per queue, from {@code queue.auto_response_config}:
 * <pre>{"auto_reply":      {"subject": "...", "body": "...", "content_type": "text/plain"},
 *  "auto_follow_up":  {...},
 *  "auto_reject":     {...}}</pre>
 * {@code auto_reply} answers a new ticket, {@code auto_follow_up} a follow-up, {@code auto_reject} a follow-up
 * to a closed ticket whose queue rejects them; {@code "enabled": false} switches one off. Subject and body may
 * use {@code <OTRS_TICKET_TicketNumber>}, {@code <OTRS_TICKET_Title>}, {@code <OTRS_CUSTOMER_SUBJECT>} and
 * {@code <OTRS_CUSTOMER_EMAIL>}. The response is an email article from the system, sent by the outbox; it is
 * written in the import's transaction. {@link LoopProtection} and a per-address rate limit keep it from
 * answering machines.
 */
final class AutoResponder {

  private static final Logger LOG = LoggerFactory.getLogger(AutoResponder.class);
  /** Serialises the rate-limit check per address (second key: the address's hash). */
  private static final int RATE_LOCK = 7400702;

  enum Kind {
    REPLY("auto_reply", "SendAutoReply"),
    FOLLOW_UP("auto_follow_up", "SendAutoFollowUp"),
    REJECT("auto_reject", "SendAutoReject");

    final String key;
    final String historyType;

    Kind(String key, String historyType) {
      this.key = key;
      this.historyType = historyType;
    }
  }

  private final ArticleService articles;
  private final TicketHistory history;
  private final int perHour;
  private final Actor system = Actor.system("gotrs-mail");

  AutoResponder(ArticleService articles, TicketHistory history, int perHour) {
    this.articles = articles;
    this.history = history;
    this.perHour = perHour;
  }

  /** Writes the queue's response to this message, if it has one and the message may be answered. */
  Future<Void> respond(SqlClient tx, ParsedMail mail, long ticketId, Kind kind) {
    return tx.preparedQuery("""
            SELECT t.tn, t.title, q.auto_response_config, sa.value0 AS address, sa.value1 AS display_name,
                   ARRAY(SELECT lower(value0) FROM system_address WHERE valid_id = 1
                         UNION SELECT lower(login) FROM mail_account) AS own_addresses
              FROM ticket t JOIN queue q ON q.id = t.queue_id
              LEFT JOIN system_address sa ON sa.id = q.system_address_id
             WHERE t.id = $1""")
        .execute(Tuple.of(ticketId))
        .compose(rows -> {
          Row row = rows.iterator().next();
          Object config = row.getValue("auto_response_config");
          JsonObject template = config instanceof JsonObject all ? all.getJsonObject(kind.key) : null;
          if (template == null || !template.getBoolean("enabled", true) || template.getString("body") == null) {
            return Future.succeededFuture();
          }
          Set<String> own = new HashSet<>(List.of(row.getArrayOfStrings("own_addresses")));
          String reason = LoopProtection.reason(mail, own);
          if (reason != null) {
            LOG.debug("no {} to {} on ticket {}: {}", kind.key, mail.replyAddress(), ticketId, reason);
            return Future.succeededFuture();
          }
          String to = mail.replyAddress();
          return withinRate(tx, to).compose(allowed -> allowed
              ? send(tx, mail, ticketId, kind, template, row, to)
              : history.record(tx, ticketId, Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
                  "LoopProtection", "%%" + to, null, null))));
        });
  }

  private Future<Boolean> withinRate(SqlClient tx, String address) {
    return tx.preparedQuery("""
            SELECT pg_advisory_xact_lock($1, hashtext($2)),
                   (SELECT count(*) FROM mail_auto_response_log
                     WHERE address = $2 AND sent_time > (now() AT TIME ZONE 'UTC') - interval '1 hour') AS sent""")
        .execute(Tuple.of(RATE_LOCK, address))
        .map(rows -> rows.iterator().next().getLong("sent") < perHour);
  }

  private Future<Void> send(SqlClient tx, ParsedMail mail, long ticketId, Kind kind, JsonObject template, Row ticket,
                            String to) {
    String address = ticket.getString("address") != null ? ticket.getString("address") : "gotrs@localhost";
    String name = ticket.getString("display_name");
    String from = OutgoingMail.mailbox(name, address);
    String subject = fill(template.getString("subject", "RE: <OTRS_CUSTOMER_SUBJECT>"), ticket, mail.subject(), mail.replyAddress(), false);
    String contentType = template.getString("content_type", ArticleBody.TEXT_PLAIN);
    ArticleBody body = ArticleBody.of(contentType,
        fill(template.getString("body"), ticket, mail.subject(), mail.replyAddress(), OtrsTags.isHtml(contentType)));
    String references = mail.messageId() == null ? null
        : ((mail.references() == null ? "" : mail.references() + " ") + mail.messageId()).strip();
    ArticleDraft draft = new ArticleDraft("email-external", ArticleDraft.SYSTEM, from, to, null,
        subject.length() > MailParser.MAX_SUBJECT ? subject.substring(0, MailParser.MAX_SUBJECT) : subject, body,
        false, null, mail.messageId(), references, 0);
    return articles.addInTransaction(tx, system, ticketId, draft)
        .compose(article -> history.record(tx, ticketId, Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
            kind.historyType, "%%" + to, null, null).withArticle(article.id()))))
        .compose(recorded -> tx.preparedQuery("INSERT INTO mail_auto_response_log (address, ticket_id) VALUES ($1, $2)")
            .execute(Tuple.of(to, ticketId)))
        .mapEmpty();
  }

  /**
   * The queue's {@code auto_reply} to a ticket opened without mail (the portal, the chat's offline form, the API),
   * sent to {@code to}, the customer's address: the same template, loop rules and rate limit as for mail.
   */
  Future<Void> acknowledge(SqlClient tx, long ticketId, String to, String customerSubject) {
    return tx.preparedQuery("""
            SELECT t.tn, t.title, q.auto_response_config, sa.value0 AS address, sa.value1 AS display_name,
                   ARRAY(SELECT lower(value0) FROM system_address WHERE valid_id = 1
                         UNION SELECT lower(login) FROM mail_account) AS own_addresses
              FROM ticket t JOIN queue q ON q.id = t.queue_id
              LEFT JOIN system_address sa ON sa.id = q.system_address_id
             WHERE t.id = $1""")
        .execute(Tuple.of(ticketId))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          Object config = row == null ? null : row.getValue("auto_response_config");
          JsonObject template = config instanceof JsonObject all ? all.getJsonObject(Kind.REPLY.key) : null;
          if (template == null || !template.getBoolean("enabled", true) || template.getString("body") == null) {
            return Future.succeededFuture();
          }
          String address = to == null ? null : to.strip().toLowerCase(Locale.ROOT);
          String reason = LoopProtection.reason(address, Set.copyOf(List.of(row.getArrayOfStrings("own_addresses"))));
          if (reason != null) {
            LOG.debug("no {} to {} on ticket {}: {}", Kind.REPLY.key, address, ticketId, reason);
            return Future.succeededFuture();
          }
          return withinRate(tx, address).compose(allowed -> allowed
              ? acknowledgement(tx, ticketId, template, row, address, customerSubject)
              : history.record(tx, ticketId, Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
                  "LoopProtection", "%%" + address, null, null))));
        });
  }

  private Future<Void> acknowledgement(SqlClient tx, long ticketId, JsonObject template, Row ticket, String to,
                                       String customerSubject) {
    String address = ticket.getString("address") != null ? ticket.getString("address") : OutgoingMail.DEFAULT_ADDRESS;
    String contentType = template.getString("content_type", ArticleBody.TEXT_PLAIN);
    String subject = fill(template.getString("subject", "RE: <OTRS_CUSTOMER_SUBJECT>"), ticket, customerSubject, to,
        false);
    ArticleBody body = ArticleBody.of(contentType,
        fill(template.getString("body"), ticket, customerSubject, to, OtrsTags.isHtml(contentType)));
    ArticleDraft draft = new ArticleDraft("email-external", ArticleDraft.SYSTEM,
        OutgoingMail.mailbox(ticket.getString("display_name"), address), to, null,
        subject.length() > MailParser.MAX_SUBJECT ? subject.substring(0, MailParser.MAX_SUBJECT) : subject, body,
        false, null, null, null, 0);
    return articles.addInTransaction(tx, system, ticketId, draft)
        .compose(article -> history.record(tx, ticketId, Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
            Kind.REPLY.historyType, "%%" + to, null, null).withArticle(article.id()))))
        .compose(recorded -> tx.preparedQuery("INSERT INTO mail_auto_response_log (address, ticket_id) VALUES ($1, $2)")
            .execute(Tuple.of(to, ticketId)))
        .mapEmpty();
  }

  /** The tags an auto-response knows, filled by the one tag renderer (so an HTML response gets escaped values). */
  private static String fill(String text, Row ticket, String customerSubject, String customerEmail, boolean html) {
    return OtrsTags.fill(text, Map.of(
        "OTRS_TICKET_TICKETNUMBER", ticket.getString("tn"),
        "OTRS_TICKET_TITLE", ticket.getString("title") == null ? "" : ticket.getString("title"),
        "OTRS_CUSTOMER_SUBJECT", customerSubject == null ? "" : customerSubject,
        "OTRS_CUSTOMER_EMAIL", customerEmail == null ? "" : customerEmail.toLowerCase(Locale.ROOT)), html);
  }
}
