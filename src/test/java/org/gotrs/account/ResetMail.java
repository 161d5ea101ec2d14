package org.gotrs.account;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.testing.Await;

/** Reads the password-reset mails GreenMail received: how many reached an address, and the link in the newest. */
public final class ResetMail {

  private static final Pattern LINK = Pattern.compile("(http\\S+/portal/#/reset/([A-Za-z0-9_-]+))");

  private ResetMail() {}

  public static List<MimeMessage> to(GreenMail smtp, String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Waits for the {@code n}th mail to the address and returns the reset link in it. */
  public static String link(GreenMail smtp, String address, int n) {
    Await.until(Duration.ofSeconds(20), () -> to(smtp, address).size() >= n,
        () -> "no password-reset mail number " + n + " to " + address);
    Matcher matcher = LINK.matcher(text(to(smtp, address).get(n - 1)));
    if (!matcher.find()) {
      throw new AssertionError("no reset link in the mail to " + address);
    }
    return matcher.group(1);
  }

  /** The token at the end of a reset link. */
  public static String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  public static String text(MimeMessage message) {
    try {
      Object content = message.getContent();
      if (content instanceof Multipart multipart) {
        return String.valueOf(multipart.getBodyPart(0).getContent());
      }
      return String.valueOf(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
