package org.gotrs.attachment;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a client says about an uploaded file, made safe to keep: the file name loses directory parts and
 * control characters ({@code ../../etc/passwd} becomes {@code passwd}), the media type must look like one.
 */
public final class AttachmentNames {

  static final int MAX_LENGTH = 250;
  static final String OCTET_STREAM = "application/octet-stream";
  private static final String UNNAMED = "attachment";
  private static final int MAX_EXTENSION = 16;
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,100}/[a-z0-9][a-z0-9!#$&^_.+-]{0,100}");

  private AttachmentNames() {}

  /** The last path component without control or invisible formatting characters, at most 250 characters. */
  public static String filename(String raw) {
    if (raw == null) {
      return UNNAMED;
    }
    StringBuilder visible = new StringBuilder(raw.length());
    raw.codePoints()
        .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
        .forEach(visible::appendCodePoint);
    String name = visible.toString();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return UNNAMED;
    }
    return shorten(name);
  }

  /** Cuts the base name, not the extension, so {@code report….pdf} still opens as a PDF. */
  private static String shorten(String name) {
    if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
    String base = name.substring(0, name.length() - extension.length());
    int keep = MAX_LENGTH - extension.codePointCount(0, extension.length());
    return base.substring(0, base.offsetByCodePoints(0, keep)) + extension;
  }

  /** {@code type/subtype} in lower case without parameters; anything else is {@code application/octet-stream}. */
  public static String contentType(String raw) {
    if (raw == null) {
      return OCTET_STREAM;
    }
    String type = raw.strip().toLowerCase(Locale.ROOT);
    int parameters = type.indexOf(';');
    if (parameters >= 0) {
      type = type.substring(0, parameters).strip();
    }
    return MEDIA_TYPE.matcher(type).matches() ? type : OCTET_STREAM;
  }
}
