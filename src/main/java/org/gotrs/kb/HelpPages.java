package org.gotrs.kb;

import static org.gotrs.http.Html.escape;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * The help center's HTML, rendered on the server: readable without script, every value escaped (article bodies
 * are stored sanitised, so they are the one thing written as HTML), each page with its title and canonical address.
 */
final class HelpPages {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** What every page of one request shares. */
  record Frame(HelpCenterLook.Look look, HelpTexts texts, String language, String stylesheet, String publicUrl,
               String query) {

    Frame searching(String typed) {
      return new Frame(look, texts, language, stylesheet, publicUrl, typed);
    }

    String t(String key) {
      return texts.text(language, key);
    }
  }

  private HelpPages() {}

  static String home(Frame frame, List<HelpCenterData.Category> categories, List<HelpCenterData.Summary> latest) {
    StringBuilder main = new StringBuilder();
    main.append("<h1>").append(escape(frame.t("helpcenter.welcome"))).append("</h1>");
    if (categories.isEmpty()) {
      main.append("<p class=\"hc-empty\">").append(escape(frame.t("helpcenter.empty"))).append("</p>");
    } else {
      main.append("<h2>").append(escape(frame.t("helpcenter.categories"))).append("</h2><ul class=\"hc-cards\">");
      for (HelpCenterData.Category category : categories) {
        main.append("<li><a href=\"").append(escape(HelpLinks.category(category.id(), category.name(), frame.language())))
            .append("\"><strong>").append(escape(category.name())).append("</strong><span>")
            .append(escape(category.description())).append("</span><small>")
            .append(escape(frame.t("helpcenter.article_count").replace("{count}", String.valueOf(category.articles()))))
            .append("</small></a></li>");
      }
      main.append("</ul>");
      main.append("<h2>").append(escape(frame.t("helpcenter.latest"))).append("</h2>");
      main.append(summaries(latest));
    }
    return page(frame, frame.t("helpcenter.home"), HelpLinks.home(frame.language()), null, main.toString(),
        language -> HelpLinks.home(language));
  }

  static String category(Frame frame, HelpCenterData.Category category, List<HelpCenterData.Summary> articles) {
    String main = "<nav class=\"hc-crumbs\"><a href=\"" + escape(HelpLinks.home(frame.language())) + "\">"
        + escape(frame.t("helpcenter.home")) + "</a></nav><h1>" + escape(category.name()) + "</h1>"
        + (category.description().isBlank() ? "" : "<p class=\"hc-lead\">" + escape(category.description()) + "</p>")
        + (articles.isEmpty() ? "<p class=\"hc-empty\">" + escape(frame.t("helpcenter.empty")) + "</p>" : summaries(articles));
    return page(frame, category.name(), HelpLinks.category(category.id(), category.name(), frame.language()),
        category.description(), main, language -> HelpLinks.category(category.id(), category.name(), language));
  }

