package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.lookup.Lookups;
import org.gotrs.db.Rows;
import org.gotrs.permission.Actor;

/**
 * Postmaster filters (administrators only). Names given in {@code actions} ({@code "queue": "Junk"}) are
 * stored as ids, so a renamed queue keeps its filters.
 */
final class PostmasterFilterService {

  private static final int MAX_MATCHES = 50;

  /** A create, or a PATCH merged over the current filter; {@code actions} still holds names here. */
  record Fields(String name, int position, boolean stop, JsonArray matches, JsonObject actions, String comments,
                int validId) {

    static Fields read(Input input) {
      String name = input.string("name", true, 200);
      Integer position = input.integer("position", false);
      Boolean stop = input.bool("stop", false);
      JsonArray matches = input.array("matches", true);
      JsonObject actions = input.object("actions", true);
      Integer validId = input.integer("valid_id", false);
      if (validId != null && (validId < 1 || validId > 3)) {
        input.error("valid_id", "must be 1 (valid), 2 (invalid) or 3 (invalid-temporarily)");
      }
      JsonArray checkedMatches = matches == null ? null : matches(input, matches);
      JsonObject checkedActions = actions == null ? null : actions(input, actions);
      Fields fields = new Fields(name, position == null ? 0 : position, stop != null && stop, checkedMatches,
          checkedActions, input.string("comments", false, 250), validId == null ? 1 : validId);
      input.validate();
      return fields;
    }

    private static JsonArray matches(Input input, JsonArray matches) {
      if (matches.isEmpty() || matches.size() > MAX_MATCHES) {
        input.error("matches", "must hold 1 to " + MAX_MATCHES + " matches");
        return null;
      }
      JsonArray checked = new JsonArray();
      for (int i = 0; i < matches.size(); i++) {
        String field = "matches[" + i + "]";
        if (!(matches.getValue(i) instanceof JsonObject match)) {
          input.error(field, "must be an object with header and pattern");
          continue;
        }
        Input item = Input.of(match);
        String header = item.string("header", true, 200);
        String pattern = item.string("pattern", true, 1000);
        Boolean negate = item.bool("negate", false);
        if (header != null && !header.matches("[!-9;-~]+")) {
          item.error("header", "must be a header name");
        }
        if (pattern != null) {
          try {
            FilterRules.compile(pattern);
          } catch (PatternSyntaxException e) {
            item.error("pattern", "is not a valid regular expression: " + e.getDescription());
          }
        }
        if (!item.valid()) {
          try {
            item.validate();
          } catch (Problem problem) {
            problem.errors().forEach(error -> input.error(field + "." + error.field(), error.message()));
          }
          continue;
        }
        checked.add(new JsonObject().put("header", header).put("pattern", pattern).put("negate", negate != null && negate));
      }
      return checked;
    }

    private static JsonObject actions(Input input, JsonObject actions) {
      Input item = Input.of(actions);
      JsonObject checked = new JsonObject();
      copyInteger(item, checked, "queue_id");
      copyString(item, checked, "queue");
      copyInteger(item, checked, "priority_id");
      copyString(item, checked, "priority");
      copyInteger(item, checked, "state_id");
      copyString(item, checked, "state");
      List<String> tags = item.strings("tags", false, 100);
      if (tags != null && (tags.size() > 50 || tags.stream().anyMatch(String::isBlank))) {
        item.error("tags", "must be at most 50 non-blank tags");
      } else if (tags != null && !tags.isEmpty()) {
        checked.put("tags", new JsonArray(tags.stream().map(String::strip).distinct().toList()));
      }
      Boolean drop = item.bool("drop", false);
      if (drop != null && drop) {
        checked.put("drop", true);
      }
      if (item.valid() && checked.isEmpty()) {
        input.error("actions", "must set queue, priority, state or tags, or drop the message");
      }
      if (!item.valid()) {
        try {
          item.validate();
        } catch (Problem problem) {
          problem.errors().forEach(error -> input.error("actions." + error.field(), error.message()));
        }
      }
      return checked;
    }

    private static void copyInteger(Input from, JsonObject to, String field) {
      Integer value = from.integer(field, false);
      if (value != null) {
        to.put(field, value);
      }
    }

    private static void copyString(Input from, JsonObject to, String field) {
      String value = from.string(field, false, 200);
      if (value != null) {
        to.put(field, value);
      }
    }
  }

  private final Pool pool;
  private final AuditLog audit;

