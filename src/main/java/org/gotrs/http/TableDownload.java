package org.gotrs.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A table sent as a CSV or XLSX download, chunked, a row at a time: {@link #row} answers the write's future, so a
 * producer that waits for it (or pauses on {@link #full}) never holds more than a few rows.
 */
public final class TableDownload {

  private final HttpServerResponse response;
  private final TableEncoder encoder;

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
    download.send(download.encoder.header(columns));
    return download;
  }

  public Future<Void> row(List<?> values) {
    return send(encoder.row(values));
  }

  /** Whether the client is behind: pause the producer until {@link #drained}. */
  public boolean full() {
    return response.writeQueueFull();
  }

  public void drained(Runnable resume) {
    response.drainHandler(nothing -> resume.run());
  }

  public Future<Void> end() {
    return response.end(encoder.finish());
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

  private Future<Void> send(Buffer bytes) {
    return bytes.length() == 0 ? Future.succeededFuture() : response.write(bytes);
  }
}
