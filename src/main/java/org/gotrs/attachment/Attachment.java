package org.gotrs.attachment;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneOffset;

/** An attachment of an article as the API shows it; the bytes are fetched separately. */
public record Attachment(
    long id,
    long articleId,
    String filename,
    String contentType,
    Long contentSize,
    String checksum,
    String disposition,
    String contentId,
    Instant createTime) {

  /** The columns {@link #from} reads, on alias {@code aa}. */
  static final String COLUMNS = """
      aa.id, aa.article_id, aa.filename, aa.content_type, aa.content_size, aa.checksum, aa.disposition,
      aa.content_id, aa.create_time""";

  static Attachment from(Row row) {
    var created = row.getLocalDateTime("create_time");
    return new Attachment(row.getLong("id"), row.getLong("article_id"), row.getString("filename"),
        row.getString("content_type"), size(row.getString("content_size")), row.getString("checksum"),
        row.getString("disposition"), row.getString("content_id"),
        created == null ? null : created.toInstant(ZoneOffset.UTC));
  }

  /** OTRS keeps the size as a decimal string; rows imported from elsewhere may hold something else. */
  private static Long size(String text) {
    try {
      return text == null ? null : Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
