package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.vertx.core.buffer.Buffer;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.attachment.AttachmentNames;
import org.gotrs.attachment.AttachmentStore;
import org.jsoup.nodes.Entities;

/**
 * The OTRS/Znuny FAQ add-on into the knowledge base: {@code faq_category} (the tree, parents first) becomes
 * {@code kb_category}, {@code faq_item} becomes {@code kb_article} in its {@code faq_language}. The FAQ's states map
 * by their type: {@code public} stays public, {@code internal} and {@code external} (customers only, which the help
 * center has no place for) become internal; an item not yet approved is a draft. The public fields (symptom, problem,
 * solution, and fields 4 and 5 when used) make the body, each under its heading; field 6, the agents' comment, is
 * left out. Inline images ({@code faq_attachment}) go into the body as data URLs (saving the article moves them into
 * its files); the body is sanitised like any article's. Every other {@code faq_attachment} becomes a file listed
 * under its article, kept by the attachment store, and {@code faq_category_group} names the groups whose agents
 * read a category's internal articles.
 */
final class FaqTables {

  private static final String[] HEADINGS = {"Symptom", "Problem", "Solution", "", ""};
  /** How the FAQ's agent frontend links an inline image: {@code ...DownloadAttachment;ItemID=1;FileID=2}. */
  private static final Pattern INLINE_IMAGE = Pattern.compile("src=\"[^\"]*FileID=(\\d+)[^\"]*\"");
  /** The FAQ's attachments that are images shown in the body; the others are listed under the article. */
  private static final String SHOWN_IN_BODY = "a.inline = 1 AND a.content_type IN ('image/png', 'image/jpeg', "
      + "'image/gif', 'image/webp')";

  private FaqTables() {}

  static List<TableImport> all(SourceSchema schema, AttachmentStore store) {
    return List.of(
        SourceTable.byId("faq_category", "faq_category c", "c", "c.parent_id, c.name, c.comments", FaqTables::categories),
        SourceTable.joined("faq_item", "i", """
            faq_item i
              LEFT JOIN faq_language l ON l.id = i.f_language_id
              LEFT JOIN faq_state s ON s.id = i.state_id
              LEFT JOIN faq_state_type st ON st.id = s.type_id""", """
            i.category_id, i.f_subject, i.f_keywords, i.approved, i.content_type, l.name AS language, st.name AS state,
            i.f_field1, i.f_field2, i.f_field3, i.f_field4, i.f_field5, i.created, i.changed,
            (SELECT json_agg(json_build_object('id', a.id, 'type', a.content_type, 'data', encode(a.content, 'base64')))
               FROM faq_attachment a WHERE a.faq_id = i.id AND %s)::text AS images""".formatted(SHOWN_IN_BODY),
            FaqTables::items),
        SourceTable.of("faq_attachment", "bigint",
            "(SELECT a.* FROM faq_attachment a WHERE NOT coalesce(" + SHOWN_IN_BODY + ", FALSE)) a", "a.id",
            "a.faq_id, a.filename, a.content_type, a.content, a.created", (tx, rows) -> files(tx, store, rows)),
        SourceTable.byId("faq_category_group", "faq_category_group g", "g", "g.category_id, g.group_id",
            (tx, rows) -> categoryGroups(tx, schema.groupsTable(), rows)));
  }

