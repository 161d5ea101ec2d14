package org.gotrs.testing;

import java.util.ArrayList;
import java.util.List;

/** Reads the CSV exports back: RFC 4180, quoted fields with doubled quotes, CRLF line ends. */
public final class Csv {

  private Csv() {}

  public static List<List<String>> parse(String csv) {
    List<List<String>> lines = new ArrayList<>();
    List<String> line = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        line.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        line.add(field.toString());
        field.setLength(0);
        lines.add(line);
        line = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return lines;
  }
}
