package org.gotrs.ticket;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Writes a {@link Ticket} field by field: the JSON the mapper derives from the record (same names, order and
 * formats; {@code TicketJsonTest} compares the two), without the per-field detours that made writing a list page
 * a third of the server's work on it and most of what it allocated: times went through a {@code DateTimeFormatter}
 * and each UUID and time became a string first. Here they are written from one scratch array per ticket.
 */
class TicketJson extends StdSerializer<Ticket> {

  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString TN = new SerializedString("tn");
  private static final SerializedString UUID_ = new SerializedString("uuid");
  private static final SerializedString TITLE = new SerializedString("title");
  private static final SerializedString QUEUE_ID = new SerializedString("queue_id");
  private static final SerializedString QUEUE = new SerializedString("queue");
  private static final SerializedString STATE_ID = new SerializedString("state_id");
  private static final SerializedString STATE = new SerializedString("state");
  private static final SerializedString STATE_TYPE = new SerializedString("state_type");
  private static final SerializedString PRIORITY_ID = new SerializedString("priority_id");
  private static final SerializedString PRIORITY = new SerializedString("priority");
  private static final SerializedString TYPE_ID = new SerializedString("type_id");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString SERVICE_ID = new SerializedString("service_id");
  private static final SerializedString SLA_ID = new SerializedString("sla_id");
  private static final SerializedString USER_ID = new SerializedString("user_id");
  private static final SerializedString OWNER = new SerializedString("owner");
  private static final SerializedString RESPONSIBLE_USER_ID = new SerializedString("responsible_user_id");
  private static final SerializedString TICKET_LOCK_ID = new SerializedString("ticket_lock_id");
  private static final SerializedString LOCK = new SerializedString("lock");
  private static final SerializedString CUSTOMER_ID = new SerializedString("customer_id");
  private static final SerializedString CUSTOMER_USER_ID = new SerializedString("customer_user_id");
  private static final SerializedString CUSTOMER_USER = new SerializedString("customer_user");
  private static final SerializedString UNTIL_TIME = new SerializedString("until_time");
  private static final SerializedString ESCALATION_TIME = new SerializedString("escalation_time");
  private static final SerializedString ESCALATION_RESPONSE_TIME = new SerializedString("escalation_response_time");
  private static final SerializedString ESCALATION_UPDATE_TIME = new SerializedString("escalation_update_time");
  private static final SerializedString ESCALATION_SOLUTION_TIME = new SerializedString("escalation_solution_time");
  private static final SerializedString ESCALATION_WARNING_TIME = new SerializedString("escalation_warning_time");
  private static final SerializedString ARCHIVE_FLAG = new SerializedString("archive_flag");
  private static final SerializedString SOURCE = new SerializedString("source");
  private static final SerializedString MERGED_TO_ID = new SerializedString("merged_to_id");
  private static final SerializedString SPLIT_FROM_ID = new SerializedString("split_from_id");
  private static final SerializedString TAGS = new SerializedString("tags");
  private static final SerializedString CUSTOM_FIELDS = new SerializedString("custom_fields");
  private static final SerializedString CREATE_TIME = new SerializedString("create_time");
  private static final SerializedString CHANGE_TIME = new SerializedString("change_time");
  private static final SerializedString TIME_UNITS_TOTAL = new SerializedString("time_units_total");

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** The longest text written from the scratch array: a UUID (a time with nanoseconds is 30 characters). */
  private static final int SCRATCH = 36;

  TicketJson() {
    super(Ticket.class);
  }

  @Override
  public void serialize(Ticket ticket, JsonGenerator json, SerializerProvider provider) throws IOException {
    json.writeStartObject(ticket);
    fields(ticket, json, provider);
    json.writeEndObject();
  }

  /** Inside an enclosing object ({@code @JsonUnwrapped}, as a search hit shows its ticket), under the same names. */
  @Override
  public JsonSerializer<Ticket> unwrappingSerializer(NameTransformer unwrapper) {
    if (unwrapper != NameTransformer.NOP) {
      throw new IllegalArgumentException("a ticket's fields are written under their own names only");
    }
    return new TicketJson() {
      @Override
      public void serialize(Ticket ticket, JsonGenerator json, SerializerProvider provider) throws IOException {
        fields(ticket, json, provider);
      }

      @Override
      public boolean isUnwrappingSerializer() {
        return true;
      }
    };
  }