  PostmasterFilterService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }
  /** What the valid filters would do to the message, in their order: the filters that apply and their decision. */
  Future<JsonObject> test(ParsedMail mail) {
    return new FilterRules().decide(pool, mail).map(decision -> new JsonObject().put("subject", mail.subject())
        .put("from", mail.from()).put("applied", new JsonArray(decision.applied())).put("queue_id", decision.queueId())
        .put("priority_id", decision.priorityId()).put("state_id", decision.stateId())
        .put("tags", new JsonArray(decision.tags())).put("drop", decision.drop()));
  }


  Future<List<PostmasterFilter>> list() {
    return pool.query(PostmasterFilter.SELECT + " ORDER BY f.position, f.id").execute()
        .map(rows -> Rows.all(rows, PostmasterFilter::from));
  }

  Future<PostmasterFilter> get(int id) {
    return byId(pool, id);
  }

  Future<PostmasterFilter> create(Actor actor, Fields fields) {
    return pool.withTransaction(tx -> resolve(tx, fields.actions())
            .compose(actions -> tx.preparedQuery("""
                    INSERT INTO postmaster_filter (name, position, stop, matches, actions, comments, valid_id,
                                                   create_by, change_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id""")
                .execute(Tuple.from(new Object[] {fields.name(), fields.position(), fields.stop(), fields.matches(),
                    actions, fields.comments(), fields.validId(), actor.principal().userId()})))
            .compose(rows -> byId(tx, rows.iterator().next().getInteger("id")))
            .compose(filter -> audit.record(tx, actor, AuditLog.Entry.success("postmaster_filter.create",
                "postmaster_filter", filter.id(), null, Rows.json(filter).getMap())).map(filter)))
        .recover(Rows.duplicate("a postmaster filter named '" + fields.name() + "' already exists"));
  }

  Future<PostmasterFilter> update(Actor actor, int id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id).compose(before -> {
          Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
          return resolve(tx, fields.actions())
              .compose(actions -> tx.preparedQuery("""
                      UPDATE postmaster_filter
                         SET name = $1, position = $2, stop = $3, matches = $4, actions = $5, comments = $6,
                             valid_id = $7, change_by = $8, change_time = (now() AT TIME ZONE 'UTC')
                       WHERE id = $9""")
                  .execute(Tuple.from(new Object[] {fields.name(), fields.position(), fields.stop(), fields.matches(),
                      actions, fields.comments(), fields.validId(), actor.principal().userId(), id})))
              .compose(updated -> byId(tx, id))
              .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("postmaster_filter.update",
                  "postmaster_filter", id, Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
        }))
        .recover(Rows.duplicate("another postmaster filter has this name"));
  }

  Future<Void> delete(Actor actor, int id) {
    return pool.withTransaction(tx -> byId(tx, id)
        .compose(before -> tx.preparedQuery("DELETE FROM postmaster_filter WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("postmaster_filter.delete",
                "postmaster_filter", id, Rows.json(before).getMap(), null)))));
  }

  /**
   * Names become ids of valid entries (a 422 names the action otherwise). A state must be new, open or closed:
   * pending needs a time, merged needs a ticket to merge into.
   */
  private static Future<JsonObject> resolve(SqlClient tx, JsonObject actions) {
    JsonObject resolved = new JsonObject();
    if (actions.containsKey("tags")) {
      resolved.put("tags", actions.getJsonArray("tags"));
    }
    if (actions.getBoolean("drop", false)) {
      resolved.put("drop", true);
    }
    Future<Void> queue = !actions.containsKey("queue_id") && !actions.containsKey("queue") ? Future.succeededFuture()
        : Lookups.requireValidQueue(tx, actions.getInteger("queue_id"), actions.getString("queue"))
            .map(id -> {
              resolved.put("queue_id", id);
              return null;
            });
    return queue
        .compose(done -> !actions.containsKey("priority_id") && !actions.containsKey("priority")
            ? Future.succeededFuture()
            : Lookups.requireValidPriority(tx, actions.getInteger("priority_id"), actions.getString("priority"))
                .map(id -> {
                  resolved.put("priority_id", id);
                  return null;
                }))
        .compose(done -> !actions.containsKey("state_id") && !actions.containsKey("state") ? Future.succeededFuture()
            : Lookups.requireValidState(tx, actions.getInteger("state_id"), actions.getString("state"))
                .compose(id -> tx.preparedQuery("SELECT type_id FROM ticket_state WHERE id = $1").execute(Tuple.of(id))
                    .compose(rows -> {
                      int type = rows.iterator().next().getInteger("type_id");
                      if (type != 1 && type != 2 && type != 4) {
                        return Future.failedFuture(Problem.invalid("actions.state",
                            "must be a new, open or closed state"));
                      }
                      resolved.put("state_id", id);
                      return Future.succeededFuture();
                    })))
        .map(done -> resolved);
  }

  private static Future<PostmasterFilter> byId(SqlClient client, int id) {
    return client.preparedQuery(PostmasterFilter.SELECT + " WHERE f.id = $1").execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, PostmasterFilter::from,
            () -> Problem.notFound("postmaster filter " + id + " not found")));
  }
}
