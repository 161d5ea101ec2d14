package org.gotrs.notification;

/** The text of a notification mail to an agent. */
final class AgentMail {

  private AgentMail() {}

  static String body(String text) {
    return text + "\n\nOpen the ticket in the agent console; your notification settings are there under "
        + "Notifications.\n\n-- \nGOTRS\n";
  }
}
