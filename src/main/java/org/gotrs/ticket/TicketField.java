package org.gotrs.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.gotrs.http.Problem;

/**
 * Every ticket field a write may set, with the OTRS permission key an agent needs on the ticket's queue to change
 * it and what a customer may do with it. This is the one table of who may write what: the native API, the
 * GenericInterface, chat and workflows run for an agent all change tickets through {@link TicketUpdate}, which
 * asks it. (Moving also needs {@code move_into} on the target queue; creating needs {@code create} there.)
 */
enum TicketField {

  TITLE("title", "rw", Customer.CREATES, "title"),
  QUEUE("queue_id", "move_into", Customer.CREATES, "queue_id", "queue"),
  STATE("state_id", "rw", Customer.CLOSES, "state_id", "state"),
  PENDING_TIME("until_time", "rw", Customer.NEVER, "until_time"),
  PRIORITY("priority_id", "priority", Customer.NEVER, "priority_id", "priority"),
  TYPE("type_id", "rw", Customer.CREATES, "type_id", "type"),
  SERVICE("service_id", "rw", Customer.CREATES, "service_id"),
  SLA("sla_id", "rw", Customer.NEVER, "sla_id"),
  OWNER("user_id", "owner", Customer.NEVER, "user_id", "owner_id"),
  RESPONSIBLE("responsible_user_id", "rw", Customer.NEVER, "responsible_user_id"),
  LOCK("ticket_lock_id", "rw", Customer.NEVER, "ticket_lock_id"),
  CUSTOMER_USER("customer_user_id", "rw", Customer.NEVER, "customer_user"),
  CUSTOMER("customer_id", "rw", Customer.NEVER, "customer_id"),
  TAGS("tags", "rw", Customer.NEVER, "tags"),
  ARCHIVE_FLAG("archive_flag", "rw", Customer.NEVER, "archive_flag"),
  /** Customers set only the fields visible to them; {@link TicketCustomFields} treats the others as unknown. */
  CUSTOM_FIELDS("custom_fields", "rw", Customer.CREATES_AND_CHANGES, "custom_fields");

  /** What a customer may do with a field, on a ticket they may read. */
  enum Customer {
    NEVER, CREATES, CREATES_AND_CHANGES,
    /** Changes it only to close the ticket ({@code closed successful}), when {@code portal.customers_may_close}. */
    CLOSES
  }

  /** The state a customer may set, the only one. */
  private static final String CUSTOMER_CLOSED_STATE = "closed successful";

  /** The part of a create body that is no field of the ticket: its first article, which customers write too. */
  private static final String FIRST_ARTICLE = "article";

  private static final Map<String, TicketField> BY_BODY_NAME = Arrays.stream(values())
      .flatMap(field -> field.bodyNames.stream().map(name -> Map.entry(name, field)))
      .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  private final String changedName;
  private final String key;
  private final Customer customer;
  private final List<String> bodyNames;

  TicketField(String changedName, String key, Customer customer, String... bodyNames) {
    this.changedName = changedName;
    this.key = key;
    this.customer = customer;
    this.bodyNames = List.of(bodyNames);
  }

  /** How audit rows and {@code ticket.updated}'s {@code changed} name the field (workflow conditions match on it). */
  String changedName() {
    return changedName;
  }

  /** The OTRS permission key an agent needs on the ticket's queue to change this field. */
  String key() {
    return key;
  }

  /** The keys the table names, each once: what {@link TicketUpdate} asks the database about. */
  static List<String> keys() {
    return Arrays.stream(values()).map(TicketField::key).distinct().toList();
  }

  /**
   * What a customer's create body names beyond title, queue, type, service, custom fields and the first
   * article: one error per refused member.
   */
  static List<Problem.FieldError> refusedOnCustomerCreate(Set<String> bodyNames) {
    return refused(bodyNames, field -> field.customer == Customer.CREATES
        || field.customer == Customer.CREATES_AND_CHANGES, FIRST_ARTICLE);
  }

  /** What a customer's PATCH names beyond the state (to close) and custom fields: one error per refused member. */
  static List<Problem.FieldError> refusedOnCustomerChange(Set<String> bodyNames) {
    return refused(bodyNames, field -> field.customer == Customer.CLOSES
        || field.customer == Customer.CREATES_AND_CHANGES, null);
  }

  /** A customer's new state: only {@code closed successful}, and only where customers may close their tickets. */
  static List<Problem.FieldError> refusedCustomerState(String stateName, boolean customersMayClose) {
    if (!customersMayClose) {
      return List.of(new Problem.FieldError("state", "customers may not close their tickets here"));
    }
    return CUSTOMER_CLOSED_STATE.equals(stateName) ? List.of()
        : List.of(new Problem.FieldError("state", "a customer may only set '" + CUSTOMER_CLOSED_STATE + "'"));
  }

  /** The 403 a customer's change gets, naming each refused member. */
  static Problem refusedToCustomer(List<Problem.FieldError> refused) {
    return new Problem(403, "Forbidden", "a customer may change only the state (to close the ticket) and the custom "
        + "fields shown to customers; refused: " + String.join(", ", refused.stream().map(Problem.FieldError::field)
        .toList()), refused, null);
  }

  private static List<Problem.FieldError> refused(Set<String> bodyNames, Predicate<TicketField> customerMay,
                                                  String alsoAllowed) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String name : new TreeSet<>(bodyNames)) {
      TicketField field = BY_BODY_NAME.get(name);
      boolean allowed = name.equals(alsoAllowed) || field != null && customerMay.test(field);
      if (!allowed) {
        errors.add(new Problem.FieldError(name, "is not for customers to set"));
      }
    }
    return errors;
  }
}
