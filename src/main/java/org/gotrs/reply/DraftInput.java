package org.gotrs.reply;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.gotrs.article.ArticleInput;
import org.gotrs.http.Input;

/** Reads a draft: what the composer holds, member by member, each checked as the article it becomes will be; empty members are left out. */
final class DraftInput {

  static final Set<String> KINDS = Set.of("reply", "reply_all", "forward", "note", "phone");
  private static final Set<String> FIELDS = Set.of("kind", "to", "cc", "bcc", "subject", "body", "content_type",
      "reply_to_article_id", "forward_of_article_id", "next_state", "pending_until");

  private DraftInput() {}

  static JsonObject parse(Input input) {
    JsonObject draft = new JsonObject();
    String kind = input.string("kind", true, 20);
    if (kind != null && !KINDS.contains(kind)) {
      input.error("kind", "must be one of " + KINDS);
    }
    draft.put("kind", kind);
    for (String field : new String[] {"to", "cc", "bcc"}) {
      draft.put(field, input.string(field, false, 1000));
    }
    draft.put("subject", input.string("subject", false, 255));
    draft.put("body", input.string("body", false, ArticleInput.MAX_BODY_CHARS));
    String contentType = input.string("content_type", false, 50);
    if (contentType != null && !contentType.equals("text/plain") && !contentType.equals("text/html")) {
      input.error("content_type", "must be text/plain or text/html");
    }
    draft.put("content_type", contentType);
    for (String field : new String[] {"reply_to_article_id", "forward_of_article_id"}) {
      Long id = input.longValue(field, false);
      if (id != null && id <= 0) {
        input.error(field, "must be an article id");
      }
      draft.put(field, id);
    }
    draft.put("next_state", input.string("next_state", false, 200));
    draft.put("pending_until", input.string("pending_until", false, 64));
    input.json().fieldNames().stream().filter(name -> !FIELDS.contains(name))
        .forEach(name -> input.error(name, "is not part of a draft"));
    input.validate();
    draft.getMap().values().removeIf(java.util.Objects::isNull);
    return draft;
  }
}
