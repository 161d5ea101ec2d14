package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.SecretBox;
import org.gotrs.config.Config;
import org.gotrs.db.Rows;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.http.Problem;
import org.gotrs.json.Json;
import org.gotrs.permission.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP directories and OpenID Connect providers in force: those of the configuration file first (locked), then
 * those administrators keep in the database, their secrets sealed. A change is audited and announced on the event
 * log ({@code settings.changed}), so that every node reloads them; the backends read them here on every use.
 */
public final class SignInBackends {

  /** A stored backend as this node last read it, secrets opened. */
  private record Stored(BackendForm.Kind kind, String name, JsonObject settings, Map<String, String> secrets,
                        Object record, String changedBy, java.time.Instant changeTime) {}

  private static final Logger LOG = LoggerFactory.getLogger(SignInBackends.class);
  private static final String STORED = """
      SELECT b.kind, b.name, b.settings::text AS settings, b.sealed_secrets, u.login AS changed_by, b.change_time
        FROM sign_in_backend b LEFT JOIN users u ON u.id = b.change_by
       ORDER BY b.create_time, b.name""";

  private final Pool pool;
  private final AuditLog audit;
  private final DomainEvents events;
  private final SecretBox secrets;
  private final Config.Auth configured;
  private volatile List<Stored> stored = List.of();

  public SignInBackends(Pool pool, AuditLog audit, DomainEvents events, SecretBox secrets, Config.Auth configured) {
    this.pool = pool;
    this.audit = audit;
    this.events = events;
    this.secrets = secrets;
    this.configured = configured;
  }

  /** The directories in the order they are asked: the configuration file's, then the stored ones. */
  List<Config.Ldap> ldap() {
    List<Config.Ldap> all = new ArrayList<>(configured.ldap());
    stored.stream().filter(one -> one.kind() == BackendForm.Kind.LDAP).forEach(one -> all.add((Config.Ldap) one.record()));
    return all;
  }

  List<Config.Oidc> oidc() {
    List<Config.Oidc> all = new ArrayList<>(configured.oidc());
    stored.stream().filter(one -> one.kind() == BackendForm.Kind.OIDC).forEach(one -> all.add((Config.Oidc) one.record()));
    return all;
  }

  /** Reads the stored backends into this node: at start, and whenever an administrator changed them. */
  public Future<Void> load() {
    return pool.query(STORED).execute().map(rows -> {
      List<Stored> read = new ArrayList<>();
      rows.forEach(row -> read.add(stored(row)));
      stored = List.copyOf(read);
      return null;
    });
  }

