package org.gotrs.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MailParserTest {

  private final MailParser parser = new MailParser();

  private static byte[] bytes(String text, java.nio.charset.Charset charset) {
    return text.replace("\n", "\r\n").getBytes(charset);
  }

  @Test
  @DisplayName("headers are decoded: an RFC 2047 subject, the sender's address in lower case, the threading ids")
  void headers() throws Exception {
    ParsedMail mail = parser.parse(bytes("""
        From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen@Example.COM>
        To: Support <support@helpdesk.test>, other@helpdesk.test
        Cc: boss@example.com
        Subject: =?ISO-8859-1?Q?Dr=FCcker_kaputt?=
        Message-ID: <abc@example.com>
        In-Reply-To: <parent@helpdesk.test>
        References: <root@example.com>
         <parent@helpdesk.test>
        Content-Type: text/plain; charset=utf-8

        Hallo
        """, StandardCharsets.UTF_8));
    assertEquals("Drücker kaputt", mail.subject());
    assertEquals("juergen@example.com", mail.fromAddress());
    assertEquals("\"Jürgen Müller\" <Juergen@Example.COM>", mail.from());
    assertEquals("Support <support@helpdesk.test>, other@helpdesk.test", mail.to());
    assertEquals("boss@example.com", mail.cc());
    assertEquals("<abc@example.com>", mail.messageId());
    assertEquals(List.of("<parent@helpdesk.test>", "<root@example.com>"), mail.referencedIds());
    assertEquals("Hallo\r\n", mail.plainBody());
    assertNull(mail.htmlBody());
  }

  @Test
  @DisplayName("bodies are read in their declared charset; undeclared 8-bit text that is not UTF-8 reads as Windows-1252")
  void charsets() throws Exception {
    ParsedMail latin = parser.parse(bytes("""
        From: a@example.com
        Subject: x
        Content-Type: text/plain; charset=ISO-8859-1
        Content-Transfer-Encoding: 8bit

        Grüße
        """, StandardCharsets.ISO_8859_1));
    assertEquals("Grüße\r\n", latin.plainBody());
    ParsedMail undeclared = parser.parse(bytes("""
        From: a@example.com
        Subject: x
        Content-Type: text/plain
        Content-Transfer-Encoding: 8bit

        Café
        """, StandardCharsets.ISO_8859_1));
    assertEquals("Café\r\n", undeclared.plainBody());
  }

  @Test
  @DisplayName("plain and HTML alternatives become the bodies; an attachment and an inline image keep their bytes")
  void partsAndBodies() throws Exception {
    byte[] image = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    byte[] file = new byte[300];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (i * 7);
    }
    ParsedMail mail = parser.parse(bytes("""
        From: a@example.com
        Subject: parts
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/related; boundary="related"

        --related
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=utf-8

        plain text
        --alt
        Content-Type: text/html; charset=utf-8

        <p>html <img src="cid:logo@x"></p>
        --alt--
        --related
        Content-Type: image/png
        Content-ID: <logo@x>
        Content-Transfer-Encoding: base64

        %s
        --related--
        --outer
        Content-Type: application/octet-stream; name="data.bin"
        Content-Disposition: attachment; filename="data.bin"
        Content-Transfer-Encoding: base64

        %s
        --outer--
        """.formatted(Base64.getEncoder().encodeToString(image), Base64.getMimeEncoder().encodeToString(file)),
        StandardCharsets.US_ASCII));
    assertEquals("plain text", mail.plainBody().strip());
    assertTrue(mail.htmlBody().contains("cid:logo@x"));
    assertEquals(2, mail.parts().size());
    ParsedMail.Part inline = mail.parts().get(0);
    assertEquals("inline", inline.disposition());
    assertEquals("logo@x", inline.contentId());
    assertEquals("image/png", inline.contentType());
    assertArrayEquals(image, inline.bytes());
    ParsedMail.Part attachment = mail.parts().get(1);
    assertEquals("attachment", attachment.disposition());
    assertEquals("data.bin", attachment.filename());
    assertArrayEquals(file, attachment.bytes());
  }

  @Test
  @DisplayName("a multipart whose boundary never appears, or a broken base64 part, cannot be read")
  void malformed() {
    assertThrows(Exception.class, () -> parser.parse(bytes("""
        From: a@example.com
        Subject: broken
        Message-ID: <broken@example.com>
        Content-Type: multipart/mixed; boundary="nowhere"

        this body has no parts at all
        """, StandardCharsets.US_ASCII)));
    assertThrows(Exception.class, () -> parser.parse(bytes("""
        From: a@example.com
        Subject: broken
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: application/octet-stream
        Content-Disposition: attachment; filename="x.bin"
        Content-Transfer-Encoding: base64

        ###not base64 at all###
        --b--
        """, StandardCharsets.US_ASCII)));
  }

  @Test
  @DisplayName("a message's key is the MD5 of its Message-ID, or of its bytes when it has none")
  void identity() {
    byte[] withId = bytes("Message-ID: <k@example.com>\nSubject: s\n\nbody\n", StandardCharsets.US_ASCII);
    assertEquals(org.apache.commons.codec.digest.DigestUtils.md5Hex("<k@example.com>"), MailParser.identify(withId).key());
    byte[] without = bytes("Subject: s\n\nbody\n", StandardCharsets.US_ASCII);
    assertEquals(org.apache.commons.codec.digest.DigestUtils.md5Hex(without), MailParser.identify(without).key());
    assertEquals("s", MailParser.identify(without).subject());
  }
}