  static String article(Frame frame, HelpCenterData.Page article, boolean voted) {
    StringBuilder main = new StringBuilder();
    main.append("<nav class=\"hc-crumbs\"><a href=\"").append(escape(HelpLinks.home(frame.language()))).append("\">")
        .append(escape(frame.t("helpcenter.home"))).append("</a> › <a href=\"")
        .append(escape(HelpLinks.category(article.category().id(), article.category().name(), frame.language())))
        .append("\">").append(escape(article.category().name())).append("</a></nav>");
    main.append("<article class=\"hc-article\" lang=\"").append(escape(article.language())).append("\"><h1>")
        .append(escape(article.title())).append("</h1><p class=\"hc-meta\">").append(escape(frame.t("helpcenter.updated")))
        .append(' ').append(DAY.format(article.changeTime())).append("</p><div class=\"hc-body\">")
        .append(article.body()).append("</div>");
    if (!article.files().isEmpty()) {
      main.append("<section class=\"hc-files\"><h2>").append(escape(frame.t("helpcenter.files"))).append("</h2><ul>");
      for (KbFile file : article.files()) {
        main.append("<li><a href=\"").append(escape(file.url())).append("\" download>").append(escape(file.filename()))
            .append("</a> <span class=\"hc-meta\">").append(escape(size(file.size()))).append("</span></li>");
      }
      main.append("</ul></section>");
    }
    main.append("</article>");
    if (!article.translations().isEmpty()) {
      main.append("<p class=\"hc-translations\">").append(escape(frame.t("helpcenter.other_languages"))).append(' ');
      for (KbArticle.Translation translation : article.translations()) {
        main.append("<a hreflang=\"").append(escape(translation.language())).append("\" href=\"")
            .append(escape(HelpLinks.article(translation.id(), KbArticle.slug(translation.title())))).append("\">")
            .append(escape(languageName(translation.language()))).append(": ").append(escape(translation.title()))
            .append("</a> ");
      }
      main.append("</p>");
    }
    main.append("<section class=\"hc-vote\" id=\"vote\">");
    if (voted) {
      main.append("<p role=\"status\">").append(escape(frame.t("helpcenter.thanks"))).append("</p>");
    } else {
      main.append("<form method=\"post\" action=\"").append(escape(HelpLinks.vote(article.id())))
          .append("\"><span>").append(escape(frame.t("helpcenter.helpful"))).append("</span> ")
          .append("<button name=\"helpful\" value=\"yes\">").append(escape(frame.t("helpcenter.yes"))).append("</button> ")
          .append("<button name=\"helpful\" value=\"no\">").append(escape(frame.t("helpcenter.no"))).append("</button></form>");
    }
    if (article.helpful() > 0) {
      main.append("<p class=\"hc-meta\">")
          .append(escape(frame.t("helpcenter.helpful_count").replace("{count}", String.valueOf(article.helpful()))))
          .append("</p>");
    }
    main.append("</section>");
    String description = String.join(", ", article.keywords());
    return page(frame, article.title(), article.url(), description.isEmpty() ? null : description, main.toString(),
        language -> article.translations().stream()
            .filter(translation -> translation.language().toLowerCase(java.util.Locale.ROOT).startsWith(language))
            .findFirst()
            .map(translation -> HelpLinks.article(translation.id(), KbArticle.slug(translation.title())))
            .orElse(article.language().startsWith(language) ? article.url() : HelpLinks.home(language)));
  }

  /** 2.4 MB, 310 kB, 12 bytes: short, for a list of downloads. */
  static String size(long bytes) {
    if (bytes >= 1_000_000) {
      return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
    return bytes >= 1000 ? (bytes / 1000) + " kB" : bytes + " bytes";
  }

  static String search(Frame frame, String query, List<KbSearch.Hit> hits) {
    StringBuilder main = new StringBuilder();
    main.append("<h1>").append(escape(frame.t("helpcenter.results").replace("{query}", query))).append("</h1>");
    if (hits.isEmpty()) {
      main.append("<p class=\"hc-empty\">").append(escape(frame.t("helpcenter.no_results"))).append("</p>");
    } else {
      main.append("<ol class=\"hc-list\">");
      for (KbSearch.Hit hit : hits) {
        main.append("<li><a href=\"").append(escape(hit.url())).append("\">").append(escape(hit.title()))
            .append("</a><p>").append(hit.snippet()).append("</p></li>");
      }
      main.append("</ol>");
    }
    return page(frame, frame.t("helpcenter.search"), HelpLinks.search(query, frame.language()), null, main.toString(),
        language -> HelpLinks.search(query, language));
  }

  static String notFound(Frame frame) {
    return page(frame, frame.t("helpcenter.not_found"), HelpLinks.home(frame.language()), null,
        "<h1>" + escape(frame.t("helpcenter.not_found")) + "</h1><p><a href=\"" + escape(HelpLinks.home(frame.language()))
            + "\">" + escape(frame.t("helpcenter.home")) + "</a></p>", HelpLinks::home);
  }

  /** The public articles' addresses, absolute, for search engines. */
  static String sitemap(String publicUrl, List<HelpCenterData.Summary> articles) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    xml.append("<url><loc>").append(escape(publicUrl + HelpLinks.ROOT)).append("</loc></url>\n");
    for (HelpCenterData.Summary article : articles) {
      xml.append("<url><loc>").append(escape(publicUrl + article.url())).append("</loc><lastmod>")
          .append(DAY.format(article.changeTime())).append("</lastmod></url>\n");
    }
    return xml.append("</urlset>\n").toString();
  }

