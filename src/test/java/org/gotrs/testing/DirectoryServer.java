package org.gotrs.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.cert.ManageCertificates;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.util.Map;

/**
 * A real LDAP server in the test JVM (UnboundID's in-memory directory) with a self-signed certificate: plain LDAP
 * with StartTLS on one port, LDAPS on another. People live under {@code ou=people}, groups (with {@code member} DNs
 * and {@code memberUid} logins) under {@code ou=groups}.
 */
public final class DirectoryServer implements AutoCloseable {

  public static final String BASE = "dc=example,dc=com";
  public static final String SERVICE_DN = "cn=svc,dc=example,dc=com";
  public static final String SERVICE_PASSWORD = "service-secret";

  private final InMemoryDirectoryServer server;
  private final File keyStore;
  private final char[] keyStorePin;

  public DirectoryServer() {
    try {
      keyStore = Scratch.directory("directory").resolve("server.p12").toFile();
      keyStorePin = "directory-key-pin".toCharArray();
      ResultCode generated = ManageCertificates.main(null, System.out, System.err,
          "generate-self-signed-certificate", "--keystore", keyStore.getAbsolutePath(),
          "--keystore-password", new String(keyStorePin), "--keystore-type", "PKCS12", "--alias", "server-cert",
          "--subject-dn", "CN=localhost", "--subject-alternative-name-dns", "localhost",
          "--subject-alternative-name-ip-address", "127.0.0.1", "--days-valid", "2");
      if (generated != ResultCode.SUCCESS) {
        throw new IllegalStateException("cannot make the test directory's certificate: " + generated);
      }
      SSLUtil serverTls = new SSLUtil(new KeyStoreKeyManager(keyStore, keyStorePin, "PKCS12", "server-cert"),
          new TrustAllTrustManager());
      SSLUtil clientTls = new SSLUtil(new TrustAllTrustManager());
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
      config.setSchema(null);
      config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, serverTls.createSSLSocketFactory()),
          InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, serverTls.createSSLServerSocketFactory(),
              clientTls.createSSLSocketFactory()));
      server = new InMemoryDirectoryServer(config);
      server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
      server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
      server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
      server.startListening();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test directory", e);
    }
  }

  public void person(String uid, String password, String givenName, String sn, String mail, String... extra) {
    String[] lines = new String[8 + extra.length];
    lines[0] = "dn: uid=" + uid + ",ou=people," + BASE;
    lines[1] = "objectClass: inetOrgPerson";
    lines[2] = "uid: " + uid;
    lines[3] = "userPassword: " + password;
    lines[4] = "givenName: " + givenName;
    lines[5] = "sn: " + sn;
    lines[6] = "cn: " + givenName + " " + sn;
    lines[7] = "mail: " + mail;
    System.arraycopy(extra, 0, lines, 8, extra.length);
    add(lines);
  }

  /** A group listing its members by DN ({@code member}) and by login ({@code memberUid}). */
  public void group(String cn, String... uids) {
    String[] lines = new String[3 + 2 * uids.length];
    lines[0] = "dn: cn=" + cn + ",ou=groups," + BASE;
    lines[1] = "objectClass: groupOfNames";
    lines[2] = "cn: " + cn;
    for (int i = 0; i < uids.length; i++) {
      lines[3 + 2 * i] = "member: uid=" + uids[i] + ",ou=people," + BASE;
      lines[4 + 2 * i] = "memberUid: " + uids[i];
    }
    add(lines);
  }

  public void modify(String uid, String... ldif) {
    String[] lines = new String[ldif.length + 2];
    lines[0] = "dn: uid=" + uid + ",ou=people," + BASE;
    lines[1] = "changetype: modify";
    System.arraycopy(ldif, 0, lines, 2, ldif.length);
    try {
      server.modify(lines);
    } catch (LDAPException | LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  public void remove(String dn) {
    try {
      server.delete(dn);
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private void add(String... lines) {
    try {
      server.add(lines);
    } catch (LDAPException | LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code auth.ldap} entry of a directory here; {@code tls}: {@code starttls}, {@code ldaps} or {@code none}. */
  public JsonObject config(String name, String audience, String tls) {
    String url = "ldaps".equals(tls) ? "ldaps://localhost:" + server.getListenPort("ldaps")
        : "ldap://localhost:" + server.getListenPort("ldap");
    return new JsonObject()
        .put("name", name).put("url", url).put("start_tls", "starttls".equals(tls))
        .put("trust_store", "none".equals(tls) ? "" : keyStore.getAbsolutePath())
        .put("trust_store_password", new String(keyStorePin))
        .put("bind_dn", SERVICE_DN).put("bind_password", SERVICE_PASSWORD)
        .put("base_dn", "ou=people," + BASE).put("user_filter", "(&(objectClass=inetOrgPerson)(uid={login}))")
        .put("disabled_filter", "(employeeType=disabled)")
        .put("for", audience)
        .put("attributes", new JsonObject(Map.of("login", "uid", "email", "mail", "first_name", "givenName",
            "last_name", "sn", "phone", "telephoneNumber", "customer_id", "o")))
        .put("group_base_dn", "ou=groups," + BASE)
        .put("timeout_millis", 5000);
  }

  @Override
  public void close() {
    server.shutDown(true);
    keyStore.delete();
  }
}
