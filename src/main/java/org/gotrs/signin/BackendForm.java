package org.gotrs.signin;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gotrs.config.Config;
import org.gotrs.http.Input;
import org.gotrs.json.Json;

/**
 * An administrator's form of an {@code auth.ldap} or {@code auth.oidc} entry, checked field by field (one 422 names
 * every wrong one) and read into the record the configuration file would give. Secrets come separately: a form
 * leaves a secret out (or sends null) to keep the stored one, sends {@code ""} to clear it.
 */
final class BackendForm {

  /** What a backend is, in the API's path and the database's {@code kind}. */
  enum Kind {
    LDAP("ldap", "auth.ldap", List.of("bind_password", "trust_store_password")),
    OIDC("oidc", "auth.oidc", List.of("client_secret"));

    final String path;
    final String setting;
    final List<String> secrets;

    Kind(String path, String setting, List<String> secrets) {
      this.path = path;
      this.setting = setting;
      this.secrets = secrets;
    }

    static Kind of(String path) {
      return OIDC.path.equals(path) ? OIDC : LDAP;
    }
  }

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,59}");
  private static final Set<String> FIELDS = Set.of("login", "email", "first_name", "last_name", "phone",
      "customer_id");
  private static final Set<String> MEMBER_ATTRIBUTES = Set.of("member", "uniqueMember", "memberUid");
  private static final int LONGEST = 1000;

  private BackendForm() {}

  /** The form's settings without its secrets, as stored; throws the 422 of every wrong field. */
  static JsonObject settings(Kind kind, JsonObject form) {
    Input input = Input.of(form);
    JsonObject out = new JsonObject();
    String audience = input.string("for", true, 20);
    if (audience != null && !audience.equals("agents") && !audience.equals("customers")) {
      input.error("for", "is agents or customers");
    }
    out.put("for", audience);
    if (kind == Kind.LDAP) {
      ldap(input, out);
    } else {
      oidc(input, out);
    }
    for (String secret : kind.secrets) {
      if (input.has(secret)) {
        input.string(secret, false, LONGEST);
      }
    }
    input.validate();
    return out;
  }

  private static void ldap(Input input, JsonObject out) {
    String url = input.string("url", true, LONGEST);
    if (url != null) {
      try {
        LDAPURL parsed = new LDAPURL(url);
        if (!parsed.getScheme().equalsIgnoreCase("ldap") && !parsed.getScheme().equalsIgnoreCase("ldaps")) {
          input.error("url", "is ldap://host:389 or ldaps://host:636");
        }
      } catch (LDAPException e) {
        input.error("url", "is ldap://host:389 or ldaps://host:636");
      }
    }
    out.put("url", url);
    out.put("start_tls", Boolean.TRUE.equals(input.bool("start_tls", false)));
    out.put("trust_store", input.string("trust_store", false, LONGEST));
    out.put("bind_dn", dn(input, "bind_dn", false));
    out.put("base_dn", dn(input, "base_dn", true));
    String userFilter = filter(input, "user_filter");
    if (userFilter != null && !userFilter.isBlank() && !userFilter.contains("{login}")) {
      input.error("user_filter", "must contain {login} where the login goes");
    }
    out.put("user_filter", userFilter);
    out.put("disabled_filter", filter(input, "disabled_filter"));
    JsonObject attributes = map(input, "attributes");
    if (attributes != null) {
      attributes.fieldNames().stream().filter(field -> !FIELDS.contains(field)).findFirst().ifPresent(field ->
          input.error("attributes", "maps the GOTRS fields " + String.join(", ", FIELDS.stream().sorted().toList())
              + ", not " + field));
    }
    out.put("attributes", attributes);
    out.put("group_base_dn", dn(input, "group_base_dn", false));
    String member = input.string("group_member_attribute", false, 40);
    if (member != null && !member.isBlank() && !MEMBER_ATTRIBUTES.contains(member)) {
      input.error("group_member_attribute", "is member, uniqueMember or memberUid");
    }
    out.put("group_member_attribute", member);
    out.put("group_roles", map(input, "group_roles"));
    Integer timeout = input.integer("timeout_millis", false);
    if (timeout != null && (timeout < 100 || timeout > 60_000)) {
      input.error("timeout_millis", "must be from 100 to 60000");
    }
    out.put("timeout_millis", timeout == null ? 5000 : timeout);
  }

  private static void oidc(Input input, JsonObject out) {
    out.put("label", input.string("label", false, 100));
    String issuer = input.string("issuer", true, LONGEST);
    if (issuer != null) {
      try {
        URI uri = new URI(issuer);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
          input.error("issuer", "is the provider's https:// address");
        }
      } catch (URISyntaxException e) {
        input.error("issuer", "is the provider's https:// address");
      }
    }
    out.put("issuer", issuer);
    out.put("client_id", input.string("client_id", true, LONGEST));
    List<String> scopes = input.strings("scopes", false, 200);
    if (scopes != null && !scopes.contains("openid")) {
      input.error("scopes", "must include openid");
    }
    out.put("scopes", scopes);
    out.put("login_claim", input.string("login_claim", false, 200));
    out.put("company_claim", input.string("company_claim", false, 200));
    out.put("auto_provision", Boolean.TRUE.equals(input.bool("auto_provision", false)));
    out.put("default_role", input.string("default_role", false, 200));
    out.put("role_claim", input.string("role_claim", false, 200));
    out.put("roles", map(input, "roles"));
    out.put("mfa_satisfies_totp", Boolean.TRUE.equals(input.bool("mfa_satisfies_totp", false)));
  }

  private static String dn(Input input, String field, boolean required) {
    String value = input.string(field, required, LONGEST);
    if (value != null && !value.isBlank() && !DN.isValidDN(value)) {
      input.error(field, "is no distinguished name (cn=...,dc=example,dc=com)");
    }
    return value;
  }

  private static String filter(Input input, String field) {
    String value = input.string(field, false, LONGEST);
    if (value != null && !value.isBlank()) {
      try {
        Filter.create(value.replace("{login}", "x"));
      } catch (LDAPException e) {
        input.error(field, "is no LDAP filter: " + e.getMessage());
      }
    }
    return value;
  }

  /** An object of names to names (attribute and role maps). */
  private static JsonObject map(Input input, String field) {
    JsonObject value = input.object(field, false);
    if (value == null) {
      return null;
    }
    for (Map.Entry<String, Object> entry : value) {
      if (!(entry.getValue() instanceof String text) || text.isBlank() || text.length() > 200
          || entry.getKey().isBlank() || entry.getKey().length() > 200) {
        input.error(field, "maps names to names (each at most 200 characters)");
        return null;
      }
    }
    return value;
  }

  /** The secrets to keep: the stored ones, each replaced by the form's when it sends one, dropped when it sends "". */
  static Map<String, String> secrets(Kind kind, JsonObject form, Map<String, String> stored) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String secret : kind.secrets) {
      Object sent = form.getValue(secret);
      String value = sent instanceof String text ? text : stored.get(secret);
      if (value != null && !value.isEmpty()) {
        out.put(secret, value);
      }
    }
    return out;
  }

  /** The record the configuration file would give for these settings and secrets. */
  static Object record(Kind kind, String name, JsonObject settings, Map<String, String> secrets) {
    JsonObject whole = settings.copy().put("name", name);
    secrets.forEach(whole::put);
    Class<?> type = kind == Kind.LDAP ? Config.Ldap.class : Config.Oidc.class;
    return Json.MAPPER.convertValue(whole.getMap(), type);
  }
}