  /** A file listed under its article, its bytes where the ticket attachments' are. */
  private static Future<Map<String, String>> files(SqlClient tx, AttachmentStore store, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("faq_item", row.getValue("faq_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        String key = String.valueOf(row.getValue(0));
        Long article = refs.bigint("faq_item", row.getValue("faq_id"));
        if (article == null) {
          refused.put(key, "its FAQ item " + row.getValue("faq_id") + " was not imported");
          continue;
        }
        Buffer bytes = row.getBuffer("content") == null ? Buffer.buffer() : row.getBuffer("content");
        chain = chain.compose(previous -> store.place(tx, bytes)).compose(placed -> tx.preparedQuery("""
                INSERT INTO kb_attachment (article_id, filename, content_type, content_size, disposition,
                                           storage_backend, storage_path, content, checksum, create_time)
                VALUES ($1, $2, $3, $4, 'attachment', $5, $6, $7, $8, coalesce($9, now() AT TIME ZONE 'UTC'))
                RETURNING id""")
            .execute(Tuple.from(new Object[] {article, AttachmentNames.filename(row.getString("filename")),
                AttachmentNames.contentType(row.getString("content_type")), (long) bytes.length(), placed.backend(),
                placed.path(), placed.content(), placed.sha256(), row.getLocalDateTime("created")})))
            .map(inserted -> {
              keys.add(key);
              ids.add(String.valueOf(inserted.iterator().next().getLong("id")));
              return null;
            });
      }
      return chain.compose(done -> IdMap.record(tx, "faq_attachment", keys, ids)).map(done -> refused);
    });
  }

  /** A category naming groups: their agents read its internal articles (public ones stay public). */
  private static Future<Map<String, String>> categoryGroups(SqlClient tx, String groupsTable, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("faq_category", row.getValue("category_id")).add(groupsTable, row.getValue("group_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Integer> categories = new ArrayList<>();
      List<Integer> groups = new ArrayList<>();
      for (Row row : rows) {
        String key = String.valueOf(row.getValue(0));
        Integer category = refs.integer("faq_category", row.getValue("category_id"));
        Integer group = refs.integer(groupsTable, row.getValue("group_id"));
        if (category == null || group == null) {
          refused.put(key, category == null ? "its category " + row.getValue("category_id") + " was not imported"
              : "its group " + row.getValue("group_id") + " was not imported");
          continue;
        }
        keys.add(key);
        ids.add(category + ":" + group);
        categories.add(category);
        groups.add(group);
      }
      return tx.preparedQuery("""
              INSERT INTO kb_category_group (category_id, group_id)
              SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING""")
          .execute(Tuple.from(new Object[] {categories.toArray(new Integer[0]), groups.toArray(new Integer[0])}))
          .compose(inserted -> IdMap.record(tx, "faq_category_group", keys, ids)).map(refused);
    });
  }

  /** Parents come first (keys in order, a parent's id below its children's in every FAQ the add-on builds). */
  private static Future<Map<String, String>> categories(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("faq_category", row.getValue("parent_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> Ids.next(tx, "kb_category", rows.size()).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        long id = ids.get(i);
        Object parentKey = row.getValue("parent_id");
        Integer parent = refs.integer("faq_category", parentKey);
        // a parent written earlier in this batch is found through the map it was just recorded in
        chain = chain.compose(previous -> tx.preparedQuery("""
                INSERT INTO kb_category (id, parent_id, name, description)
                VALUES ($1, coalesce($2, (SELECT gotrs_id::int FROM otrs_id_map
                                           WHERE source_table = 'faq_category' AND source_id = $5)), $3, $4)""")
            .execute(Tuple.of((int) id, parent, row.getString("name"), row.getString("comments") == null ? ""
                : row.getString("comments"), String.valueOf(parentKey)))
            .compose(inserted -> IdMap.record(tx, "faq_category", List.of(String.valueOf(row.getValue(0))),
                List.of(String.valueOf(id)))));
      }
      return chain.map(done -> Map.<String, String>of());
    }));
  }

  private static Future<Map<String, String>> items(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("faq_category", row.getValue("category_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> importable = new ArrayList<>();
      for (Row row : rows) {
        if (refs.integer("faq_category", row.getValue("category_id")) == null) {
          refused.put(String.valueOf(row.getValue(0)), "its category " + row.getValue("category_id") + " was not imported");
        } else {
          importable.add(row);
        }
      }
      return Ids.next(tx, "kb_article", importable.size()).compose(ids -> {
        List<Object[]> values = new ArrayList<>();
        for (int i = 0; i < importable.size(); i++) {
          Row row = importable.get(i);
          ArticleBody body = ArticleBody.of(ArticleBody.TEXT_HTML, body(row));
          values.add(new Object[] {ids.get(i), refs.integer("faq_category", row.getValue("category_id")),
              language(row.getString("language")), title(row.getString("f_subject")), body.body(), body.plainBody(),
              keywords(row.getString("f_keywords")), state(row), row.getLocalDateTime("created"),
              row.getLocalDateTime("changed")});
        }
        Future<Void> chain = Future.succeededFuture();
        for (Object[] value : values) {
          chain = chain.compose(previous -> tx.preparedQuery("""
                  INSERT INTO kb_article (id, category_id, language, title, body, body_text, keywords, state,
                                          create_time, change_time)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now() AT TIME ZONE 'UTC'),
                          coalesce($10, now() AT TIME ZONE 'UTC'))""")
              .execute(Tuple.from(value))
              .compose(inserted -> tx.preparedQuery("""
                  INSERT INTO kb_article_version (article_id, version, category_id, language, title, body, keywords,
                                                  state, change_time)
                  SELECT id, version, category_id, language, title, body, keywords, state, change_time
                    FROM kb_article WHERE id = $1""").execute(Tuple.of(value[0])))
              .mapEmpty());
        }
        List<String> keys = importable.stream().map(row -> String.valueOf(row.getValue(0))).toList();
        return chain.compose(done -> IdMap.record(tx, "faq_item", keys, Ids.text(ids))).map(refused);
      });
    });
  }

  /** The public fields under their headings, inline images as data URLs. */
  static String body(Row row) {
    boolean html = row.getString("content_type") != null && row.getString("content_type").startsWith("text/html");
    StringBuilder body = new StringBuilder();
    for (int field = 1; field <= 5; field++) {
      String text = row.getString("f_field" + field);
      if (text == null || text.isBlank()) {
        continue;
      }
      if (!HEADINGS[field - 1].isEmpty()) {
        body.append("<h2>").append(HEADINGS[field - 1]).append("</h2>");
      }
      body.append(html ? text : "<p>" + Entities.escape(text).replace("\n", "<br>") + "</p>");
    }
    return inlineImages(body.toString(), row.getString("images"));
  }

  private static String inlineImages(String html, String images) {
    if (images == null) {
      return html;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Object item : new JsonArray(images)) {
      JsonObject image = (JsonObject) item;
      sources.put(String.valueOf(image.getValue("id")),
          "data:" + image.getString("type") + ";base64," + image.getString("data").replaceAll("\\s", ""));
    }
    Matcher matcher = INLINE_IMAGE.matcher(html);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String source = sources.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(source == null ? matcher.group() : "src=\"" + source + "\""));
    }
    return matcher.appendTail(out).toString();
  }

  private static String state(Row row) {
    Object approved = row.getValue("approved");
    if (approved instanceof Number number && number.intValue() == 0) {
      return "draft";
    }
    return "public".equals(row.getString("state")) ? "public" : "internal";
  }

  private static String language(String name) {
    return name == null || !name.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?") ? "en"
        : name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static String title(String subject) {
    String title = subject == null || subject.isBlank() ? "(no title)" : subject.strip();
    return title.length() > 255 ? title.substring(0, 255) : title;
  }

  /** OTRS keeps keywords as one text, separated by spaces or commas. */
  private static String[] keywords(String text) {
    if (text == null || text.isBlank()) {
      return new String[0];
    }
    return java.util.Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(word -> !word.isEmpty())
        .map(word -> word.length() > 100 ? word.substring(0, 100) : word).distinct().limit(50).toArray(String[]::new);
  }
}
