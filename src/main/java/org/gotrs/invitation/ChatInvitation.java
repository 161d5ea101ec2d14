package org.gotrs.invitation;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;

/**
 * A row of {@code chat_invitation}: on a page matching {@code urlPattern} (a glob, {@code *} for anything), after
 * {@code secondsOnPage}, the chat widget opens with {@code greeting}; with {@code onlyWhenAgentFree} only while an
 * agent of {@code queueId} (else the widget's queue) could take the chat.
 */
public record ChatInvitation(int id, String name, String urlPattern, int secondsOnPage, String greeting,
                             Integer queueId, boolean active, boolean onlyWhenAgentFree, Instant createTime,
                             Instant changeTime) {

  static final int MAX_SECONDS = 3600;

  static final String COLUMNS = "id, name, url_pattern, seconds_on_page, greeting, queue_id, active, "
      + "only_when_agent_free, create_time, change_time";

  static ChatInvitation from(Row row) {
    return new ChatInvitation(row.getInteger("id"), row.getString("name"), row.getString("url_pattern"),
        row.getInteger("seconds_on_page"), row.getString("greeting"), row.getInteger("queue_id"),
        row.getBoolean("active"), row.getBoolean("only_when_agent_free"), Rows.instant(row, "create_time"),
        Rows.instant(row, "change_time"));
  }

  /** What a rule's body may say; a change is checked as the whole rule it makes. */
  record Fields(String name, String urlPattern, int secondsOnPage, String greeting, Integer queueId, boolean active,
                boolean onlyWhenAgentFree) {

    static Fields read(Input input) {
      String name = input.string("name", true, 200);
      String urlPattern = input.string("url_pattern", true, 500);
      Integer seconds = input.integer("seconds_on_page", true);
      String greeting = input.string("greeting", true, 1000);
      Integer queueId = input.integer("queue_id", false);
      Boolean active = input.bool("active", false);
      Boolean onlyWhenAgentFree = input.bool("only_when_agent_free", false);
      if (name != null && name.isBlank()) {
        input.error("name", "must not be blank");
      }
      if (urlPattern != null && urlPattern.isBlank()) {
        input.error("url_pattern", "must not be blank; * matches every page");
      }
      if (greeting != null && greeting.isBlank()) {
        input.error("greeting", "must not be blank");
      }
      if (seconds != null && (seconds < 0 || seconds > MAX_SECONDS)) {
        input.error("seconds_on_page", "must be from 0 to " + MAX_SECONDS);
      }
      input.validate();
      return new Fields(name.strip(), urlPattern.strip(), seconds, greeting.strip(), queueId,
          active == null || active, onlyWhenAgentFree == null || onlyWhenAgentFree);
    }
  }
}
