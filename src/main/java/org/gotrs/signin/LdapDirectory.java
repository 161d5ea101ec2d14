package org.gotrs.signin;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.File;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.TrustManager;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LDAP directory or Active Directory, asked as OTRS's {@code AuthModule::LDAP} does: bind as the service account,
 * search the login, read its groups, then bind as the user with the password given. Every call blocks; callers run it
 * on a worker. A directory that cannot be reached, or answers too late, is a 503.
 */
final class LdapDirectory {

  /** What the directory holds for a login: its entry's fields by GOTRS name and the {@code cn}s of its groups. */
  record Entry(String dn, Map<String, String> fields, TreeSet<String> groups, boolean disabled) {}

  /** The answer to a login and password; {@code entry} null when the directory does not know the login. */
  record Lookup(Entry entry, boolean passwordAccepted) {}

  private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
  /** What a broken connection fails with, rather than a directory's answer or its silence. */
  private static final Set<ResultCode> RETRIED = Set.of(ResultCode.CONNECT_ERROR, ResultCode.SERVER_DOWN,
      ResultCode.LOCAL_ERROR, ResultCode.DECODING_ERROR);

  private final Config.Ldap settings;

  LdapDirectory(Config.Ldap settings) {
    this.settings = settings;
  }

  Config.Ldap settings() {
    return settings;
  }

  String source() {
    return "ldap:" + settings.name();
  }

  /** Looks the login up and, when {@code password} is given, checks it by binding as the user. */
  Lookup lookup(String login, String password) {
    try (LDAPConnection connection = connect()) {
      Entry entry = find(connection, login);
      if (entry == null || entry.disabled() || password == null) {
        return new Lookup(entry, false);
      }
      return new Lookup(entry, bindsAs(connection, entry.dn(), password));
    } catch (LDAPException e) {
      throw unavailable(e);
    }
  }

  /**
   * A connection bound as the service account. A connection the network or the TLS handshake broke (a directory
   * busy accepting, a StartTLS answered late under load) is tried once more; a directory that answered (a refused
   * service account) or did not answer at all within the timeout is not.
   */
  private LDAPConnection connect() throws LDAPException {
    try {
      return connectOnce();
    } catch (LDAPException first) {
      if (!RETRIED.contains(first.getResultCode())) {
        throw first;
      }
      LOG.info("directory {}: connecting again after {}", settings.name(), first.getMessage());
      return connectOnce();
    }
  }

  private LDAPConnection connectOnce() throws LDAPException {
    LDAPURL url = new LDAPURL(settings.url());
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(settings.timeoutMillis());
    options.setResponseTimeoutMillis(settings.timeoutMillis());
    options.setAbandonOnTimeout(true);
    boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
    SSLUtil ssl = ldaps || settings.startTls() ? new SSLUtil(trustManager()) : null;
    if (ssl != null) {
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    }
    LDAPConnection connection;
    try {
      connection = ldaps
          ? new LDAPConnection(ssl.createSSLSocketFactory(), options, url.getHost(), url.getPort())
          : new LDAPConnection(options, url.getHost(), url.getPort());
    } catch (GeneralSecurityException e) {
      throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS: " + e.getMessage(), e);
    }
    try {
      if (settings.startTls() && !ldaps) {
        ExtendedResult started;
        try {
          started = connection.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
        } catch (LDAPException e) {
          // the handshake's own failures (and a StartTLS answered too late) say the connection broke, not the
          // directory: worth one more connection
          throw e.getResultCode() == ResultCode.TIMEOUT ? new LDAPException(ResultCode.CONNECT_ERROR,
              "StartTLS not answered in time: " + e.getMessage(), e) : e;
        }
        if (started.getResultCode() != ResultCode.SUCCESS) {
          throw new LDAPException(started.getResultCode(), "StartTLS refused: " + started.getDiagnosticMessage());
        }
      }
      if (settings.bindDn() != null && !settings.bindDn().isBlank()) {
        connection.bind(settings.bindDn(), settings.bindPassword());
      }
      return connection;
    } catch (LDAPException | GeneralSecurityException e) {
      connection.close();
      throw e instanceof LDAPException ldap ? ldap
          : new LDAPException(ResultCode.LOCAL_ERROR, "TLS: " + e.getMessage(), e);
    }
  }

