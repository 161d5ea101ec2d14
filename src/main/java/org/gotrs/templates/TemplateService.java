package org.gotrs.templates;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Standard templates (OTRS {@code standard_template}): texts with OTRS tags that agents start an answer, a note, a
 * forward, ... from, each offered in the queues it is assigned to ({@code queue_standard_template}); one assigned
 * to no queue is offered nowhere, as in OTRS. Rendering fills the tags for a ticket and the agent asking.
 */
public final class TemplateService {

  /** OTRS's template types, and {@code Chat} for the chat console. */
  public static final List<String> TYPES = List.of("Answer", "Create", "Forward", "Note", "PhoneCall", "Email", "Chat");

  public record Template(int id, String name, String text, String contentType, String templateType, String comments,
                         Integer validId, List<Integer> queueIds, Instant createTime, Instant changeTime) {}

  /** A template filled for one ticket: what the composer starts from. */
  public record Rendered(String subject, String body, String contentType) {}

  /** What a create sets and a PATCH (merged over the current template) sets. */
  public record Fields(String name, String text, String contentType, String templateType, String comments,
                       int validId, List<Integer> queueIds) {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), text(input), ContentTypes.read(input),
          templateType(input), input.string("comments", false, 250), Validity.read(input), input.ids("queue_ids", "queue"));
      input.validate();
      return fields;
    }

    private static String text(Input input) {
      String text = input.string("text", false, 100_000);
      return text == null ? "" : text;
    }

    private static String templateType(Input input) {
      String type = input.string("template_type", false, 100);
      if (type == null) {
        return "Answer";
      }
      if (!TYPES.contains(type)) {
        input.error("template_type", "must be one of " + String.join(", ", TYPES));
      }
      return type;
    }


    private Tuple tuple(UUID by) {
      return Tuple.from(new Object[] {name, text, contentType, templateType, comments, validId, by});
    }
  }

  private static final String SELECT = """
      SELECT st.id, st.name, st.text, st.content_type, st.template_type, st.comments, st.valid_id,
             st.create_time, st.change_time,
             ARRAY(SELECT qst.queue_id FROM queue_standard_template qst
                    WHERE qst.standard_template_id = st.id ORDER BY qst.queue_id) AS queue_ids
        FROM standard_template st
      """;

  private static final String LIST = SELECT + """
       WHERE ($1::int IS NULL OR st.valid_id = $1)
         AND ($2::int IS NULL OR EXISTS (SELECT 1 FROM queue_standard_template qst
                                          WHERE qst.standard_template_id = st.id AND qst.queue_id = $2))
         AND ($3::text IS NULL OR st.template_type = $3)
       ORDER BY st.name, st.id""";

  private static final String INSERT = """
      INSERT INTO standard_template (name, text, content_type, template_type, comments, valid_id, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE standard_template
         SET name = $1, text = $2, content_type = $3, template_type = $4, comments = $5, valid_id = $6,
             change_by = $7, change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $8""";

  private static final String MISSING_QUEUES = """
      SELECT coalesce(array_agg(x ORDER BY x), '{}') AS missing
        FROM unnest($1::int[]) AS x WHERE NOT EXISTS (SELECT 1 FROM queue q WHERE q.id = x)""";

  private static final String UNASSIGN = """
      DELETE FROM queue_standard_template WHERE standard_template_id = $1 AND queue_id <> ALL ($2::int[])""";

  private static final String ASSIGN = """
      INSERT INTO queue_standard_template (queue_id, standard_template_id, create_by, change_by)
      SELECT x, $1, $3, $3 FROM unnest($2::int[]) AS x
      ON CONFLICT DO NOTHING""";

  private static final String FOR_TICKET = """
      SELECT st.text, st.content_type, st.template_type, st.valid_id, t.title,
             EXISTS (SELECT 1 FROM queue_standard_template qst
                      WHERE qst.standard_template_id = st.id AND qst.queue_id = t.queue_id) AS offered
        FROM standard_template st, ticket t
       WHERE st.id = $1 AND t.id = $2""";

  private final Pool pool;
  private final AuditLog audit;
  private final Permissions permissions;
  private final TicketTags tags;

  public TemplateService(Pool pool, AuditLog audit, Permissions permissions, TicketTags tags) {
    this.pool = pool;
    this.audit = audit;
    this.permissions = permissions;
    this.tags = tags;
  }

  /** Every filter is optional; {@code queueId} keeps the templates assigned to that queue. */
  public Future<List<Template>> list(Integer validId, Integer queueId, String templateType) {
    return pool.preparedQuery(LIST).execute(Tuple.of(validId, queueId, templateType))
        .map(rows -> Rows.all(rows, TemplateService::toTemplate));
  }

  public Future<Template> get(int id) {
    return byId(pool, id, false);
  }

  /**
   * Inserts the template with its queue assignments in one transaction with its audit row, and answers it as it
   * reads back; a taken name is a 409. Templates are not a generic lookup: their queues are a table of their own.
   */
  public Future<Template> create(Actor actor, Fields fields) {
    UUID by = actor.principal().userId();
    return pool.withTransaction(tx -> requireQueues(tx, fields.queueIds())
            .compose(checked -> tx.preparedQuery(INSERT).execute(fields.tuple(by)))
            .map(inserted -> inserted.iterator().next().getInteger("id"))
            .compose(id -> assign(tx, id, fields.queueIds(), by)
                .compose(assigned -> byId(tx, id, false))
                .compose(created -> audit.record(tx, actor, AuditLog.Entry.success("template.create", "template",
                    id, null, Rows.json(created).getMap())).map(created))))
        .recover(Rows.duplicate("a template named '" + fields.name() + "' already exists"));
  }

  /** Locks the template and merges the PATCH over it; with {@code queue_ids} it replaces the assignments. */
  public Future<Template> update(Actor actor, int id, JsonObject patch) {
    UUID by = actor.principal().userId();
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
          Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
          return requireQueues(tx, fields.queueIds())
              .compose(checked -> tx.preparedQuery(UPDATE).execute(fields.tuple(by).addInteger(id)))
              .compose(updated -> assign(tx, id, fields.queueIds(), by))
              .compose(assigned -> byId(tx, id, false))
              .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("template.update", "template", id,
                  Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
        }))
        .recover(Rows.duplicate("another template has this name"));
  }

  /** Removes the template and its assignments: nothing else refers to a template, so it is not merely invalidated. */
  public Future<Void> delete(Actor actor, int id) {
    return pool.withTransaction(tx -> byId(tx, id, true)
        .compose(before -> tx.preparedQuery("DELETE FROM standard_template WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("template.delete", "template", id,
                Rows.json(before).getMap(), null)))));
  }

  /**
   * The template filled for a ticket the caller may read (else 404) and the caller as the current agent. A template
   * that is invalid or not offered in the ticket's queue is refused with 422: both exist and the caller may see
   * both, but this template is not for this ticket.
   */
  public Future<Rendered> render(Principal principal, int id, long ticketId) {
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(readable -> pool.preparedQuery(FOR_TICKET).execute(Tuple.of(id, ticketId)))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          if (row == null) {
            return Future.failedFuture(notFound(id));
          }
          if (row.getInteger("valid_id") != Validity.VALID) {
            return Future.failedFuture(new Problem(422, "Unprocessable Content", "template " + id + " is not valid"));
          }
          if (!row.getBoolean("offered")) {
            return Future.failedFuture(Problem.invalid("ticket_id",
                "this template is not offered in the ticket's queue"));
          }
          String contentType = row.getString("content_type") == null ? ContentTypes.PLAIN : row.getString("content_type");
          return tags.of(pool, ticketId, principal.userId()).map(values -> new Rendered(
              subject(row.getString("template_type"), row.getString("title")),
              OtrsTags.fill(row.getString("text") == null ? "" : row.getString("text"), values,
                  OtrsTags.isHtml(contentType)),
              contentType));
        });
  }

  /** An answer is a reply to the ticket, a forward passes it on; other texts carry the ticket's title. */
  private static String subject(String templateType, String title) {
    String base = title == null ? "" : title;
    return switch (templateType) {
      case "Answer" -> "RE: " + base;
      case "Forward" -> "FW: " + base;
      default -> base;
    };
  }

  private static Future<Void> requireQueues(SqlClient tx, List<Integer> queueIds) {
    if (queueIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(MISSING_QUEUES).execute(Tuple.of((Object) queueIds.toArray(new Integer[0])))
        .compose(rows -> {
          Integer[] missing = rows.iterator().next().getArrayOfIntegers("missing");
          return missing.length == 0 ? Future.succeededFuture() : Future.failedFuture(Problem.invalid("queue_ids",
              "no such queue: " + String.join(", ", Arrays.stream(missing).map(String::valueOf).toList())));
        });
  }

  private static Future<Void> assign(SqlClient tx, int id, List<Integer> queueIds, UUID by) {
    Object ids = queueIds.toArray(new Integer[0]);
    return tx.preparedQuery(UNASSIGN).execute(Tuple.of(id, ids))
        .compose(removed -> tx.preparedQuery(ASSIGN).execute(Tuple.of(id, ids, by)))
        .mapEmpty();
  }

  private static Future<Template> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE st.id = $1" + (forUpdate ? " FOR UPDATE OF st" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, TemplateService::toTemplate, () -> notFound(id)));
  }

  private static Problem notFound(int id) {
    return Problem.notFound("template " + id + " not found");
  }

  private static Template toTemplate(Row row) {
    Integer[] queues = row.getArrayOfIntegers("queue_ids");
    return new Template(row.getInteger("id"), row.getString("name"), row.getString("text"),
        row.getString("content_type"), row.getString("template_type"), row.getString("comments"),
        row.getInteger("valid_id"), queues == null ? List.of() : List.of(queues),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
