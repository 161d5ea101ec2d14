package org.gotrs.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.events.EventName;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.mail.MailQueue;
import org.gotrs.permission.Actor;
import org.gotrs.templates.TicketTags;

/**
 * The administrators' notification mail texts: listed, changed one event and language at a time, and tried out on a
 * ticket with a test mail to the administrator's own address. Administrators only, checked at the route.
 */
public final class NotificationTexts {

  private final Pool pool;
  private final AuditLog audit;
  private final TicketTags tags;

  public NotificationTexts(Pool pool, AuditLog audit, TicketTags tags) {
    this.pool = pool;
    this.audit = audit;
    this.tags = tags;
  }

  Future<Map<String, Object>> list() {
    return pool.query(NotificationSql.TEXTS).execute().map(rows -> {
      List<Map<String, Object>> texts = new ArrayList<>();
      for (Row row : rows) {
        texts.add(NotificationText.from(row).toMap());
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("languages", NotificationText.LANGUAGES);
      all.put("texts", texts);
      return all;
    });
  }

  /** A PATCH body, {@code {"event","language","subject","body"}}: subject or body or both change, the rest stays. */
  Future<Map<String, Object>> change(Actor actor, Input input) {
    EventFlags.onlyMembers(input, List.of("event", "language", "subject", "body"), "part of a notification text");
    String event = event(input);
    String language = language(input);
    String subject = input.string("subject", input.has("subject"), NotificationText.SUBJECT_MAX);
    String body = input.string("body", input.has("body"), NotificationText.BODY_MAX);
    if (!input.has("subject") && !input.has("body")) {
      input.error("subject", "a subject or a body is required");
    }
    input.validate();
    UUID by = actor.principal().userId();
    return pool.withTransaction(tx -> tx.preparedQuery(NotificationSql.TEXT).execute(Tuple.of(event, language))
        .compose(before -> tx.preparedQuery(NotificationSql.CHANGE_TEXT)
            .execute(Tuple.of(event, language, subject, body, by))
            .compose(after -> {
              if (after.size() == 0) {
                return Future.failedFuture(Problem.notFound("no " + language + " text for " + event));
              }
              NotificationText changed = NotificationText.from(after.iterator().next());
              Map<String, Object> was = before.size() == 0 ? null : NotificationText.from(before.iterator().next())
                  .toMap();
              return audit.record(tx, actor, AuditLog.Entry.success("notification.text", "notification_text",
                  event + ":" + language, was, changed.toMap())).map(changed.toMap());
            })));
  }

  /**
   * Fills the stored text for the ticket as if the administrator were the recipient and the agent who acted, and mails
   * it to them ({@code sent_to}); without an address of theirs only the filled text is answered.
   */
  Future<Map<String, Object>> test(Actor actor, Input input) {
    EventFlags.onlyMembers(input, List.of("event", "language", "ticket_id"), "part of a test");
    String event = event(input);
    String language = language(input);
    Long ticketId = input.longValue("ticket_id", true);
    if (ticketId != null && ticketId < 1) {
      input.error("ticket_id", "must be a ticket's id");
    }
    input.validate();
    UUID admin = actor.principal().userId();
    return pool.preparedQuery(NotificationSql.AGENT).execute(Tuple.of(admin)).compose(agents -> {
      Row row = agents.size() == 0 ? null : agents.iterator().next();
      String email = row == null ? null : row.getString("email");
      NotificationText.Recipient recipient = row == null ? new NotificationText.Recipient(null, null, null, null, null)
          : new NotificationText.Recipient(row.getString("login"), email, row.getString("first_name"),
              row.getString("last_name"), row.getString("language"));
      return pool.withTransaction(tx -> tags.of(tx, ticketId, admin)
          .compose(values -> tx.preparedQuery(NotificationSql.TEXT).execute(Tuple.of(event, language))
              .compose(rows -> {
                if (rows.size() == 0) {
                  return Future.failedFuture(Problem.notFound("no " + language + " text for " + event));
                }
                NotificationText.Filled filled = NotificationText.from(rows.iterator().next())
                    .fill(values, recipient, NotificationEvent.TICKET_ESCALATION.wire().equals(event)
                        ? Reasons.escalation(EventName.ESCALATION_BREACHED, "first_response") : null);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("sent_to", email == null || email.isBlank() ? null : email);
                answer.putAll(filled.toMap());
                return answer.get("sent_to") == null ? Future.succeededFuture(answer)
                    : MailQueue.enqueue(tx, List.of(new MailQueue.Message(ticketId, "notification:test", email,
                        filled.subject(), filled.body(), true))).map(answer);
              })));
    });
  }

  private static String event(Input input) {
    String name = input.string("event", true, 60);
    if (name != null && !NotificationText.known(name)) {
      input.error("event", "is not a notification event");
    }
    return name;
  }

  private static String language(Input input) {
    String language = input.string("language", true, 10);
    if (language != null && !NotificationText.LANGUAGES.contains(language)) {
      input.error("language", "must be one of " + String.join(", ", NotificationText.LANGUAGES));
    }
    return language;
  }
}
