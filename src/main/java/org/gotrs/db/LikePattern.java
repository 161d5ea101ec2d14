package org.gotrs.db;

/**
 * Input as a LIKE / ILIKE pattern under PostgreSQL's default escape character, the backslash: what the caller typed
 * matches itself, so a {@code %} or {@code _} cannot widen a search and a lone {@code \} cannot make PostgreSQL
 * refuse the pattern. Every search that puts input into a pattern builds it here.
 */
public final class LikePattern {

  private LikePattern() {}

  /** Matches {@code text} and nothing else. */
  public static String literal(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Matches {@code text} anywhere in a value. */
  public static String containing(String text) {
    return "%" + literal(text) + "%";
  }

  /** {@code text} with {@code wildcard} standing for any run of characters (OTRS's {@code *}), the rest literal. */
  public static String withWildcard(String text, char wildcard) {
    return literal(text).replace(String.valueOf(wildcard), "%");
  }
}
