package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.json.Json;
import org.junit.jupiter.api.Test;

/** The hand-written ticket writer against the JSON the API's mapper derives from the record itself. */
class TicketJsonTest {

  /** The API's mapper, except that it serializes a ticket from its record components. */
  private static final ObjectMapper DERIVED = Json.MAPPER.copy()
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public Object findSerializer(Annotated annotated) {
          return annotated.getRawType() == Ticket.class ? null : super.findSerializer(annotated);
        }
      });

  @Test
  void writesWhatTheRecordDerivesTo() throws Exception {
    for (Ticket ticket : List.of(full(), sparse(), full().forCustomer(new JsonObject()))) {
      assertEquals(DERIVED.writeValueAsString(ticket), Json.encodeToString(ticket));
      assertEquals(DERIVED.writeValueAsString(List.of(ticket, ticket)), Json.encode(List.of(ticket, ticket)).toString());
    }
  }

  @Test
  void writesTimesAsInstantDoes() throws Exception {
    for (String time : List.of("2026-12-05T06:03:21Z", "2026-12-05T06:03:21.100Z", "2026-12-05T06:03:21.000100Z",
        "2026-12-05T06:03:21.000000001Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z",
        "2024-02-29T12:00:00.012Z")) {
      Ticket ticket = withTimes(Instant.parse(time));
      assertEquals(DERIVED.writeValueAsString(ticket), Json.encodeToString(ticket), time);
    }
  }

  @Test
  void searchHitsCarryTheTicketsFieldsBesideRankAndSnippet() throws Exception {
    var hit = new TicketList.Hit(full(), 0.25, "a <mark>printer</mark>");
    assertEquals(DERIVED.writeValueAsString(hit), Json.encodeToString(hit));
  }

  @Test
  void convertsToTheSameJsonObject() {
    Ticket ticket = full();
    @SuppressWarnings("unchecked")
    var derived = new JsonObject(DERIVED.convertValue(ticket, Map.class));
    assertEquals(derived, ticket.toJson());
  }

  private static Ticket full() {
    return new Ticket(1_000_001L, "2026120510000017", new UUID(0xF3A1_0000_0000_4000L, 0x8000_0000_0000_00FFL),
        "Printer \"HP-4\" jams — ünïcödé \u2028 <b>", 3, "Support::Hardware", 4, "open", "open", 3, "3 normal",
        1, "Unclassified", 7, 2, UUID.randomUUID(), "agent07", UUID.randomUUID(), 2, "lock", "ACME",
        UUID.randomUUID(), "customer01", 1_765_000_000L, 1_765_000_100L, 1_765_000_200L, 0, 1_765_000_300L, 1_765_000_050L, 1, "email",
        99L, 42L, List.of("vip", "hardware \"x\""),
        new JsonObject().put("severity", "high").put("count", 3).put("seen", new JsonArray().add("a").add("b")),
        Instant.parse("2026-12-05T06:03:21.123456Z"), Instant.parse("2026-12-05T06:03:22Z"),
        new java.math.BigDecimal("12.50"));
  }

  private static Ticket sparse() {
    return new Ticket(1, "1", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, null, null, null, List.of(), new JsonObject(), null,
        null, null);
  }

  private static Ticket withTimes(Instant time) {
    Ticket t = full();
    return new Ticket(t.id(), t.tn(), t.uuid(), t.title(), t.queueId(), t.queue(), t.stateId(), t.state(),
        t.stateType(), t.priorityId(), t.priority(), t.typeId(), t.type(), t.serviceId(), t.slaId(), t.userId(),
        t.owner(), t.responsibleUserId(), t.ticketLockId(), t.lock(), t.customerId(), t.customerUserId(),
        t.customerUser(), t.untilTime(), t.escalationTime(), t.escalationResponseTime(), t.escalationUpdateTime(),
        t.escalationSolutionTime(), t.escalationWarningTime(), t.archiveFlag(), t.source(), t.mergedToId(), t.splitFromId(), t.tags(),
        t.customFields(), time, time, t.timeUnitsTotal());
  }
}
