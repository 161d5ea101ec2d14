package org.gotrs.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.article.body.PlainText;
import org.gotrs.templates.QueueTexts;
import org.jsoup.nodes.Entities;

/**
 * What goes around the text of an agent's e-mail: the queue's salutation above it and its signature below it, with
 * their tags filled for the ticket and the agent writing. The composer shows both in its editor before sending; an
 * API client that sends a bare text gets them added, unless it asks for none ({@code "decorate": false}).
 */
public final class ReplyDecoration {

  private final QueueTexts texts;

  public ReplyDecoration(QueueTexts texts) {
    this.texts = texts;
  }

  /** The texts of queue {@code queueId} for ticket {@code ticketId} and {@code agent}, as the composer shows them. */
  Future<JsonObject> texts(SqlClient client, int queueId, long ticketId, UUID agent) {
    return texts.of(client, queueId, ticketId, agent).map(found -> new JsonObject()
        .put("salutation", json(found.salutation()))
        .put("signature", json(found.signature())));
  }

  /** {@code body} with the queue's salutation above and its signature below, in the body's own kind of text. */
  Future<ArticleBody> decorate(SqlClient tx, int queueId, long ticketId, UUID agent, ArticleBody body) {
    return texts.of(tx, queueId, ticketId, agent).map(found -> around(body, found));
  }

  private static ArticleBody around(ArticleBody body, QueueTexts.Texts found) {
    if (found.salutation() == null && found.signature() == null) {
      return body;
    }
    boolean html = body.htmlBody() != null;
    List<String> parts = new ArrayList<>();
    if (found.salutation() != null) {
      parts.add(html ? asHtml(found.salutation()) : asText(found.salutation()));
    }
    parts.add(html ? body.htmlBody() : body.plainBody());
    if (found.signature() != null) {
      parts.add(html ? asHtml(found.signature()) : asText(found.signature()));
    }
    return ArticleBody.of(body.contentType(), String.join(html ? "\n<br>\n" : "\n\n", parts));
  }

  private static String asHtml(QueueTexts.Text text) {
    return text.html() ? text.text() : "<div>" + Entities.escape(text.text()).replace("\n", "<br>") + "</div>";
  }

  private static String asText(QueueTexts.Text text) {
    return text.html() ? PlainText.fromHtml(text.text()) : text.text();
  }

  private static JsonObject json(QueueTexts.Text text) {
    return text == null ? null : new JsonObject().put("text", text.text()).put("content_type", text.contentType());
  }
}
