package org.gotrs.drills;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway certificate for localhost, made with the JDK's keytool and written out as PEM files. */
record SelfSignedCertificate(Path certificate, Path privateKey) {

  static SelfSignedCertificate create(Path dir) {
    Path store = dir.resolve("drill.p12");
    char[] password = "drill-store".toCharArray();
    try {
      Process keytool = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "drill",
          "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
          "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
          "-storepass", new String(password), "-keypass", new String(password)))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException("keytool could not create a certificate");
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      PrivateKey key = (PrivateKey) keys.getKey("drill", password);
      Certificate certificate = keys.getCertificate("drill");
      Path certFile = dir.resolve("drill-cert.pem");
      Path keyFile = dir.resolve("drill-key.pem");
      Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new SelfSignedCertificate(certFile, keyFile);
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
