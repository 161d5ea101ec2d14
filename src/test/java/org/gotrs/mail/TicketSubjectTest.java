package org.gotrs.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TicketSubjectTest {

  @Test
  @DisplayName("the Ticket# hook is found with or without brackets and colon, in any case")
  void findsNumbers() {
    assertEquals(List.of("2024010110000011"), TicketSubject.numbers("Re: [Ticket#2024010110000011] Printer"));
    assertEquals(List.of("123"), TicketSubject.numbers("AW: ticket#: 123 still broken"));
    assertEquals(List.of(), TicketSubject.numbers("Ticket #123 is not the hook"));
    assertEquals(List.of(), TicketSubject.numbers(null));
  }

  @Test
  @DisplayName("outgoing subjects carry one hook after the reply prefix")
  void formats() {
    assertEquals("[Ticket#42] Printer on fire", TicketSubject.format("42", "Printer on fire"));
    assertEquals("Re: [Ticket#42] Printer on fire", TicketSubject.format("42", "RE: Printer on fire"));
    assertEquals("Re: [Ticket#42] Printer on fire", TicketSubject.format("42", "Re: [Ticket#42] Printer on fire"));
    assertEquals("[Ticket#42]", TicketSubject.format("42", null));
    assertEquals("Fwd: [Ticket#42] Invoice", TicketSubject.format("42", "Fwd: Invoice"));
    assertEquals("Re: [Ticket#42] Invoice", TicketSubject.format("42", "Re: Fwd: Invoice"));
  }

  @Test
  @DisplayName("a ticket opened from a reply is titled without hooks and prefixes")
  void cleans() {
    assertEquals("Printer on fire", TicketSubject.clean("Re: Fwd: [Ticket#42] Printer on fire"));
  }
}
