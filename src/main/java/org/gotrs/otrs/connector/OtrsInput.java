package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.customfield.CustomFieldService;
import org.gotrs.permission.Principal;

/**
 * Translates OTRS's {@code Ticket}, {@code Article}, {@code DynamicField} and {@code Attachment} structures into the
 * native API's request bodies, so the native services do the work. Names OTRS accepts where the native API takes
 * ids (Service, SLA, Owner, Responsible) are looked up; an integer OwnerID is an imported OTRS agent's id.
 */
final class OtrsInput {

  private final Pool pool;
  private final Clock clock;

  OtrsInput(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * The native ticket fields named in an OTRS {@code Ticket} hash (create: the OTRS required ones checked). A
   * customer's ticket is their own and takes its queue, state and priority as the native API gives them, so for a
   * customer only the title is required, and a {@code CustomerUser} / {@code CustomerID} naming the caller says
   * nothing more; the native rules refuse whatever else a customer may not set.
   */
  Future<JsonObject> ticket(String op, JsonObject ticket, boolean creating, Principal caller) {
    JsonObject in = ticket == null ? new JsonObject() : ticket.copy();
    if (caller.isCustomer()) {
      dropIfSelf(in, "CustomerUser", caller.login());
      dropIfSelf(in, "CustomerID", caller.customerId());
    }
    if (creating) {
      requireOne(op, in, "Title", null, "Ticket->Title parameter is missing!");
    }
    if (creating && caller.isAgent()) {
      requireOne(op, in, "CustomerUser", null, "Ticket->CustomerUser parameter is missing!");
      requireOne(op, in, "QueueID", "Queue", "Ticket->QueueID or Ticket->Queue parameter is required!");
      requireOne(op, in, "StateID", "State", "Ticket->StateID or Ticket->State parameter is required!");
      requireOne(op, in, "PriorityID", "Priority", "Ticket->PriorityID or Ticket->Priority parameter is required!");
    }
    JsonObject out = new JsonObject();
    putText(out, "title", in, "Title");
    putIdOrName(op, out, in, "QueueID", "queue_id", "Queue", "queue");
    putIdOrName(op, out, in, "StateID", "state_id", "State", "state");
    putIdOrName(op, out, in, "PriorityID", "priority_id", "Priority", "priority");
    putIdOrName(op, out, in, "TypeID", "type_id", "Type", "type");
    putText(out, "customer_id", in, "CustomerID");
    if (in.getValue("LockID") != null || in.getValue("Lock") != null) {
      String lock = text(in, "Lock");
      out.put("ticket_lock_id", in.getValue("LockID") != null ? integer(op, in, "LockID", "Ticket->LockID")
          : "lock".equals(lock) ? 2 : "unlock".equals(lock) ? 1 : -1);
    }
    if (in.getValue("PendingTime") != null) {
      out.put("until_time", pendingTime(op, in.getValue("PendingTime")));
    }
    String owner = text(in, "OwnerID");
    String responsible = text(in, "ResponsibleID");
    return pool.preparedQuery("""
            SELECT (SELECT id FROM service WHERE name = $1 AND valid_id = 1) AS service_id,
                   (SELECT id FROM sla WHERE name = $2 AND valid_id = 1) AS sla_id,
                   (SELECT id FROM users WHERE login = $3) AS owner_login,
                   (SELECT id FROM users WHERE login = $4) AS responsible_login,
                   (SELECT gotrs_id FROM otrs_id_map WHERE source_table = 'users' AND source_id = $5) AS owner_otrs,
                   (SELECT gotrs_id FROM otrs_id_map WHERE source_table = 'users' AND source_id = $6) AS responsible_otrs,
                   (SELECT login FROM customer_user WHERE login = $7 AND valid_id = 1) AS customer_user""")
        .execute(Tuple.from(new Object[] {text(in, "Service"), text(in, "SLA"), text(in, "Owner"),
            text(in, "Responsible"), owner, responsible, text(in, "CustomerUser")}))
        .map(rows -> {
          Row row = rows.iterator().next();
          putLookedUp(op, out, "service_id", in, "ServiceID", "Service", row.getInteger("service_id"));
          putLookedUp(op, out, "sla_id", in, "SLAID", "SLA", row.getInteger("sla_id"));
          putAgent(op, out, "user_id", in, "Owner", row.getUUID("owner_login"), owner, row.getString("owner_otrs"));
          putAgent(op, out, "responsible_user_id", in, "Responsible", row.getUUID("responsible_login"), responsible,
              row.getString("responsible_otrs"));
          String customerUser = text(in, "CustomerUser");
          if (customerUser != null) {
            if (row.getString("customer_user") != null) {
              out.put("customer_user", customerUser);
            } else if (!customerUser.contains("@")) {
              throw OtrsError.invalid(op, "Ticket->CustomerUser parameter is invalid!");
            }
          }
          return out;
        });
  }

  /** The native article for an OTRS {@code Article} hash: channel and visibility (or an OTRS 5 type) as type. */
  JsonObject article(String op, JsonObject article) {
    requireOne(op, article, "Subject", null, "Article->Subject parameter is missing!");
    requireOne(op, article, "Body", null, "Article->Body parameter is missing!");
    JsonObject out = new JsonObject().put("subject", text(article, "Subject")).put("body", article.getValue("Body").toString());
    String contentType = text(article, "ContentType");
    if (contentType == null && text(article, "MimeType") != null) {
      contentType = text(article, "MimeType") + (text(article, "Charset") == null ? "" : "; charset=" + text(article, "Charset"));
    }
    if (contentType != null) {
      out.put("content_type", contentType);
    }
    String channel = text(article, "CommunicationChannel");
    boolean visible = !"0".equals(text(article, "IsVisibleForCustomer"));
    String type = text(article, "ArticleType") != null ? text(article, "ArticleType") : switch (channel == null ? "Internal" : channel) {
      case "Email" -> visible ? "email-external" : "email-internal";
      case "Phone" -> "phone";
      case "Internal" -> visible ? "note-external" : "note-internal";
      default -> throw OtrsError.invalid(op, "Article->CommunicationChannel or Article->CommunicationChannelID "
          + "parameter is invalid or not supported!");
    };
    out.put("article_type", type).put("internal_note", type.equals("note-internal"));
    String sender = text(article, "SenderType");
    if (sender != null || text(article, "SenderTypeID") != null) {
      int senderId = sender == null ? integer(op, article, "SenderTypeID", "Article->SenderTypeID")
          : switch (sender) {
            case "agent" -> 1;
            case "system" -> 2;
            case "customer" -> 3;
            default -> throw OtrsError.invalid(op, "Article->SenderType parameter is invalid!");
          };
      out.put("article_sender_type_id", senderId);
    }
    putText(out, "from_address", article, "From");
    putText(out, "to_address", article, "To");
    putText(out, "cc_address", article, "Cc");
    Object timeUnit = article.getValue("TimeUnit");
    if (timeUnit != null && !"".equals(timeUnit)) {
      java.math.BigDecimal units = org.gotrs.article.TimeUnits.parse(timeUnit);
      if (units == null) {
        throw OtrsError.invalid(op, "Article->TimeUnit parameter is invalid!");
      }
      out.put("time_unit", units.toPlainString());
    }
    return out;
  }

  /** {@code [{"Name": ..., "Value": ...}]} as native {@code custom_fields}, by GOTRS name or the OTRS name kept. */
  Future<JsonObject> dynamicFields(String op, List<JsonObject> fields) {
    if (fields.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return CustomFieldService.definitions(pool, "ticket").map(definitions -> {
      JsonObject values = new JsonObject();
      for (JsonObject field : fields) {
        String name = text(field, "Name");
        var definition = definitions.stream().filter(d -> d.fieldName().equals(name)
            || name != null && name.equals(d.fieldConfig().getString("otrs_name"))).findFirst()
            .orElseThrow(() -> OtrsError.invalid(op, "DynamicField->Name parameter is invalid!"));
        values.put(definition.fieldName(), value(definition.fieldType(), field.getValue("Value")));
      }
      return values;
    });
  }

  private static Object value(String type, Object value) {
    if (value == null || value instanceof String text && text.isEmpty()) {
      return null;
    }
    return switch (type) {
      case "date" -> value.toString().length() >= 10 ? value.toString().substring(0, 10) : value.toString();
      case "number" -> value instanceof Number ? value : parseNumber(value.toString());
      case "multiselect" -> value instanceof JsonArray ? value : new JsonArray().add(value.toString());
      default -> value instanceof JsonArray array && array.size() == 1
          ? array.getValue(0) == null ? null : array.getValue(0).toString() : value.toString();
    };
  }

  private static Object parseNumber(String text) {
    try {
      return new java.math.BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return text;
    }
  }

  /** OTRS attachments: {@code Content} in base64, {@code ContentType}, {@code Filename}. */
  static List<AttachmentStore.Bytes> attachments(String op, List<JsonObject> attachments) {
    List<AttachmentStore.Bytes> contents = new ArrayList<>();
    for (JsonObject attachment : attachments) {
      Object content = attachment.getValue("Content");
      if (content == null) {
        throw OtrsError.missing(op, "Attachment->Content parameter is missing!");
      }
      if (text(attachment, "Filename") == null) {
        throw OtrsError.missing(op, "Attachment->Filename parameter is missing!");
      }
      if (text(attachment, "ContentType") == null) {
        throw OtrsError.missing(op, "Attachment->ContentType parameter is missing!");
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(content.toString());
      } catch (IllegalArgumentException e) {
        throw OtrsError.invalid(op, "Attachment->Content parameter is invalid!");
      }
      contents.add(new AttachmentStore.Bytes(text(attachment, "Filename"), text(attachment, "ContentType"),
          text(attachment, "ContentID"), null, text(attachment, "Disposition") == null ? "attachment"
          : text(attachment, "Disposition"), Buffer.buffer(bytes), null));
    }
    return contents;
  }

  /** {@code {"Year","Month","Day","Hour","Minute"}} (UTC) or {@code {"Diff": minutes}} as epoch seconds. */
  private long pendingTime(String op, Object value) {
    if (!(value instanceof JsonObject time)) {
      throw OtrsError.invalid(op, "Ticket->PendingTime parameter is invalid!");
    }
    try {
      if (time.getValue("Diff") != null) {
        return clock.instant().getEpochSecond() + 60L * Long.parseLong(time.getValue("Diff").toString());
      }
      return LocalDateTime.of(parse(time, "Year"), parse(time, "Month"), parse(time, "Day"), parse(time, "Hour"),
          parse(time, "Minute")).toEpochSecond(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw OtrsError.invalid(op, "Ticket->PendingTime parameter is invalid!");
    }
  }

  private static int parse(JsonObject time, String field) {
    return Integer.parseInt(time.getValue(field).toString().strip());
  }

  private static void dropIfSelf(JsonObject in, String name, String self) {
    String value = text(in, name);
    if (value != null && value.equalsIgnoreCase(self)) {
      in.remove(name);
    }
  }

  private static void requireOne(String op, JsonObject in, String first, String second, String message) {
    if (text(in, first) == null && (second == null || text(in, second) == null)) {
      throw OtrsError.missing(op, message);
    }
  }

  private static void putText(JsonObject out, String field, JsonObject in, String name) {
    String value = text(in, name);
    if (value != null) {
      out.put(field, value);
    }
  }

  private static void putIdOrName(String op, JsonObject out, JsonObject in, String idName, String idField,
                                  String name, String nameField) {
    if (text(in, idName) != null) {
      out.put(idField, integer(op, in, idName, "Ticket->" + idName));
    } else if (text(in, name) != null) {
      out.put(nameField, text(in, name));
    }
  }

  private static void putLookedUp(String op, JsonObject out, String field, JsonObject in, String idName, String name,
                                  Integer found) {
    if (text(in, idName) != null) {
      out.put(field, integer(op, in, idName, "Ticket->" + idName));
    } else if (text(in, name) != null) {
      if (found == null) {
        throw OtrsError.invalid(op, "Ticket->" + idName + " or Ticket->" + name + " parameter is invalid!");
      }
      out.put(field, found);
    }
  }

  private static void putAgent(String op, JsonObject out, String field, JsonObject in, String name, UUID byLogin,
                               String id, String byOtrsId) {
    if (id != null) {
      String agent = id.matches("[0-9]+") ? byOtrsId : id;
      if (agent == null) {
        throw OtrsError.invalid(op, "Ticket->" + name + "ID or Ticket->" + name + " parameter is invalid!");
      }
      out.put(field, agent);
    } else if (text(in, name) != null) {
      if (byLogin == null) {
        throw OtrsError.invalid(op, "Ticket->" + name + "ID or Ticket->" + name + " parameter is invalid!");
      }
      out.put(field, byLogin.toString());
    }
  }

  private static int integer(String op, JsonObject in, String name, String label) {
    try {
      return Integer.parseInt(in.getValue(name).toString().strip());
    } catch (NumberFormatException e) {
      throw OtrsError.invalid(op, label + " parameter is invalid!");
    }
  }

  static String text(JsonObject in, String name) {
    Object value = in == null ? null : in.getValue(name);
    if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }
}
