package org.gotrs.http;

import io.vertx.ext.web.RoutingContext;

/** A table's download format: what {@code ?format=csv|xlsx} or the {@code Accept} header asks for instead of JSON. */
public enum ExportFormat {
  CSV("csv", "text/csv; charset=utf-8"),
  XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  public final String extension;
  public final String contentType;

  ExportFormat(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  /** The format the request asks for, null for JSON; 422 for a {@code format} that is neither. */
  public static ExportFormat requested(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if (format != null) {
      return switch (format) {
        case "csv" -> CSV;
        case "xlsx" -> XLSX;
        case "json" -> null;
        default -> throw Problem.invalid("format", "must be csv, xlsx or json");
      };
    }
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/csv")) {
      return CSV;
    }
    if (accept != null && accept.contains(XLSX.contentType)) {
      return XLSX;
    }
    return null;
  }
}