  private Stored stored(Row row) {
    Map<String, String> open = new LinkedHashMap<>();
    String sealed = row.getString("sealed_secrets");
    String plain = sealed == null ? null : secrets.open(sealed);
    if (sealed != null && plain == null) {
      LOG.warn("the secrets of {} {} were sealed with another key (jwt.secret or jwt.key changed?); set them again",
          row.getString("kind"), row.getString("name"));
    }
    if (plain != null) {
      new JsonObject(plain).forEach(entry -> open.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    BackendForm.Kind kind = BackendForm.Kind.of(row.getString("kind"));
    JsonObject settings = new JsonObject(row.getString("settings"));
    return new Stored(kind, row.getString("name"), settings, open,
        BackendForm.record(kind, row.getString("name"), settings, open), row.getString("changed_by"),
        Rows.instant(row, "change_time"));
  }

  /** Every backend as the admin page shows it: settings, secrets only as set or not, and whether it is locked. */
  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (BackendForm.Kind kind : BackendForm.Kind.values()) {
      List<Map<String, Object>> items = new ArrayList<>();
      (kind == BackendForm.Kind.LDAP ? configured.ldap() : configured.oidc()).forEach(record -> {
        Map<String, Object> one = describe(kind, record);
        one.put("locked", true);
        one.put("source", "config");
        items.add(one);
      });
      stored.stream().filter(one -> one.kind() == kind).forEach(one -> items.add(describe(one)));
      out.put(kind.path, items);
    }
    return out;
  }

  private static Map<String, Object> describe(Stored one) {
    Map<String, Object> out = describe(one.kind(), one.record());
    out.put("locked", false);
    out.put("source", "database");
    out.put("changed_by", one.changedBy());
    out.put("change_time", one.changeTime());
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> describe(BackendForm.Kind kind, Object record) {
    Map<String, Object> all = Json.MAPPER.convertValue(record, Map.class);
    Map<String, Object> out = new LinkedHashMap<>();
    all.forEach((key, value) -> {
      if (kind.secrets.contains(key)) {
        out.put(key + "_set", value != null && !value.toString().isEmpty());
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  /**
   * What a form would be in force as, without saving it, for the test buttons: its secrets, where it leaves them
   * out, those stored under its name.
   */
  Object unsaved(BackendForm.Kind kind, String name, JsonObject form) {
    JsonObject settings = BackendForm.settings(kind, form);
    Map<String, String> kept = find(kind, name).map(Stored::secrets)
        .orElseGet(() -> configuredSecrets(kind, name));
    return BackendForm.record(kind, name, settings, BackendForm.secrets(kind, form, kept));
  }

  private Map<String, String> configuredSecrets(BackendForm.Kind kind, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    if (kind == BackendForm.Kind.LDAP) {
      configured.ldap().stream().filter(l -> l.name().equals(name)).findFirst().ifPresent(l -> {
        putIfSet(out, "bind_password", l.bindPassword());
        putIfSet(out, "trust_store_password", l.trustStorePassword());
      });
    } else {
      configured.oidc().stream().filter(o -> o.name().equals(name)).findFirst()
          .ifPresent(o -> putIfSet(out, "client_secret", o.clientSecret()));
    }
    return out;
  }

  private static void putIfSet(Map<String, String> out, String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(key, value);
    }
  }

  private java.util.Optional<Stored> find(BackendForm.Kind kind, String name) {
    return stored.stream().filter(one -> one.kind() == kind && one.name().equals(name)).findFirst();
  }

  /** Creates or replaces the named backend; 422 for a wrong field or a name the configuration file holds. */
  Future<Map<String, Object>> save(Actor actor, BackendForm.Kind kind, String name, JsonObject form) {
    lockedOrWrongName(kind, name);
    JsonObject settings = BackendForm.settings(kind, form);
    return rolesExist(kind, settings).compose(checked -> pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT kind, name, settings::text AS settings, sealed_secrets, NULL AS changed_by, change_time
                  FROM sign_in_backend WHERE kind = $1 AND name = $2 FOR UPDATE""")
            .execute(Tuple.of(kind.path, name))
            .compose(rows -> {
              Stored before = rows.size() == 0 ? null : stored(rows.iterator().next());
              Map<String, String> kept = BackendForm.secrets(kind, form, before == null ? Map.of() : before.secrets());
              Object record = BackendForm.record(kind, name, settings, kept);
              return tx.preparedQuery("""
                      INSERT INTO sign_in_backend (kind, name, settings, sealed_secrets, change_by, change_time)
                      VALUES ($1, $2, $3::text::jsonb, $4, $5, now())
                      ON CONFLICT (kind, name) DO UPDATE
                         SET settings = excluded.settings, sealed_secrets = excluded.sealed_secrets,
                             change_by = excluded.change_by, change_time = excluded.change_time""")
                  .execute(Tuple.of(kind.path, name, settings.encode(),
                      kept.isEmpty() ? null : secrets.seal(new JsonObject(new LinkedHashMap<>(kept)).encode()),
                      actor.principal().userId()))
                  .compose(written -> changed(tx, actor, kind, name, before == null ? "sign_in.create"
                      : "sign_in.update", before == null ? null
                      : describe(kind, before.record()), describe(kind, record)));
            })))
        .compose(done -> load())
        .map(loaded -> describe(find(kind, name).orElseThrow()));
  }

  /** A 422 for each role the form maps to that GOTRS does not have (a typo would give no one that role). */
  private Future<Void> rolesExist(BackendForm.Kind kind, JsonObject settings) {
    Map<String, List<String>> named = new LinkedHashMap<>();
    String mapField = kind == BackendForm.Kind.LDAP ? "group_roles" : "roles";
    JsonObject map = settings.getJsonObject(mapField);
    named.put(mapField, map == null ? List.of() : map.stream().map(entry -> String.valueOf(entry.getValue())).toList());
    String defaultRole = settings.getString("default_role");
    named.put("default_role", defaultRole == null || defaultRole.isBlank() ? List.of() : List.of(defaultRole));
    String[] all = named.values().stream().flatMap(List::stream).distinct().toArray(String[]::new);
    if (all.length == 0) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("SELECT name FROM roles WHERE name = ANY($1) AND valid_id = 1")
        .execute(Tuple.of(all))
        .compose(rows -> {
          java.util.Set<String> known = new java.util.HashSet<>();
          rows.forEach(row -> known.add(row.getString("name")));
          List<Problem.FieldError> errors = new ArrayList<>();
          named.forEach((field, roles) -> roles.stream().filter(role -> !known.contains(role)).findFirst()
              .ifPresent(role -> errors.add(new Problem.FieldError(field, "names the role " + role
                  + ", which GOTRS does not have (or is invalid)"))));
          return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Problem.invalid(errors));
        });
  }

  Future<Void> remove(Actor actor, BackendForm.Kind kind, String name) {
    lockedOrWrongName(kind, name);
    return pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM sign_in_backend WHERE kind = $1 AND name = $2
             RETURNING kind, name, settings::text AS settings, sealed_secrets, NULL AS changed_by, change_time""")
            .execute(Tuple.of(kind.path, name))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(Problem.notFound("no stored " + kind.path + " backend named " + name));
              }
              Stored before = stored(rows.iterator().next());
              return changed(tx, actor, kind, name, "sign_in.delete", describe(kind, before.record()), null);
            }))
        .compose(done -> load());
  }

  private void lockedOrWrongName(BackendForm.Kind kind, String name) {
    if (!BackendForm.NAME.matcher(name).matches()) {
      throw Problem.invalid("name", "is 1 to 60 lower-case letters, digits, - or _, starting with a letter or digit");
    }
    boolean locked = kind == BackendForm.Kind.LDAP
        ? configured.ldap().stream().anyMatch(l -> l.name().equals(name))
        : configured.oidc().stream().anyMatch(o -> o.name().equals(name));
    if (locked) {
      throw Problem.invalid("name", "is set in the configuration file (" + kind.setting + "), which wins");
    }
  }

  /** Audits the change (secrets only as set or not) and tells every node to reload. */
  private Future<Void> changed(SqlClient tx, Actor actor, BackendForm.Kind kind, String name, String action,
                               Map<String, Object> before, Map<String, Object> after) {
    return audit.record(tx, actor, AuditLog.Entry.success(action, "sign_in_backend", kind.path + ":" + name,
            before, after))
        .compose(audited -> events.record(tx, EventName.SETTINGS_CHANGED, List.of(Topic.SYSTEM),
            new JsonObject().put("keys", new JsonArray().add(kind.setting))))
        .mapEmpty();
  }
}
