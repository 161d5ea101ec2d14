package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the valid postmaster filters to an incoming message, in position order: a filter whose every match
 * holds sets queue, priority, state and tags of a new ticket, or drops the message; {@code stop} ends the run.
 * Later filters override earlier ones; tags add up.
 */
final class FilterRules {

  private static final Logger LOG = LoggerFactory.getLogger(FilterRules.class);

  /** The pseudo-header that matches the message's plain text. */
  static final String BODY = "body";

  /** What the filters decided; null fields leave the channel's defaults. */
  record Decision(Integer queueId, Integer priorityId, Integer stateId, List<String> tags, boolean drop,
                  List<String> applied) {

    static final Decision NONE = new Decision(null, null, null, List.of(), false, List.of());
  }

  record Match(String header, Pattern pattern, boolean negate) {

    boolean holds(ParsedMail mail) {
      List<String> values = header.equals(BODY)
          ? List.of(mail.plainBody() != null ? mail.plainBody() : mail.htmlBody() != null ? mail.htmlBody() : "")
          : mail.header(header);
      boolean found = values.stream().anyMatch(value -> pattern.matcher(value).find());
      return negate != found;
    }
  }

  record Rule(String name, boolean stop, List<Match> matches, JsonObject actions) {}

  /** Compiles a filter's pattern the way it is matched: case-insensitive, anywhere in the value. */
  static Pattern compile(String pattern) throws PatternSyntaxException {
    return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  Future<Decision> decide(SqlClient tx, ParsedMail mail) {
    return tx.query("SELECT name, stop, matches, actions FROM postmaster_filter WHERE valid_id = 1 ORDER BY position, id")
        .execute()
        .map(rows -> {
          List<Rule> rules = new ArrayList<>();
          for (Row row : rows) {
            Rule rule = rule(row);
            if (rule != null) {
              rules.add(rule);
            }
          }
          return apply(rules, mail);
        });
  }

  static Decision apply(List<Rule> rules, ParsedMail mail) {
    Integer queue = null;
    Integer priority = null;
    Integer state = null;
    Set<String> tags = new LinkedHashSet<>();
    boolean drop = false;
    List<String> applied = new ArrayList<>();
    for (Rule rule : rules) {
      if (!rule.matches().stream().allMatch(match -> match.holds(mail))) {
        continue;
      }
      applied.add(rule.name());
      JsonObject actions = rule.actions();
      queue = actions.getInteger("queue_id", queue);
      priority = actions.getInteger("priority_id", priority);
      state = actions.getInteger("state_id", state);
      actions.getJsonArray("tags", new JsonArray()).forEach(tag -> tags.add(String.valueOf(tag)));
      drop = drop || actions.getBoolean("drop", false);
      if (rule.stop()) {
        break;
      }
    }
    return new Decision(queue, priority, state, List.copyOf(tags), drop, List.copyOf(applied));
  }

  private static Rule rule(Row row) {
    String name = row.getString("name");
    try {
      List<Match> matches = new ArrayList<>();
      for (Object item : (JsonArray) row.getValue("matches")) {
        JsonObject match = (JsonObject) item;
        matches.add(new Match(match.getString("header").toLowerCase(java.util.Locale.ROOT),
            compile(match.getString("pattern")), match.getBoolean("negate", false)));
      }
      return new Rule(name, row.getBoolean("stop"), matches, (JsonObject) row.getValue("actions"));
    } catch (RuntimeException unreadable) {
      LOG.warn("postmaster filter '{}' cannot be read and is skipped: {}", name, unreadable.getMessage());
      return null;
    }
  }
}
