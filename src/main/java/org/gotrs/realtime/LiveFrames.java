package org.gotrs.realtime;

import io.vertx.core.json.JsonObject;
import org.gotrs.events.CommittedEvent;

/** The frames {@code /ws} sends for events. */
final class LiveFrames {

  private LiveFrames() {}

  /** The frame a subscriber of {@code topic} receives, with the event's data as this subscriber may see it. */
  static String event(CommittedEvent event, String topic, JsonObject shown) {
    return new JsonObject().put("type", "event").put("seq", event.seq()).put("topic", topic)
        .put("event", event.name().wire()).put("at", event.at()).put("data", shown).encode();
  }
}
