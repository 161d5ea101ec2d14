package org.gotrs.events;

import java.util.UUID;

/**
 * Where an event is announced: a queue, a ticket, an agent's own stream, the chat desk, the wallboard, or the system
 * (changes that concern the server itself, such as permissions). Subscribers follow topics by these names.
 */
public record Topic(String name) {

  public static final Topic CHATS = new Topic("chats");
  public static final Topic WALLBOARD = new Topic("wallboard");
  public static final Topic SYSTEM = new Topic("system");

  public static Topic queue(int queueId) {
    return new Topic("queue:" + queueId);
  }

  public static Topic ticket(long ticketId) {
    return new Topic("ticket:" + ticketId);
  }

  public static Topic agent(UUID userId) {
    return new Topic("agent:" + userId);
  }

  @Override
  public String toString() {
    return name;
  }
}
