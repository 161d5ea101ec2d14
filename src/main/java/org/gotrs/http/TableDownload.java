package org.gotrs.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A table sent as a CSV or XLSX download, chunked, a row at a time; rows are sent in chunks of about
 * {@value #CHUNK} bytes, and a producer that pauses while {@link #full} never holds more than a few of them.
 */
public final class TableDownload {

  private static final int CHUNK = 64 * 1024;

  private final HttpServerResponse response;
  private final TableEncoder encoder;
  private Buffer pending = Buffer.buffer(CHUNK + 1024);

  private TableDownload(HttpServerResponse response, TableEncoder encoder) {
    this.response = response;
    this.encoder = encoder;
  }

  /** Sends the headers and the header row; {@code filename} without its extension. */
  public static TableDownload start(RoutingContext ctx, ExportFormat format, String filename, List<String> columns) {
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", format.contentType)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "." + format.extension + "\"")
        .putHeader("Cache-Control", "no-store");
    TableDownload download = new TableDownload(response, TableEncoder.of(format, "GOTRS"));
    download.encoder.header(columns, download.pending);
    return download;
  }

  /** Adds a row; {@code values} may be reused for the next row once this returns. */
  public void row(List<?> values) {
    encoder.row(values, pending);
    if (pending.length() >= CHUNK) {
      flush();
    }
  }

  /** Whether the client is behind: pause the producer until {@link #drained}. */
  public boolean full() {
    return response.writeQueueFull();
  }

  public void drained(Runnable resume) {
    response.drainHandler(nothing -> resume.run());
  }

  public Future<Void> end() {
    encoder.finish(pending);
    Buffer last = pending;
    pending = Buffer.buffer();
    return response.end(last);
  }

  /** A failure after the first bytes went out: the client sees the download broken off, never a partial file. */
  public void abort() {
    response.reset();
  }

  /** A whole table at once (a report: a few hundred rows at most). */
  public static Future<Void> send(RoutingContext ctx, ExportFormat format, String filename, Table table) {
    TableDownload download = start(ctx, format, filename, table.columns());
    table.rows().forEach(download::row);
    return download.end();
  }

  private void flush() {
    response.write(pending);
    pending = Buffer.buffer(CHUNK + 1024);
  }
}
