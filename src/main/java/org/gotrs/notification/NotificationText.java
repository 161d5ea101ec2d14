package org.gotrs.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gotrs.templates.OtrsTags;

/**
 * The text of a notification mail for one event and language, with OTRS tags: the ticket's from {@code TicketTags},
 * the recipient's as {@code <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>} and the like, and what happened in a few words
 * as {@code <OTRS_NOTIFICATION_DETAIL>} (in English: "has escalated (first response)").
 */
record NotificationText(String event, String language, String subject, String body) {

  /** The customers' mails with a text: an agent's answer written on the web, their ticket closed, a reminder. */
  static final String CUSTOMER_ANSWER = "customer.answer";
  static final String CUSTOMER_CLOSED = "customer.closed";
  static final String CUSTOMER_PENDING_REMINDER = "customer.pending_reminder";
  static final List<String> CUSTOMER_TEXTS = List.of(CUSTOMER_ANSWER, CUSTOMER_CLOSED, CUSTOMER_PENDING_REMINDER);

  /** The languages there are texts in; a recipient in any other language gets the first. */
  static final List<String> LANGUAGES = List.of("en", "de");
  static final int SUBJECT_MAX = 200;
  static final int BODY_MAX = 20_000;

  /** The recipient as the tags name them. */
  record Recipient(String login, String email, String firstName, String lastName, String language) {}

  /** A filled text. */
  record Filled(String subject, String body) {
    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("subject", subject);
      map.put("body", body);
      return map;
    }
  }

  static NotificationText from(Row row) {
    return new NotificationText(row.getString("event"), row.getString("language"), row.getString("subject"),
        row.getString("body"));
  }

  /** Whether there are texts for an event of that name: an agent's notification or a customer's mail. */
  static boolean known(String event) {
    return NotificationEvent.of(event) != null || CUSTOMER_TEXTS.contains(event);
  }

  /** A stored language such as {@code de_DE} or {@code de-AT} as one there are texts in; English otherwise. */
  static String language(String stored) {
    if (stored == null || stored.isBlank()) {
      return LANGUAGES.get(0);
    }
    String language = stored.strip().toLowerCase(Locale.ROOT).split("[_-]", 2)[0];
    return LANGUAGES.contains(language) ? language : LANGUAGES.get(0);
  }

  /** The texts of the events, by event and language, in one query. */
  static Future<Map<String, NotificationText>> of(SqlClient client, List<String> events) {
    return client.preparedQuery(NotificationSql.TEXTS_OF).execute(Tuple.of(events.toArray(String[]::new)))
        .map(rows -> {
          Map<String, NotificationText> texts = new HashMap<>();
          for (Row row : rows) {
            NotificationText text = from(row);
            texts.put(text.event() + " " + text.language(), text);
          }
          return texts;
        });
  }

  /** From {@link #of}: the event's text in the language, else in English, else null. */
  static NotificationText choose(Map<String, NotificationText> texts, String event, String language) {
    NotificationText text = texts.get(event + " " + language(language));
    return text != null ? text : texts.get(event + " " + LANGUAGES.get(0));
  }

  Filled fill(Map<String, String> ticketTags, Recipient recipient, String detail) {
    return fill(ticketTags, recipient, detail, Map.of());
  }

  /** @param more further tags' values, by upper-case name ({@code OTRS_AGENT_BODY}) */
  Filled fill(Map<String, String> ticketTags, Recipient recipient, String detail, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(ticketTags);
    values.putAll(more);
    String prefix = "OTRS_NOTIFICATION_RECIPIENT_";
    values.put(prefix + "USERFIRSTNAME", orEmpty(recipient.firstName()));
    values.put(prefix + "USERLASTNAME", orEmpty(recipient.lastName()));
    values.put(prefix + "USERFULLNAME", (orEmpty(recipient.firstName()) + " " + orEmpty(recipient.lastName())).strip());
    values.put(prefix + "USERLOGIN", orEmpty(recipient.login()));
    values.put(prefix + "USEREMAIL", orEmpty(recipient.email()));
    values.put("OTRS_NOTIFICATION_DETAIL", orEmpty(detail));
    return new Filled(OtrsTags.fill(subject, values, false), OtrsTags.fill(body, values, false));
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("event", event);
    map.put("language", language);
    map.put("subject", subject);
    map.put("body", body);
    return map;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
