package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies one table in batches with flat memory: a page of keys first (cheap, so a rerun skips imported rows
 * without reading their content), then only the missing rows, written in one transaction. A batch that fails is
 * written again row by row, so one bad row is logged with its key and the others still land.
 */
final class TableCopy {

  static final int MAX_ERRORS_KEPT = 1_000;

  private final Pool source;
  private final Pool target;
  private final int batchSize;
  private final boolean dryRun;
  private final boolean mapExists;
  private final Progress progress;
  private final Clock clock;

  TableCopy(Pool source, Pool target, int batchSize, boolean dryRun, boolean mapExists, Progress progress,
            Clock clock) {
    this.source = source;
    this.target = target;
    this.batchSize = batchSize;
    this.dryRun = dryRun;
    this.mapExists = mapExists;
    this.progress = progress;
    this.clock = clock;
  }

  /** The running count of one table. */
  private static final class Tally {
    final TableImport spec;
    final Instant started;
    long sourceRows;
    long already;
    long imported;
    long failed;
    final List<String> errors = new ArrayList<>();

    Tally(TableImport spec, Instant started) {
      this.spec = spec;
      this.started = started;
    }

    void fail(String key, String reason) {
      failed++;
      if (errors.size() < MAX_ERRORS_KEPT) {
        errors.add(spec.table() + " " + key + ": " + reason);
      }
    }
  }

  Future<TableResult> run(TableImport spec) {
    Tally tally = new Tally(spec, clock.instant());
    return source.query(spec.count()).execute()
        .map(rows -> tally.sourceRows = rows.iterator().next().getLong(0))
        .compose(counted -> mapExists ? IdMap.count(target, spec.table()) : Future.succeededFuture(0L))
        .compose(already -> {
          tally.already = already;
          progress.start(spec.table(), tally.sourceRows, already);
          return page(tally, null);
        })
        .map(done -> result(tally, tally.failed == 0 ? "completed" : "completed_with_errors"))
        .recover(failure -> {
          tally.fail("(table)", rootMessage(failure));
          return Future.succeededFuture(result(tally, "failed"));
        })
        .onSuccess(progress::finish);
  }

  private TableResult result(Tally tally, String status) {
    return new TableResult(tally.spec.table(), tally.sourceRows, tally.already, tally.imported, tally.failed,
        List.copyOf(tally.errors), tally.started, clock.instant(), status);
  }

  private Future<Void> page(Tally tally, Object after) {
    TableImport spec = tally.spec;
    int size = Math.min(batchSize, spec.maxBatch());
    return source.preparedQuery(spec.keys()).execute(Tuple.of(after, size)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      List<String> keys = new ArrayList<>(rows.size());
      Object last = null;
      for (Row row : rows) {
        last = row.getValue(0);
        keys.add(String.valueOf(last));
      }
      Object next = last;
      Future<List<String>> missing = mapExists ? IdMap.missing(target, spec.table(), keys) : Future.succeededFuture(keys);
      return missing.compose(todo -> copy(tally, todo))
          .compose(copied -> {
            progress.advance(spec.table(), tally.imported, tally.failed);
            return rows.size() < size ? Future.succeededFuture() : page(tally, next);
          });
    });
  }

  private Future<Void> copy(Tally tally, List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    if (dryRun) {
      tally.imported += keys.size();
      return Future.succeededFuture();
    }
    TableImport spec = tally.spec;
    Object keyArray = "text".equals(spec.keyType()) ? keys.toArray(new String[0])
        : keys.stream().map(Long::valueOf).toArray(Long[]::new);
    return source.preparedQuery(spec.rows()).execute(Tuple.of(keyArray)).compose(result -> {
      List<Row> rows = new ArrayList<>(result.size());
      result.forEach(rows::add);
      return target.withTransaction(tx -> spec.write(tx, rows))
          .map(refused -> {
            count(tally, rows, refused);
            return (Void) null;
          })
          .recover(batchFailure -> rows.size() == 1 ? oneFailed(tally, rows.get(0), batchFailure) : oneByOne(tally, rows));
    });
  }

  private void count(Tally tally, List<Row> rows, Map<String, String> refused) {
    tally.imported += rows.size() - refused.size();
    refused.forEach(tally::fail);
  }

  private Future<Void> oneByOne(Tally tally, List<Row> rows) {
    Future<Void> chain = Future.succeededFuture();
    for (Row row : rows) {
      chain = chain.compose(previous -> target.withTransaction(tx -> tally.spec.write(tx, List.of(row)))
          .map(refused -> {
            count(tally, List.of(row), refused);
            return (Void) null;
          })
          .recover(failure -> oneFailed(tally, row, failure)));
    }
    return chain;
  }

  private Future<Void> oneFailed(Tally tally, Row row, Throwable failure) {
    tally.fail(String.valueOf(row.getValue(0)), rootMessage(failure));
    return Future.succeededFuture();
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    Set<Throwable> seen = new HashSet<>();
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
