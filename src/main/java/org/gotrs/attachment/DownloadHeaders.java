package org.gotrs.attachment;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Headers that let a browser save an attachment but never run it: scripting-capable types are sent as
 * {@code application/octet-stream}, nothing is sniffed, and the file name cannot break out of its header.
 */
public final class DownloadHeaders {

  private static final Set<String> SCRIPTABLE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
      "text/xml", "application/xml", "text/xsl", "application/xslt+xml", "text/javascript", "application/javascript",
      "application/x-javascript", "text/ecmascript", "application/ecmascript", "application/x-shockwave-flash",
      "application/wasm");
  private static final String ATTR_CHARS = "!#$&+-.^_`|~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private DownloadHeaders() {}

  /** Sends a stored attachment with these headers, from its file or from its row. */
  public static Future<Void> send(HttpServerResponse response, AttachmentStore.Stored stored) {
    apply(response, stored.attachment());
    return stored.file() != null ? response.sendFile(stored.file().toString()) : response.end(stored.content());
  }

  static void apply(HttpServerResponse response, Attachment attachment) {
    response.putHeader(HttpHeaders.CONTENT_TYPE, contentType(attachment.contentType()))
        .putHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(attachment.filename()))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
        // attachments are mostly compressed already; identity keeps Content-Length and zero-copy sendFile
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
  }

  static String contentType(String stored) {
    String type = AttachmentNames.contentType(stored);
    boolean scriptable = SCRIPTABLE.contains(type) || type.endsWith("+xml") || type.contains("html")
        || type.contains("script") || type.startsWith("multipart/");
    return scriptable ? AttachmentNames.OCTET_STREAM : type;
  }

  /** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name in {@code filename*} (RFC 8187). */
  static String contentDisposition(String filename) {
    String name = filename == null || filename.isBlank() ? "attachment" : filename;
    StringBuilder ascii = new StringBuilder(name.length());
    name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(name);
  }

  private static String percentEncode(String name) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return encoded.toString();
  }
}
