package org.gotrs.otrs.importer;

import java.util.List;

/** The outcome of one import run, table by table. */
public record ImportReport(SourceSchema source, boolean dryRun, List<TableResult> tables) {

  public TableResult table(String name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table " + name + " in this import"));
  }

  public long failed() {
    return tables.stream().mapToLong(TableResult::failed).sum();
  }

  public long imported() {
    return tables.stream().mapToLong(TableResult::imported).sum();
  }
}
