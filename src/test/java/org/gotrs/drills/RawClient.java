package org.gotrs.drills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare TCP client that writes HTTP by hand, for clients no library would imitate: slow, stalled, half-sent. */
final class RawClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawClient(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes; false once the server has closed the connection. */
  boolean write(String text) {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  boolean write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** The status code of the next response, or 0 if none came within the timeout. */
  int status(int timeoutMillis) {
    try {
      socket.setSoTimeout(timeoutMillis);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.write(b);
      }
      String statusLine = line.toString(StandardCharsets.ISO_8859_1);
      String[] parts = statusLine.split(" ");
      return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : 0;
    } catch (SocketTimeoutException e) {
      return 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the server has closed its side (a read sees the end of the stream). */
  boolean closedByServer(int timeoutMillis) {
    try {
      socket.setSoTimeout(timeoutMillis);
      byte[] buffer = new byte[8192];
      while (true) {
        if (in.read(buffer) == -1) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
