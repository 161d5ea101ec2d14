package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
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

  /** The ticket's number and title, its queue's responses and sending address, and the help desk's own addresses. */
  private static final String TICKET = """
      SELECT t.tn, t.title, q.auto_response_config, sa.value0 AS address, sa.value1 AS display_name,
             ARRAY(SELECT lower(value0) FROM system_address WHERE valid_id = 1
                   UNION SELECT lower(login) FROM mail_account) AS own_addresses
        FROM ticket t JOIN queue q ON q.id = t.queue_id
        LEFT JOIN system_address sa ON sa.id = q.system_address_id
       WHERE t.id = $1""";

  private final ArticleService articles;
  private final TicketHistory history;
  private final IntSupplier perHour;
  private final Actor system = Actor.system("gotrs-mail");

  AutoResponder(ArticleService articles, TicketHistory history, IntSupplier perHour) {
    this.articles = articles;
    this.history = history;
    this.perHour = perHour;
  }

  /** Writes the queue's response to this message, if it has one and the message may be answered. */
  Future<Void> respond(SqlClient tx, ParsedMail mail, long ticketId, Kind kind) {
    String references = mail.messageId() == null ? null
        : ((mail.references() == null ? "" : mail.references() + " ") + mail.messageId()).strip();
    return answer(tx, ticketId, kind, new Asked(mail.replyAddress(), mail.subject(), mail.messageId(), references),
        own -> LoopProtection.reason(mail, own));
  }

  /**
   * The queue's {@code auto_reply} to a ticket opened without mail (the portal, the chat's offline form, the API),
   * sent to {@code to}, the customer's address: the same template, loop rules and rate limit as for mail.
   */
  Future<Void> acknowledge(SqlClient tx, long ticketId, String to, String customerSubject) {
    String address = to == null ? null : to.strip().toLowerCase(Locale.ROOT);
    return answer(tx, ticketId, Kind.REPLY, new Asked(address, customerSubject, null, null),
        own -> LoopProtection.reason(address, own));
  }

  /** Who is answered, the subject they wrote, and the mail's identity for the thread (null without a mail). */
  private record Asked(String to, String subject, String messageId, String references) {}

  /**
   * Writes the queue's response of this kind, if it has one, unless {@code loop} names a reason not to answer (it
   * gets the help desk's own addresses) or the address had its share this hour.
   */
  private Future<Void> answer(SqlClient tx, long ticketId, Kind kind, Asked asked, Function<Set<String>, String> loop) {
    return tx.preparedQuery(TICKET).execute(Tuple.of(ticketId)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      Object config = row == null ? null : row.getValue("auto_response_config");
      JsonObject template = config instanceof JsonObject all ? all.getJsonObject(kind.key) : null;
      if (template == null || !template.getBoolean("enabled", true) || template.getString("body") == null) {
        return Future.succeededFuture();
      }
      String reason = loop.apply(new HashSet<>(Arrays.asList(row.getArrayOfStrings("own_addresses"))));
      if (reason != null) {
        LOG.debug("no {} to {} on ticket {}: {}", kind.key, asked.to(), ticketId, reason);
        return Future.succeededFuture();
      }
      return withinRate(tx, asked.to()).compose(allowed -> allowed
          ? send(tx, ticketId, kind, template, row, asked)
          : history.record(tx, ticketId, Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
              "LoopProtection", "%%" + asked.to(), null, null))));
    });
  }

  private Future<Boolean> withinRate(SqlClient tx, String address) {
    return tx.preparedQuery("""
            SELECT pg_advisory_xact_lock($1, hashtext($2)),
                   (SELECT count(*) FROM mail_auto_response_log
                     WHERE address = $2 AND sent_time > (now() AT TIME ZONE 'UTC') - interval '1 hour') AS sent""")
        .execute(Tuple.of(RATE_LOCK, address))
        .map(rows -> rows.iterator().next().getLong("sent") < perHour.getAsInt());
  }

  private Future<Void> send(SqlClient tx, long ticketId, Kind kind, JsonObject template, Row ticket, Asked asked) {
    String address = ticket.getString("address") != null ? ticket.getString("address") : OutgoingMail.DEFAULT_ADDRESS;
    String contentType = template.getString("content_type", ArticleBody.TEXT_PLAIN);
    String subject = fill(template.getString("subject", "RE: <OTRS_CUSTOMER_SUBJECT>"), ticket, asked, false);
    ArticleBody body = ArticleBody.of(contentType,
        fill(template.getString("body"), ticket, asked, OtrsTags.isHtml(contentType)));
    ArticleDraft draft = new ArticleDraft("email-external", ArticleDraft.SYSTEM,
        OutgoingMail.mailbox(ticket.getString("display_name"), address), asked.to(), null,
        subject.length() > MailParser.MAX_SUBJECT ? subject.substring(0, MailParser.MAX_SUBJECT) : subject, body,
        false, null, asked.messageId(), asked.references(), 0);
    return articles.addInTransaction(tx, system, ticketId, draft)
        .compose(article -> history.record(tx, ticketId, Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
            kind.historyType, "%%" + asked.to(), null, null).withArticle(article.id()))))
        .compose(recorded -> tx.preparedQuery("INSERT INTO mail_auto_response_log (address, ticket_id) VALUES ($1, $2)")
            .execute(Tuple.of(asked.to(), ticketId)))
        .mapEmpty();
  }

  /** The tags an auto-response knows, filled by the one tag renderer (so an HTML response gets escaped values). */
  private static String fill(String text, Row ticket, Asked asked, boolean html) {
    return OtrsTags.fill(text, Map.of(
        "OTRS_TICKET_TICKETNUMBER", ticket.getString("tn"),
        "OTRS_TICKET_TITLE", ticket.getString("title") == null ? "" : ticket.getString("title"),
        "OTRS_CUSTOMER_SUBJECT", asked.subject() == null ? "" : asked.subject(),
        "OTRS_CUSTOMER_EMAIL", asked.to() == null ? "" : asked.to().toLowerCase(Locale.ROOT)), html);
  }

}