  private TrustManager trustManager() throws LDAPException {
    String path = settings.trustStore();
    if (path == null || path.isBlank()) {
      return JVMDefaultTrustManager.getInstance();
    }
    if (path.endsWith(".pem") || path.endsWith(".crt")) {
      try {
        return new PEMFileTrustManager(new File(path));
      } catch (GeneralSecurityException e) {
        throw new LDAPException(ResultCode.PARAM_ERROR, "cannot read the trust store " + path + ": " + e.getMessage(),
            e);
      }
    }
    String password = settings.trustStorePassword();
    return new TrustStoreTrustManager(new File(path), password == null ? null : password.toCharArray(), null, true);
  }

  private Entry find(LDAPConnection connection, String login) throws LDAPException {
    Map<String, String> attributes = settings.attributes();
    String loginAttribute = attributes.getOrDefault("login", "uid");
    String filter = (settings.userFilter() == null || settings.userFilter().isBlank()
        ? "(" + loginAttribute + "={login})" : settings.userFilter()).replace("{login}", Filter.encodeValue(login));
    SearchResult found = connection.search(settings.baseDn(), SearchScope.SUB, filter,
        attributes.values().toArray(String[]::new));
    if (found.getEntryCount() != 1) {
      return null;
    }
    SearchResultEntry entry = found.getSearchEntries().get(0);
    Map<String, String> fields = new LinkedHashMap<>();
    attributes.forEach((field, attribute) -> {
      String value = entry.getAttributeValue(attribute);
      if (value != null && !value.isBlank()) {
        fields.put(field, value.strip());
      }
    });
    fields.putIfAbsent("login", login);
    boolean disabled = settings.disabledFilter() != null && !settings.disabledFilter().isBlank()
        && connection.search(entry.getDN(), SearchScope.BASE, settings.disabledFilter(), "1.1").getEntryCount() > 0;
    return new Entry(entry.getDN(), fields, groups(connection, entry.getDN(), fields.get("login")), disabled);
  }

  /** The {@code cn}s of the groups that list the entry: by DN ({@code member}, {@code uniqueMember}) or by login. */
  private TreeSet<String> groups(LDAPConnection connection, String dn, String login) throws LDAPException {
    TreeSet<String> groups = new TreeSet<>();
    if (settings.groupBaseDn() == null || settings.groupBaseDn().isBlank()) {
      return groups;
    }
    String attribute = settings.groupMemberAttribute() == null || settings.groupMemberAttribute().isBlank()
        ? "member" : settings.groupMemberAttribute();
    String member = "memberUid".equalsIgnoreCase(attribute) ? login : dn;
    SearchResult found = connection.search(settings.groupBaseDn(), SearchScope.SUB,
        Filter.createEqualityFilter(attribute, member), "cn");
    for (SearchResultEntry group : found.getSearchEntries()) {
      String cn = group.getAttributeValue("cn");
      if (cn != null) {
        groups.add(cn);
      }
    }
    return groups;
  }

  /** Binds as the user on the same connection, last, since its rights are the user's from then on. */
  private static boolean bindsAs(LDAPConnection connection, String dn, String password) throws LDAPException {
    if (password.isEmpty()) {
      return false;  // an empty password is an anonymous bind, which many directories accept
    }
    BindRequest bind = new SimpleBindRequest(dn, password);
    try {
      return connection.bind(bind).getResultCode() == ResultCode.SUCCESS;
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM
          || e.getResultCode() == ResultCode.INAPPROPRIATE_AUTHENTICATION) {
        return false;
      }
      throw e;
    }
  }

  private Problem unavailable(LDAPException e) {
    LOG.warn("directory {}: {}", settings.name(), e.getMessage());
    return Problem.unavailable("the directory " + settings.name() + " cannot be used now ("
        + e.getResultCode().getName() + "); try again later");
  }
}
