package org.gotrs.http;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The honeypot and the minimum delay of the public forms (the chat's offline form, the portal's new ticket): a field
 * people do not see ({@code website}) that programs fill in, and how long the form was shown before it was sent
 * ({@code form_ms}, as the page measured it). A body without them is not judged, so API clients are unaffected.
 */
public final class FormTrap {

  /** The members a form sends for the trap, which are no part of what it asks for. */
  public static final Set<String> FIELDS = Set.of("website", "form_ms");
  /** Faster than a person can fill in a form. */
  public static final long MIN_FORM_MILLIS = 3_000;

  private FormTrap() {}

  /**
   * Whether the form was filled by a program rather than a person: the hidden field has a value, or the form was sent
   * less than {@link #MIN_FORM_MILLIS} after it was shown. Such a sender is told it worked, so it tries no other way.
   */
  public static boolean filledByAProgram(JsonObject body) {
    Object trap = body.getValue("website");
    Object shown = body.getValue("form_ms");
    return trap instanceof String text && !text.isEmpty()
        || shown instanceof Number millis && millis.longValue() < MIN_FORM_MILLIS;
  }
}
