package org.gotrs.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which {@code @login}s a note mentions. */
class NotificationMentionsTest {

  @Test
  @DisplayName("a login after @ is a mention, whatever punctuation follows it; each login once, lower-cased")
  void mentions() {
    assertEquals(List.of("henrik", "anna.berg"),
        Reasons.mentions("@Henrik, could you and @anna.berg look? Thanks @henrik."));
    assertEquals(List.of("root@localhost"), Reasons.mentions("(@root@localhost)"));
  }

  @Test
  @DisplayName("an e-mail address, a lone @ and an empty note mention no one")
  void notMentions() {
    assertEquals(List.of(), Reasons.mentions("write to support@example.com or me@home"));
    assertEquals(List.of(), Reasons.mentions("@ the meeting"));
    assertEquals(List.of(), Reasons.mentions(null));
  }

  @Test
  @DisplayName("a note naming a crowd is heard for its first 20 logins")
  void capped() {
    StringBuilder note = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      note.append("@agent").append(i).append(' ');
    }
    assertEquals(20, Reasons.mentions(note.toString()).size());
  }
}
