package org.gotrs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time a process has used, user and system, as Linux counts it in {@code /proc/<pid>/stat}: for a JVM all its
 * threads; for a PostgreSQL server the postmaster, its backends and workers (its children), and the children that have
 * already exited.
 */
final class ProcessCpu {

  /** Linux reports CPU time in ticks of USER_HZ, 100 a second on every architecture it runs this on. */
  private static final double MILLIS_PER_TICK = 10;
  // fields of /proc/<pid>/stat after the command name's closing parenthesis, counted from 0 (field 3 of the file)
  private static final int PARENT = 1;
  private static final int USER = 11;
  private static final int SYSTEM = 12;
  private static final int EXITED_CHILDREN_USER = 13;
  private static final int EXITED_CHILDREN_SYSTEM = 14;

  private ProcessCpu() {}

  /** The process's own CPU time in milliseconds. */
  static double millis(long pid) throws IOException {
    String[] fields = fields(pid);
    return ticks(fields, USER, SYSTEM) * MILLIS_PER_TICK;
  }

  /** The CPU time in milliseconds of the process, its children alive now, and its children that have exited. */
  static double withChildrenMillis(long pid) throws IOException {
    String[] own = fields(pid);
    long ticks = ticks(own, USER, SYSTEM, EXITED_CHILDREN_USER, EXITED_CHILDREN_SYSTEM);
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        String name = process.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] fields;
        try {
          fields = fields(Long.parseLong(name));
        } catch (IOException gone) {
          continue;
        }
        if (Long.parseLong(fields[PARENT]) == pid) {
          ticks += ticks(fields, USER, SYSTEM);
        }
      }
    }
    return ticks * MILLIS_PER_TICK;
  }

  private static String[] fields(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // the command name may hold spaces and parentheses; the fields follow its last ')'
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  private static long ticks(String[] fields, int... indexes) {
    long ticks = 0;
    for (int index : indexes) {
      ticks += Long.parseLong(fields[index]);
    }
    return ticks;
  }
}
