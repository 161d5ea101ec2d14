package org.gotrs.http;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A table turned into CSV or XLSX bytes a row at a time: each call appends the bytes ready to send to the buffer it is
 * given, so an export of any length is written in constant memory and without a buffer per row.
 */
public abstract sealed class TableEncoder {

  /** The bytes that open the file: the header row. */
  public abstract void header(List<String> columns, Buffer into);

  /** One row's bytes, possibly none yet (XLSX sends them in batches). */
  public abstract void row(List<?> values, Buffer into);

  /** The last bytes. */
  public abstract void finish(Buffer into);

  public static TableEncoder of(ExportFormat format, String sheetName) {
    return format == ExportFormat.CSV ? new Csv() : new Xlsx(sheetName);
  }

  /** A whole table's file at once (a report to attach to a mail: a few hundred rows at most). */
  public static Buffer file(ExportFormat format, String sheetName, Table table) {
    TableEncoder encoder = of(format, sheetName);
    Buffer file = Buffer.buffer();
    encoder.header(table.columns(), file);
    table.rows().forEach(row -> encoder.row(row, file));
    encoder.finish(file);
    return file;
  }

  /** RFC 4180, UTF-8, CRLF; a text that a spreadsheet would run as a formula is kept as text with a leading quote. */
  static final class Csv extends TableEncoder {

    /** The line being written, kept from row to row. */
    private final StringBuilder line = new StringBuilder(256);

    @Override
    public void header(List<String> columns, Buffer into) {
      row(columns, into);
    }

    @Override
    public void row(List<?> values, Buffer into) {
      line.setLength(0);
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        Object value = values.get(i);
        if (value == null) {
          continue;
        }
        String text = value instanceof Number ? plain((Number) value) : value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
          text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
          quoted(text);
        } else {
          line.append(text);
        }
      }
      into.appendString(line.append("\r\n").toString());
    }

    private void quoted(String text) {
      line.append('"');
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        line.append(c);
        if (c == '"') {
          line.append('"');
        }
      }
      line.append('"');
    }

    @Override
    public void finish(Buffer into) {
      // CSV has no trailer
    }

    private static String plain(Number number) {
      return number instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : number.toString();
    }
  }

  /**
   * One worksheet written by fastexcel with inline strings (no shared-string table growing with the rows); flushed
   * every {@value #BATCH} rows.
   */
  static final class Xlsx extends TableEncoder {

    private static final int BATCH = 500;
    private final Chunks out = new Chunks();
    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    Xlsx(String sheetName) {
      workbook = new Workbook(out, "GOTRS", "1.0");
      sheet = workbook.newWorksheet(sheetName);
    }

    @Override
    public void header(List<String> columns, Buffer into) {
      out.into = into;
      for (int c = 0; c < columns.size(); c++) {
        sheet.inlineString(0, c, columns.get(c));
        sheet.style(0, c).bold().set();
      }
      row = 1;
    }

    @Override
    public void row(List<?> values, Buffer into) {
      out.into = into;
      for (int c = 0; c < values.size(); c++) {
        Object value = values.get(c);
        if (value instanceof Number number) {
          sheet.value(row, c, number);
        } else if (value instanceof Boolean bool) {
          sheet.value(row, c, bool);
        } else if (value != null) {
          sheet.inlineString(row, c, value.toString());
        }
      }
      row++;
      if (row % BATCH == 0) {
        io(sheet::flush);
      }
    }

    @Override
    public void finish(Buffer into) {
      out.into = into;
      io(sheet::finish);
      io(workbook::finish);
    }

    private interface Io {
      void run() throws IOException;
    }

    private static void io(Io step) {
      try {
        step.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The workbook's bytes, appended to the buffer of the call that made them. */
  private static final class Chunks extends OutputStream {

    private Buffer into = Buffer.buffer();

    @Override
    public void write(int b) {
      into.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      into.appendBytes(bytes, offset, length);
    }
  }
}
