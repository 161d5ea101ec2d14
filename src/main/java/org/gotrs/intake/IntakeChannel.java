package org.gotrs.intake;

import java.util.Locale;

/** The channels whose tickets go to a queue the customer did not choose: the portal, the chat widget, the API. */
public enum IntakeChannel {
  PORTAL,
  CHAT,
  API;

  /** As the database and the API name it: {@code portal}, {@code chat}, {@code api}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The member of {@code /settings/intake} that holds its queue. */
  String field() {
    return wire() + "_queue_id";
  }
}
