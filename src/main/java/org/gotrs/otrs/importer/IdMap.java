package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The table {@code otrs_id_map}: which GOTRS row each imported OTRS row became. */
final class IdMap {

  private IdMap() {}

  /**
   * The keys of {@code keys} not yet imported from {@code table}, in their order. Looked up with {@code = ANY} on the
   * primary key, so the cost stays per batch however large the map grows.
   */
  static Future<List<String>> missing(SqlClient target, String table, List<String> keys) {
    return target.preparedQuery("SELECT source_id FROM otrs_id_map WHERE source_table = $1 AND source_id = ANY($2::text[])")
        .execute(Tuple.from(new Object[] {table, keys.toArray(new String[0])}))
        .map(rows -> {
          Set<String> present = new HashSet<>();
          rows.forEach(row -> present.add(row.getString(0)));
          return keys.stream().filter(key -> !present.contains(key)).toList();
        });
  }

  static Future<Long> count(SqlClient target, String table) {
    return target.preparedQuery("SELECT count(*) FROM otrs_id_map WHERE source_table = $1").execute(Tuple.of(table))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Records imported rows: parallel lists of OTRS keys and GOTRS ids. */
  static Future<Void> record(SqlClient tx, String table, List<String> sourceIds, List<String> gotrsIds) {
    if (sourceIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("""
            INSERT INTO otrs_id_map (source_table, source_id, gotrs_id)
            SELECT $1, s, g FROM unnest($2::text[], $3::text[]) AS u(s, g)""")
        .execute(Tuple.from(new Object[] {table, sourceIds.toArray(new String[0]), gotrsIds.toArray(new String[0])}))
        .mapEmpty();
  }

  /** What a batch refers to, collected before one lookup. */
  static final class Wanted {
    private final Map<String, Set<String>> keys = new HashMap<>();

    Wanted add(String table, Object sourceId) {
      if (sourceId != null) {
        keys.computeIfAbsent(table, t -> new HashSet<>()).add(sourceId.toString());
      }
      return this;
    }
  }

  /** Resolves every wanted reference of a batch in one query. */
  static Future<Refs> resolve(SqlClient target, Wanted wanted) {
    List<String> tables = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    wanted.keys.forEach((table, keys) -> keys.forEach(key -> {
      tables.add(table);
      ids.add(key);
    }));
    if (tables.isEmpty()) {
      return Future.succeededFuture(new Refs(Map.of()));
    }
    return target.preparedQuery("""
            SELECT k.t, k.i, m.gotrs_id
              FROM unnest($1::text[], $2::text[]) AS k(t, i)
              JOIN LATERAL (SELECT gotrs_id FROM otrs_id_map WHERE source_table = k.t AND source_id = k.i) m ON true""")
        .execute(Tuple.from(new Object[] {tables.toArray(new String[0]), ids.toArray(new String[0])}))
        .map(rows -> {
          Map<String, String> found = new HashMap<>();
          for (Row row : rows) {
            found.put(row.getString(0) + "\u0000" + row.getString(1), row.getString(2));
          }
          return new Refs(found);
        });
  }

  /** The GOTRS ids of a batch's references; null where the OTRS row was not imported. */
  record Refs(Map<String, String> found) {

    String get(String table, Object sourceId) {
      return sourceId == null ? null : found.get(table + "\u0000" + sourceId);
    }

    UUID uuid(String table, Object sourceId) {
      String id = get(table, sourceId);
      return id == null ? null : UUID.fromString(id);
    }

    Integer integer(String table, Object sourceId) {
      String id = get(table, sourceId);
      return id == null ? null : Integer.valueOf(id);
    }

    Long bigint(String table, Object sourceId) {
      String id = get(table, sourceId);
      return id == null ? null : Long.valueOf(id);
    }
  }
}
