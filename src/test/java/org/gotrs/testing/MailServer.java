package org.gotrs.testing;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A real SMTP/IMAP/POP3 server in the test JVM (GreenMail) on free ports: what the server sends arrives here, and
 * raw messages can be dropped into its mailboxes for the server to fetch.
 */
public final class MailServer implements AutoCloseable {

  private final GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));
  private final Session session = Session.getInstance(new Properties());

  public MailServer() {
    greenMail.start();
  }

  /**
   * A mailbox with this login and password; one GreenMail opened by itself for mail GOTRS sent there earlier (a
   * customer's acknowledgement, say) is replaced, as a fresh account would be.
   */
  public GreenMailUser user(String email, String login, String password) {
    GreenMailUser existing = greenMail.getUserManager().getUserByEmail(email);
    if (existing != null && !existing.getLogin().equals(login)) {
      greenMail.getUserManager().deleteUser(existing);
    }
    return greenMail.setUser(email, login, password);
  }

  /** Drops the message, byte for byte, into the user's inbox, as if it had been delivered to it. */
  public void deliver(GreenMailUser user, String raw) {
    deliver(user, crlf(raw));
  }

  public void deliver(GreenMailUser user, byte[] raw) {
    try {
      user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public int inboxSize(GreenMailUser user) {
    try {
      return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What SMTP delivered to this address. */
  public List<MimeMessage> receivedBy(String email) {
    return greenMail.findReceivedMessages(user -> email.equalsIgnoreCase(user.getEmail()), message -> true).toList();
  }

  /**
   * What the server sent with this address in To or Cc, as the headers name it (a Bcc arrives in the mailbox
   * without being named: see {@link #receivedBy}).
   */
  public List<MimeMessage> addressedTo(String email) {
    return List.of(greenMail.getReceivedMessages()).stream().filter(message -> {
      try {
        return message.getAllRecipients() != null && List.of(message.getAllRecipients()).stream()
            .anyMatch(recipient -> recipient.toString().toLowerCase().contains(email.toLowerCase()));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The {@code smtp} settings of a server that sends here. */
  public JsonObject smtpConfig() {
    return new JsonObject().put("host", "127.0.0.1").put("port", smtpPort()).put("tls", false);
  }

  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  public int imapPort() {
    return greenMail.getImap().getPort();
  }

  public int pop3Port() {
    return greenMail.getPop3().getPort();
  }

  public static byte[] crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Polls until the condition holds or the deadline passes. */
  public static void await(String what, BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(30), condition, () -> "timed out waiting for " + what);
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
