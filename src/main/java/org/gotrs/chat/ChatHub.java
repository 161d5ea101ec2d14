package org.gotrs.chat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;

/**
 * The customer chat sockets of one event loop, keyed by chat. It is fed the committed events of the whole
 * cluster by the node's event relay, in sequence order, so an agent's message written on any node reaches the
 * customer on this one. Everything here runs on that loop and needs no locks.
 */
final class ChatHub {

  private static final Set<EventName> LINE_CHANGES = EnumSet.of(EventName.CHAT_WAITING, EventName.CHAT_ACCEPTED,
      EventName.CHAT_CLOSED, EventName.CHAT_TRANSFERRED);

  private final Map<Long, Set<ChatConnection>> byChat = new HashMap<>();
  private final Set<ChatConnection> connections = new LinkedHashSet<>();
  private boolean positionsStale;

  /** One relayed event; only chat events concern customers. */
  void dispatch(CommittedEvent event) {
    if (!event.name().isChat()) {
      return;
    }
    if (LINE_CHANGES.contains(event.name())) {
      positionsStale = true;
    }
    Set<ChatConnection> subscribers = byChat.get(event.data().getLong("chat_id"));
    if (subscribers != null) {
      for (ChatConnection connection : List.copyOf(subscribers)) {
        connection.deliver(event);
      }
    }
  }

  void join(ChatConnection connection) {
    connections.add(connection);
  }

  void subscribe(ChatConnection connection, long chatId) {
    byChat.computeIfAbsent(chatId, key -> new LinkedHashSet<>()).add(connection);
  }

  void unsubscribe(ChatConnection connection, long chatId) {
    Set<ChatConnection> subscribers = byChat.get(chatId);
    if (subscribers != null) {
      subscribers.remove(connection);
      if (subscribers.isEmpty()) {
        byChat.remove(chatId);
      }
    }
  }

  void leave(ChatConnection connection) {
    connections.remove(connection);
    if (connection.chatId() != null) {
      unsubscribe(connection, connection.chatId());
    }
  }

  /** True once after the waiting line of any queue changed. */
  boolean takePositionsStale() {
    boolean stale = positionsStale;
    positionsStale = false;
    return stale;
  }

  void markPositionsStale() {
    positionsStale = true;
  }

  List<ChatConnection> waiting() {
    List<ChatConnection> waiting = new ArrayList<>();
    for (ChatConnection connection : connections) {
      if (connection.isWaiting()) {
        waiting.add(connection);
      }
    }
    return waiting;
  }

  /** The chats whose customer has a socket open on this loop. */
  List<Long> chatIds() {
    return List.copyOf(byChat.keySet());
  }

  List<ChatConnection> all() {
    return List.copyOf(connections);
  }
}
