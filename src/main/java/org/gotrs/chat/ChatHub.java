package org.gotrs.chat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.http.SocketHub;

/**
 * The customer chat sockets of one event loop, keyed by chat. It is fed the committed events of the whole
 * cluster by the node's event relay, in sequence order, so an agent's message written on any node reaches the
 * customer on this one. Everything here runs on that loop and needs no locks.
 */
final class ChatHub extends SocketHub<Long, ChatConnection> {

  private static final Set<EventName> LINE_CHANGES = EnumSet.of(EventName.CHAT_WAITING, EventName.CHAT_ACCEPTED,
      EventName.CHAT_CLOSED, EventName.CHAT_TRANSFERRED);

  private boolean positionsStale;

  /** One relayed event; only chat events concern customers. */
  void dispatch(CommittedEvent event) {
    if (!event.name().isChat()) {
      return;
    }
    if (LINE_CHANGES.contains(event.name())) {
      positionsStale = true;
    }
    for (ChatConnection connection : following(event.data().getLong("chat_id"))) {
      connection.deliver(event);
    }
  }

  void leave(ChatConnection connection) {
    leave(connection, connection.chatId() == null ? List.of() : List.of(connection.chatId()));
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
    for (ChatConnection connection : all()) {
      if (connection.isWaiting()) {
        waiting.add(connection);
      }
    }
    return waiting;
  }

  /** The chats whose customer has a socket open on this loop. */
  List<Long> chatIds() {
    return followed();
  }
}
