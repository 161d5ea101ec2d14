package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.attachment.AttachmentStore;

/**
 * Attachments: OTRS on PostgreSQL keeps their bytes base64-encoded in a text column; they are decoded and stored
 * through GOTRS's attachment store (database or content-addressed files, per configuration) with a SHA-256
 * checksum. Attachments OTRS kept in its file system ({@code ArticleStorageFS}) are not in the database and so not
 * imported.
 */
final class AttachmentTable implements TableImport {

  private static final int ATTACHMENTS_PER_BATCH = 50;

  private final SourceTable source;
  private final AttachmentStore store;

  AttachmentTable(SourceSchema schema, AttachmentStore store) {
    String table = schema.splitArticles() ? "article_data_mime_attachment" : "article_attachment";
    this.store = store;
    this.source = SourceTable.byId(table, table + " x", "x",
        "x.article_id, x.filename, x.content_type, x.content_id, x.content_alternative, x.disposition, x.content, "
            + "x.create_time, x.create_by",
        this::copy);
  }

  @Override
  public String table() {
    return source.table();
  }

  @Override
  public String keys() {
    return source.keys();
  }

  @Override
  public String rows() {
    return source.rows();
  }

  @Override
  public String count() {
    return source.count();
  }

  @Override
  public int maxBatch() {
    return ATTACHMENTS_PER_BATCH;
  }

  @Override
  public Future<Map<String, String>> write(SqlClient tx, List<Row> rows) {
    return source.write(tx, rows);
  }

  private Future<Map<String, String>> copy(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("article", row.getValue("article_id")).add("users", row.getValue("create_by")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        String key = String.valueOf(row.getValue(0));
        Long article = refs.bigint("article", row.getValue("article_id"));
        if (article == null) {
          refused.put(key, "article " + row.getValue("article_id") + " was not imported");
          continue;
        }
        byte[] bytes;
        try {
          String content = row.getString("content");
          bytes = content == null ? new byte[0] : Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException notBase64) {
          refused.put(key, "its content is not base64: " + notBase64.getMessage());
          continue;
        }
        var content = new AttachmentStore.Bytes(row.getString("filename"), row.getString("content_type"),
            row.getString("content_id"), row.getString("content_alternative"), row.getString("disposition"),
            Buffer.buffer(bytes), row.getLocalDateTime("create_time"));
        chain = chain.compose(previous -> store.saveContent(tx, article, refs.uuid("users", row.getValue("create_by")),
            content).map(saved -> {
              keys.add(key);
              ids.add(String.valueOf(saved.id()));
              return null;
            }));
      }
      return chain.compose(saved -> IdMap.record(tx, table(), keys, ids)).map(done -> refused);
    });
  }
}