  /** The colours administrators chose, as the variables the stylesheet uses. */
  static String theme(HelpCenterLook.Look look) {
    return ":root { --hc-primary: " + look.primaryColor() + "; --hc-accent: " + look.accentColor() + "; }\n";
  }

  private static String summaries(List<HelpCenterData.Summary> articles) {
    StringBuilder list = new StringBuilder("<ul class=\"hc-list\">");
    for (HelpCenterData.Summary article : articles) {
      list.append("<li><a href=\"").append(escape(article.url())).append("\">").append(escape(article.title()))
          .append("</a><p>").append(escape(excerpt(article.excerpt()))).append("</p></li>");
    }
    return list.append("</ul>").toString();
  }

  private static String excerpt(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return flat.length() < 200 ? flat : flat.substring(0, flat.lastIndexOf(' ', 200) > 0 ? flat.lastIndexOf(' ', 200) : 200) + " …";
  }

  private static String languageName(String language) {
    String base = language.length() >= 2 ? language.substring(0, 2).toLowerCase(java.util.Locale.ROOT) : language;
    return HelpTexts.LANGUAGES.getOrDefault(base, language);
  }

  private static String page(Frame frame, String title, String path, String description, String main,
                             Function<String, String> inLanguage) {
    String company = frame.look().companyName();
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html>\n<html lang=\"").append(escape(frame.language())).append("\"><head>")
        .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape(title)).append(" – ").append(escape(company)).append("</title>")
        .append("<link rel=\"canonical\" href=\"").append(escape(frame.publicUrl() + path)).append("\">");
    if (description != null && !description.isBlank()) {
      html.append("<meta name=\"description\" content=\"").append(escape(description)).append("\">");
    }
    for (String language : HelpTexts.ORDER) {
      html.append("<link rel=\"alternate\" hreflang=\"").append(language).append("\" href=\"")
          .append(escape(frame.publicUrl() + inLanguage.apply(language))).append("\">");
    }
    html.append("<link rel=\"stylesheet\" href=\"").append(escape(frame.stylesheet())).append("\">")
        .append("<link rel=\"stylesheet\" href=\"/help/theme.css\">")
        .append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
        .append("</head><body><header class=\"hc-top\"><a class=\"hc-brand\" href=\"")
        .append(escape(HelpLinks.home(frame.language()))).append("\">").append(escape(company))
        .append("</a><nav class=\"hc-langs\" aria-label=\"").append(escape(frame.t("helpcenter.language"))).append("\">");
    for (String language : HelpTexts.ORDER) {
      html.append("<a hreflang=\"").append(language).append("\" href=\"").append(escape(inLanguage.apply(language)))
          .append('"').append(language.equals(frame.language()) ? " aria-current=\"true\"" : "").append('>')
          .append(escape(HelpTexts.LANGUAGES.get(language))).append("</a>");
    }
    html.append("</nav></header><section class=\"hc-hero\"><form role=\"search\" method=\"get\" action=\"/help/search\">")
        .append("<input type=\"hidden\" name=\"lang\" value=\"").append(escape(frame.language())).append("\">")
        .append("<label class=\"hc-sr\" for=\"hc-q\">").append(escape(frame.t("helpcenter.search"))).append("</label>")
        .append("<input id=\"hc-q\" type=\"search\" name=\"q\" value=\"").append(escape(frame.query()))
        .append("\" placeholder=\"")
        .append(escape(frame.t("helpcenter.search_placeholder"))).append("\">")
        .append("<button type=\"submit\">").append(escape(frame.t("helpcenter.search"))).append("</button></form></section>")
        .append("<main class=\"hc-main\">").append(main).append("</main>")
        .append("<footer class=\"hc-foot\"><a href=\"/portal/\">").append(escape(frame.t("helpcenter.contact")))
        .append("</a></footer></body></html>\n");
    return html.toString();
  }
}
