package org.gotrs.db;

import io.vertx.pgclient.PgConnectOptions;

/** Where the database is: the reactive client's options and the JDBC form Flyway needs. */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

  /**
   * A statement starting with this comment is never kept prepared, so PostgreSQL plans it for the values of each
   * call. A kept statement gets a generic plan after five calls, and for some statements no plan suits all
   * values: the best way to find a search word's matches depends on how common the word is (a generic plan
   * took 2.2 s for a word the right plan finds in 30 ms).
   */
  public static final String PLANNED_PER_CALL = "/* planned per call */ ";
  private static final int CACHED_SQL_LIMIT = 16_384;

  /** Parses {@code postgresql://user:pass@host:port/db}. */
  public static DatabaseTarget fromUrl(String url) {
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("GOTRS_DB_URL is not a postgresql:// URL: " + e.getMessage(), e);
    }
    return new DatabaseTarget(options.getHost(), options.getPort(), options.getDatabase(),
        options.getUser(), options.getPassword());
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(512)
        // the default limit (2048 characters) would leave longer statements, e.g. the escalation facts, unprepared
        .setPreparedStatementCacheSqlFilter(sql -> sql.length() <= CACHED_SQL_LIMIT
            && !sql.startsWith(PLANNED_PER_CALL))
        .setPipeliningLimit(64)
        .addProperty("application_name", "gotrs")
        .addProperty("TimeZone", "UTC");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The {@code postgresql://} form that {@code GOTRS_DB_URL} takes. */
  public String url() {
    String credentials = password == null || password.isEmpty() ? user : user + ":" + password;
    return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database;
  }

  public DatabaseTarget withDatabase(String name) {
    return new DatabaseTarget(host, port, name, user, password);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
