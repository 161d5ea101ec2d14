package org.gotrs.realtime;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** Whether a principal may subscribe to a topic, asked of the same permission service as the REST API. */
final class TopicAccess {

  /** The answer: the topic's canonical name when allowed, or an error code. */
  record Decision(String topic, String error) {
    static Decision allow(String topic) {
      return new Decision(topic, null);
    }

    static Decision deny(String code) {
      return new Decision(null, code);
    }

    boolean allowed() {
      return error == null;
    }
  }

  private final Pool pool;
  private final Permissions permissions;

  TopicAccess(Pool pool, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
  }

  /** What the principal may see on the stream: for agents, the queues they read and whether they are in {@code stats}. */
  Future<Viewer> viewer(Principal principal) {
    if (!principal.isAgent()) {
      return Future.succeededFuture(new Viewer(principal, Set.of(), false));
    }
    return permissions.queueIds(pool, principal, "ro").compose(queues ->
        permissions.seesAllQueueStats(pool, principal).map(all -> new Viewer(principal, queues, all)));
  }

  Future<Decision> check(Principal principal, String topic) {
    if (topic == null || topic.length() > 100) {
      return Future.succeededFuture(Decision.deny("unknown_topic"));
    }
    if (!principal.isAgent()) {
      return topic.startsWith("ticket:") ? ticket(principal, topic) : Future.succeededFuture(Decision.deny("forbidden"));
    }
    if (topic.equals("wallboard")) {
      return Future.succeededFuture(Decision.allow(topic));
    }
    if (topic.equals(ViewPush.TOPIC)) {
      return Future.succeededFuture(Decision.allow(topic));
    }
    if (topic.equals("chats")) {
      return Future.succeededFuture(Decision.allow(topic));
    }
    if (topic.equals("agent") || topic.equals("agent:" + principal.userId())) {
      return Future.succeededFuture(Decision.allow("agent:" + principal.userId()));
    }
    if (topic.startsWith("queue:")) {
      Long queue = number(topic.substring(6));
      if (queue == null || queue > Integer.MAX_VALUE) {
        return Future.succeededFuture(Decision.deny("unknown_topic"));
      }
      int queueId = queue.intValue();
      return permissions.mayOnQueue(pool, principal, queueId, "ro")
          .map(allowed -> allowed ? Decision.allow("queue:" + queueId) : Decision.deny("forbidden"));
    }
    if (topic.startsWith("ticket:")) {
      return ticket(principal, topic);
    }
    return Future.succeededFuture(topic.startsWith("agent:") ? Decision.deny("forbidden") : Decision.deny("unknown_topic"));
  }

  private Future<Decision> ticket(Principal principal, String topic) {
    Long ticketId = number(topic.substring(7));
    if (ticketId == null) {
      return Future.succeededFuture(Decision.deny("unknown_topic"));
    }
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .map(allowed -> Decision.allow("ticket:" + ticketId))
        .otherwise(Decision.deny("forbidden"));
  }

  private static Long number(String text) {
    try {
      long value = Long.parseLong(text);
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
