package org.gotrs.kb;

import java.util.ArrayList;
import java.util.List;
import org.gotrs.article.body.PlainText;

/** The line-by-line difference between two versions of an article, as a reader sees its text. */
public final class VersionDiff {

  /** {@code op}: {@code =} in both, {@code -} only in the older version, {@code +} only in the newer one. */
  public record Line(String op, String text) {}

  /** Beyond this many lines a side, the longest-common-subsequence table would be too large to build. */
  private static final int MAX_LINES = 3_000;

  private VersionDiff() {}

  /** The title, then the body's text lines. */
  static List<String> lines(String title, String html) {
    List<String> lines = new ArrayList<>();
    lines.add(title == null ? "" : title);
    for (String line : PlainText.fromHtml(html).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.stripTrailing());
      }
    }
    return lines;
  }

  static List<Line> of(List<String> older, List<String> newer) {
    List<Line> diff = new ArrayList<>();
    if (older.size() > MAX_LINES || newer.size() > MAX_LINES) {
      older.forEach(line -> diff.add(new Line("-", line)));
      newer.forEach(line -> diff.add(new Line("+", line)));
      return diff;
    }
    int[][] common = new int[older.size() + 1][newer.size() + 1];
    for (int i = older.size() - 1; i >= 0; i--) {
      for (int j = newer.size() - 1; j >= 0; j--) {
        common[i][j] = older.get(i).equals(newer.get(j)) ? common[i + 1][j + 1] + 1
            : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < older.size() && j < newer.size()) {
      if (older.get(i).equals(newer.get(j))) {
        diff.add(new Line("=", older.get(i)));
        i++;
        j++;
      } else if (common[i + 1][j] >= common[i][j + 1]) {
        diff.add(new Line("-", older.get(i++)));
      } else {
        diff.add(new Line("+", newer.get(j++)));
      }
    }
    older.subList(i, older.size()).forEach(line -> diff.add(new Line("-", line)));
    newer.subList(j, newer.size()).forEach(line -> diff.add(new Line("+", line)));
    return diff;
  }
}
