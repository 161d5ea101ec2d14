package org.gotrs.http;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A table turned into CSV or XLSX bytes a row at a time: each call answers the bytes ready to send, so an export of
 * any length is written in constant memory.
 */
public abstract sealed class TableEncoder {

  /** The bytes that open the file: the header row. */
  public abstract Buffer header(List<String> columns);

  /** One row's bytes, possibly none yet (XLSX sends them in batches). */
  public abstract Buffer row(List<?> values);

  /** The last bytes. */
  public abstract Buffer finish();

  public static TableEncoder of(ExportFormat format, String sheetName) {
    return format == ExportFormat.CSV ? new Csv() : new Xlsx(sheetName);
  }

  /** RFC 4180, UTF-8, CRLF; a text that a spreadsheet would run as a formula is kept as text with a leading quote. */
  static final class Csv extends TableEncoder {

    @Override
    public Buffer header(List<String> columns) {
      return row(columns);
    }

    @Override
    public Buffer row(List<?> values) {
      StringBuilder line = new StringBuilder();
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
          line.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
          line.append(text);
        }
      }
      return Buffer.buffer(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Buffer finish() {
      return Buffer.buffer();
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
    public Buffer header(List<String> columns) {
      for (int c = 0; c < columns.size(); c++) {
        sheet.inlineString(0, c, columns.get(c));
        sheet.style(0, c).bold().set();
      }
      row = 1;
      return out.take();
    }

    @Override
    public Buffer row(List<?> values) {
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
      return out.take();
    }

    @Override
    public Buffer finish() {
      io(sheet::finish);
      io(workbook::finish);
      return out.take();
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

  /** What the workbook wrote since it was last taken. */
  private static final class Chunks extends OutputStream {

    private Buffer pending = Buffer.buffer();

    @Override
    public void write(int b) {
      pending.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      pending.appendBytes(bytes, offset, length);
    }

    Buffer take() {
      Buffer taken = pending;
      pending = Buffer.buffer();
      return taken;
    }
  }
}
