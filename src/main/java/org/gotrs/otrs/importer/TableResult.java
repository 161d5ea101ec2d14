package org.gotrs.otrs.importer;

import java.time.Instant;
import java.util.List;

/**
 * What importing one table did. {@code imported} counts rows written in this run ({@code --dry-run}: rows that
 * would be); {@code alreadyImported} rows an earlier run wrote; {@code errors} names each failed row by its OTRS key.
 */
public record TableResult(String table, long sourceRows, long alreadyImported, long imported, long failed,
                          List<String> errors, Instant startedAt, Instant completedAt, String status) {

  public double seconds() {
    return Math.max(0.001, (completedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
  }
}
