package org.gotrs.kb;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;

/**
 * A knowledge-base article as the API shows it. {@code helpful}/{@code not_helpful} are the visitors' votes,
 * {@code deflections} the times a customer opened it from a suggestion and then did not open a ticket;
 * {@code attachments} the files listed under it (its body's images are files too, but not listed).
 */
public record KbArticle(long id, int categoryId, Long translationOf, String language, String title, String body,
                        List<String> keywords, String state, int version, String slug, List<Translation> translations,
                        List<KbFile> attachments, long helpful, long notHelpful, long deflections, Instant createTime, Instant changeTime) {

  public static final List<String> STATES = List.of("draft", "internal", "public");

  /** Another language of the same article. */
  public record Translation(long id, String language, String title, String state) {}

  /** What a create sets and a PATCH (merged over the current article) sets; the body arrives sanitised. */
  public record Fields(int categoryId, Long translationOf, String language, String title, ArticleBody body,
                       List<String> keywords, String state) {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    public static Fields read(Input input) {
      Integer categoryId = input.integer("category_id", true);
      Long translationOf = input.longValue("translation_of", false);
      String language = input.string("language", false, 20);
      if (language == null) {
        language = "en";
      } else if (!LANGUAGE.matcher(language).matches()) {
        input.error("language", "must be a language tag such as en, de or pt-BR");
      }
      String title = input.string("title", true, 255);
      String body = input.string("body", false, 1_000_000);
      List<String> keywords = keywords(input);
      String state = input.string("state", false, 20);
      if (state == null) {
        state = "draft";
      } else if (!STATES.contains(state)) {
        input.error("state", "must be one of " + String.join(", ", STATES));
      }
      input.validate();
      return new Fields(categoryId, translationOf, language.toLowerCase(Locale.ROOT).replace('_', '-'),
          title.strip(), ArticleBody.of(ArticleBody.TEXT_HTML, body), keywords, state);
    }

    private static List<String> keywords(Input input) {
      List<String> given = input.strings("keywords", false, 100);
      if (given == null) {
        return List.of();
      }
      Set<String> kept = new LinkedHashSet<>();
      given.stream().map(String::strip).filter(word -> !word.isEmpty()).forEach(kept::add);
      if (kept.size() > 50) {
        input.error("keywords", "must be at most 50 keywords");
      }
      return List.copyOf(kept);
    }
  }

  /** Lower-case ASCII words joined by dashes, for readable addresses: {@code 42-reset-your-password}. */
  public static String slug(String title) {
    String slug = java.text.Normalizer.normalize(title == null ? "" : title, java.text.Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replace("ß", "ss")
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-+|-+$)", "");
    return slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
  }

  static KbArticle of(Row row, List<Translation> translations, List<KbFile> attachments) {
    String[] keywords = row.getArrayOfStrings("keywords");
    return new KbArticle(row.getLong("id"), row.getInteger("category_id"), row.getLong("translation_of"),
        row.getString("language"), row.getString("title"), row.getString("body"),
        keywords == null ? List.of() : List.of(keywords), row.getString("state"), row.getInteger("version"),
        slug(row.getString("title")), translations, attachments, row.getLong("helpful"), row.getLong("not_helpful"),
        row.getLong("deflections"), Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