  static void fields(Ticket t, JsonGenerator json, SerializerProvider provider) throws IOException {
    char[] scratch = new char[SCRATCH];
    json.writeFieldName(ID);
    json.writeNumber(t.id());
    string(json, TN, t.tn());
    uuid(json, UUID_, t.uuid(), scratch);
    string(json, TITLE, t.title());
    number(json, QUEUE_ID, t.queueId());
    string(json, QUEUE, t.queue());
    number(json, STATE_ID, t.stateId());
    string(json, STATE, t.state());
    string(json, STATE_TYPE, t.stateType());
    number(json, PRIORITY_ID, t.priorityId());
    string(json, PRIORITY, t.priority());
    number(json, TYPE_ID, t.typeId());
    string(json, TYPE, t.type());
    number(json, SERVICE_ID, t.serviceId());
    number(json, SLA_ID, t.slaId());
    uuid(json, USER_ID, t.userId(), scratch);
    string(json, OWNER, t.owner());
    uuid(json, RESPONSIBLE_USER_ID, t.responsibleUserId(), scratch);
    number(json, TICKET_LOCK_ID, t.ticketLockId());
    string(json, LOCK, t.lock());
    string(json, CUSTOMER_ID, t.customerId());
    uuid(json, CUSTOMER_USER_ID, t.customerUserId(), scratch);
    string(json, CUSTOMER_USER, t.customerUser());
    number(json, UNTIL_TIME, t.untilTime());
    number(json, ESCALATION_TIME, t.escalationTime());
    number(json, ESCALATION_RESPONSE_TIME, t.escalationResponseTime());
    number(json, ESCALATION_UPDATE_TIME, t.escalationUpdateTime());
    number(json, ESCALATION_SOLUTION_TIME, t.escalationSolutionTime());
    number(json, ESCALATION_WARNING_TIME, t.escalationWarningTime());
    json.writeFieldName(ARCHIVE_FLAG);
    json.writeNumber(t.archiveFlag());
    string(json, SOURCE, t.source());
    number(json, MERGED_TO_ID, t.mergedToId());
    number(json, SPLIT_FROM_ID, t.splitFromId());
    json.writeFieldName(TAGS);
    if (t.tags() == null) {
      json.writeNull();
    } else {
      json.writeStartArray(t.tags(), t.tags().size());
      for (String tag : t.tags()) {
        json.writeString(tag);
      }
      json.writeEndArray();
    }
    json.writeFieldName(CUSTOM_FIELDS);
    provider.defaultSerializeValue(t.customFields(), json);
    time(json, CREATE_TIME, t.createTime(), scratch);
    time(json, CHANGE_TIME, t.changeTime(), scratch);
    json.writeFieldName(TIME_UNITS_TOTAL);
    if (t.timeUnitsTotal() == null) {
      json.writeNull();
    } else {
      json.writeNumber(t.timeUnitsTotal());
    }
  }

  private static void string(JsonGenerator json, SerializedString name, String value) throws IOException {
    json.writeFieldName(name);
    json.writeString(value);
  }

  private static void number(JsonGenerator json, SerializedString name, Integer value) throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeNumber(value.intValue());
    }
  }

  private static void number(JsonGenerator json, SerializedString name, Long value) throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeNumber(value.longValue());
    }
  }

  private static void number(JsonGenerator json, SerializedString name, long value) throws IOException {
    json.writeFieldName(name);
    json.writeNumber(value);
  }

  private static void uuid(JsonGenerator json, SerializedString name, UUID value, char[] scratch) throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
      return;
    }
    long high = value.getMostSignificantBits();
    long low = value.getLeastSignificantBits();
    hex(high >>> 32, 8, scratch, 0);
    scratch[8] = '-';
    hex(high >>> 16, 4, scratch, 9);
    scratch[13] = '-';
    hex(high, 4, scratch, 14);
    scratch[18] = '-';
    hex(low >>> 48, 4, scratch, 19);
    scratch[23] = '-';
    hex(low, 12, scratch, 24);
    json.writeString(scratch, 0, 36);
  }

  private static void hex(long bits, int digits, char[] out, int at) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
  }

  /**
   * ISO-8601 in UTC as {@link Instant#toString} writes it: seconds always, a fraction in groups of three digits
   * only as long as it needs. Years outside 0000–9999 (which that writes with a sign) go through it.
   */
  private static void time(JsonGenerator json, SerializedString name, Instant value, char[] scratch) throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
      return;
    }
    long seconds = value.getEpochSecond();
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    if (date.getYear() < 0 || date.getYear() > 9_999) {
      json.writeString(value.toString());
      return;
    }
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    digits(date.getYear(), 4, scratch, 0);
    scratch[4] = '-';
    digits(date.getMonthValue(), 2, scratch, 5);
    scratch[7] = '-';
    digits(date.getDayOfMonth(), 2, scratch, 8);
    scratch[10] = 'T';
    digits(secondOfDay / 3_600, 2, scratch, 11);
    scratch[13] = ':';
    digits(secondOfDay / 60 % 60, 2, scratch, 14);
    scratch[16] = ':';
    digits(secondOfDay % 60, 2, scratch, 17);
    int length = 19;
    int nano = value.getNano();
    if (nano != 0) {
      scratch[length++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(nano / 1_000_000, 3, scratch, length);
        length += 3;
      } else if (nano % 1_000 == 0) {
        digits(nano / 1_000, 6, scratch, length);
        length += 6;
      } else {
        digits(nano, 9, scratch, length);
        length += 9;
      }
    }
    scratch[length++] = 'Z';
    json.writeString(scratch, 0, length);
  }

  private static void digits(int value, int width, char[] out, int at) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
