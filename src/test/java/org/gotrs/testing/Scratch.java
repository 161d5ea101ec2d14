package org.gotrs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Files and directories a test run needs for a while (servers' data directories, config files, uploads, downloads):
 * all under one directory per test JVM, removed when the JVM exits, so repeated runs do not fill the temp directory.
 */
public final class Scratch {

  private static final Path ROOT = root();

  private Scratch() {}

  /** A new, empty directory. */
  public static Path directory(String prefix) {
    try {
      return Files.createTempDirectory(ROOT, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty file. */
  public static Path file(String prefix, String suffix) {
    try {
      return Files.createTempFile(ROOT, prefix, suffix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a directory and everything in it, as far as it can (a file still open elsewhere stays). */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.out.println("could not delete " + dir + ": " + e.getMessage());
    }
  }

  private static Path root() {
    try {
      Path root = Files.createTempDirectory("gotrs-tests-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "scratch-cleanup"));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
