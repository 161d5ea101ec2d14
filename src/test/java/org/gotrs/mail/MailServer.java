package org.gotrs.mail;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.gotrs.testing.Await;

/** A real SMTP/IMAP/POP3 server in the test JVM (GreenMail) on free ports, and raw messages for it. */
final class MailServer implements AutoCloseable {

  final GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));
  private final Session session = Session.getInstance(new Properties());

  MailServer() {
    greenMail.start();
  }

  GreenMailUser user(String email, String login, String password) {
    return greenMail.setUser(email, login, password);
  }

  /** Drops the message, byte for byte, into the user's inbox, as if it had been delivered to it. */
  void deliver(GreenMailUser user, String raw) {
    deliver(user, crlf(raw));
  }

  void deliver(GreenMailUser user, byte[] raw) {
    try {
      user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  int inboxSize(GreenMailUser user) {
    try {
      return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What SMTP delivered to this address. */
  List<MimeMessage> receivedBy(String email) {
    return greenMail.findReceivedMessages(user -> email.equalsIgnoreCase(user.getEmail()), message -> true).toList();
  }

  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  int imapPort() {
    return greenMail.getImap().getPort();
  }

  int pop3Port() {
    return greenMail.getPop3().getPort();
  }

  static byte[] crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Polls until the condition holds or the deadline passes. */
  static void await(String what, BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(30), condition, () -> "timed out waiting for " + what);
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
