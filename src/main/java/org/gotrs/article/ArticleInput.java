package org.gotrs.article;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.http.Input;
import org.gotrs.permission.Principal;

/** Reads an article from a request body and applies who-may-write-what: customers always write visible web requests. */
public final class ArticleInput {

  public static final int MAX_BODY_CHARS = 1_000_000;
  private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/html");

  /**
   * What an agent's article becomes when it names neither {@code article_type} nor {@code internal_note} /
   * {@code is_visible_for_customer}; it depends on the route it came by.
   */
  public enum Untyped {
    /** The first article of a new ticket, and the GenericInterface (OTRS 6): a note the customer sees. */
    VISIBLE_NOTE,
    /** A follow-up on the native API: an internal note, as OTRS's note screen defaults. */
    INTERNAL_NOTE,
    /** A reply to an article or a forward of one: an e-mail ({@code email-external}). */
    EMAIL
  }

  private ArticleInput() {}

  /** An article as the first of a new ticket, or through the GenericInterface: untyped, it is a visible note. */
  public static ArticleDraft parse(JsonObject json, Principal principal, String prefix, Input errors) {
    return parse(json, principal, prefix, errors, Untyped.VISIBLE_NOTE);
  }

  /**
   * @param prefix the field path for error messages, e.g. {@code "article."} inside a ticket create
   * @param untyped what an agent's article that names no type and no visibility is
   */
  public static ArticleDraft parse(JsonObject json, Principal principal, String prefix, Input errors, Untyped untyped) {
    Input input = Input.of(json);
    String subject = input.string("subject", false, 255);
    String body = input.string("body", true, MAX_BODY_CHARS);
    String contentType = input.string("content_type", false, 250);
    Boolean internalNote = input.bool("internal_note", false);
    Boolean visible = input.bool("is_visible_for_customer", false);
    String articleType = input.string("article_type", false, 200);
    Integer senderType = input.integer("article_sender_type_id", false);
    String from = input.string("from_address", false, 1000);
    String to = input.string("to_address", false, 1000);
    String cc = input.string(input.has("cc") ? "cc" : "cc_address", false, 1000);
    String bcc = input.string(input.has("bcc") ? "bcc" : "bcc_address", false, 1000);
    java.math.BigDecimal timeUnit = TimeUnits.read(input, "time_unit");
    if (timeUnit != null && principal.isCustomer()) {
      input.error("time_unit", "time is accounted by agents");
    } else if (timeUnit != null && timeUnit.signum() < 0) {
      input.error("time_unit", "must be 0 or more (a correction is made in OTRS's GenericInterface)");
    }
    if (contentType != null && !CONTENT_TYPES.contains(mediaType(contentType))) {
      input.error("content_type", "must be text/plain or text/html");
    }
    if (senderType != null && (senderType < 1 || senderType > 3)) {
      input.error("article_sender_type_id", "must be 1 (agent), 2 (system) or 3 (customer)");
    }
    if (internalNote != null && visible != null && internalNote.equals(visible)) {
      input.error("is_visible_for_customer", "contradicts internal_note");
    } else if (Boolean.TRUE.equals(visible) && articleType != null && articleType.endsWith("-internal")) {
      input.error("is_visible_for_customer", "contradicts article_type " + articleType);
    }
    if (!input.valid()) {
      try {
        input.validate();
      } catch (org.gotrs.http.Problem problem) {
        problem.errors().forEach(error -> errors.error(prefix + error.field(), error.message()));
      }
      return null;
    }
    ArticleBody articleBody = ArticleBody.of(contentType, body);
    if (principal.isCustomer()) {
      return new ArticleDraft("webrequest", ArticleDraft.CUSTOMER, principal.login(), null, null, subject, articleBody,
          false, null, null, null, 0);
    }
    boolean internal = internalNote != null ? internalNote
        : visible != null ? !visible
        : articleType != null ? "note-internal".equals(articleType)
        : untyped == Untyped.INTERNAL_NOTE;
    String type = articleType != null ? articleType : internal ? "note-internal"
        : untyped == Untyped.EMAIL ? "email-external" : "note-external";
    return new ArticleDraft(type, senderType != null ? senderType : ArticleDraft.AGENT,
        from != null ? from : principal.login(), to, cc, bcc, subject, articleBody, internal, null, null, null, 0,
        timeUnit);
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase();
  }
}
