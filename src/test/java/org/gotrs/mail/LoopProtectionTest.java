package org.gotrs.mail;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoopProtectionTest {

  private static final Set<String> OWN = Set.of("support@helpdesk.test");

  private static ParsedMail mail(String headers) throws Exception {
    String raw = (headers + "\nSubject: hello\n\nbody\n").replace("\n", "\r\n");
    return new MailParser().parse(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a person's mail may be answered")
  void person() throws Exception {
    assertNull(LoopProtection.reason(mail("From: alice@example.com"), OWN));
    assertNull(LoopProtection.reason(mail("From: alice@example.com\nAuto-Submitted: no"), OWN));
  }

  @Test
  @DisplayName("auto-replies, loops, bulk and list mail, reports, daemons and the help desk itself are never answered")
  void machines() throws Exception {
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nAuto-Submitted: auto-replied"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nX-Loop: helpdesk"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nPrecedence: bulk"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nPrecedence: list"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nPrecedence: junk"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nList-Id: <news.example.com>"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nX-Auto-Response-Suppress: OOF, AutoReply"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: MAILER-DAEMON@mx.example.com"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: postmaster@example.com"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: alice@example.com\nReturn-Path: <>"), OWN));
    assertNotNull(LoopProtection.reason(mail("From: Support <SUPPORT@helpdesk.test>"), OWN));
    assertNotNull(LoopProtection.reason(mail("Subject-only: yes"), OWN));
  }
}
