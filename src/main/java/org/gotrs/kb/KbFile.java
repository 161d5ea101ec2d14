package org.gotrs.kb;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Locale;
import org.gotrs.db.Rows;

/**
 * A file of a knowledge-base article: an image its body shows ({@code inline}) or a file listed under it
 * ({@code attachment}). {@code url} is where the help center serves it, the address a body refers to it by.
 */
public record KbFile(long id, Long articleId, String filename, String contentType, long size, String disposition,
                     String url, Instant createTime) {

  /** The columns {@link #of} reads, on alias {@code f}. */
  static final String COLUMNS = """
      f.id, f.article_id, f.filename, f.content_type, f.content_size, f.disposition, f.checksum, f.create_time""";

  static KbFile of(Row row) {
    long id = row.getLong("id");
    String filename = row.getString("filename");
    return new KbFile(id, row.getLong("article_id"), filename, row.getString("content_type"),
        row.getLong("content_size"), row.getString("disposition"), url(id, filename), Rows.instant(row, "create_time"));
  }

  /** {@code /help/files/12/printer-tray.png}: the name is only there to read; the id finds the file. */
  static String url(long id, String filename) {
    String name = filename == null ? "" : java.text.Normalizer.normalize(filename, java.text.Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("(^[-.]+|-+$)", "");
    if (name.length() > 100) {
      name = name.substring(name.length() - 100);
    }
    return HelpLinks.FILES + id + "/" + (name.isEmpty() ? "file" : name);
  }
}
