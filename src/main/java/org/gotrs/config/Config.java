package org.gotrs.config;

import java.nio.file.Path;

/**
 * The server's configuration, read once at start: {@code conf/gotrs.json}, then {@code --conf FILE},
 * then {@code GOTRS_*} environment variables (see {@link ConfigLoader}).
 */
public record Config(
    Http http,
    String dataDir,
    Db db,
    String adminPassword,
    Jwt jwt,
    Cluster cluster,
    boolean demoData,
    String systemId,
    Smtp smtp) {

  public record Http(String host, int port, int instances, long bodyLimitBytes) {
    /** Verticle instances to deploy: the configured number, or one per core. */
    public int effectiveInstances() {
      return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
    }
  }

  public record Db(String url, int poolSize) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  public record Jwt(String secret, String keyFile, long accessTtlSeconds, long refreshTtlSeconds) {}

  public record Cluster(boolean enabled, String members) {}

  public record Smtp(String host, int port, String user, String password, boolean tls) {
    public boolean enabled() {
      return host != null && !host.isBlank();
    }
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  public Config withHttpPort(int port) {
    return new Config(new Http(http.host, port, http.instances, http.bodyLimitBytes),
        dataDir, db, adminPassword, jwt, cluster, demoData, systemId, smtp);
  }

  public Config withDbUrl(String url) {
    return new Config(http, dataDir, new Db(url, db.poolSize), adminPassword, jwt, cluster, demoData, systemId, smtp);
  }
}
