package org.gotrs.kb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The help center's addresses, one place: an article's canonical address carries its id and its title's slug. */
final class HelpLinks {

  static final String ROOT = "/help/";
  /** An article's files: {@code /help/files/<id>/<name>}. */
  static final String FILES = ROOT + "files/";

  private HelpLinks() {}

  static String article(long id, String slug) {
    return ROOT + "articles/" + id + (slug.isEmpty() ? "" : "-" + slug);
  }

  static String category(int id, String name, String language) {
    String slug = KbArticle.slug(name);
    return withLanguage(ROOT + "categories/" + id + (slug.isEmpty() ? "" : "-" + slug), language);
  }

  static String search(String query, String language) {
    return ROOT + "search?q=" + encode(query) + "&lang=" + encode(language);
  }

  static String home(String language) {
    return withLanguage(ROOT, language);
  }

  static String vote(long id) {
    return ROOT + "articles/" + id + "/vote";
  }

  private static String withLanguage(String path, String language) {
    return path + "?lang=" + encode(language);
  }

  static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
