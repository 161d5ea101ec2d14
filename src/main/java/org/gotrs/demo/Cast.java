package org.gotrs.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who and what the demo tickets refer to, with their database ids: written by {@link OrganisationWriter},
 * read by {@link TicketPlanner}.
 *
 * @param owners queue name → the agents who hold {@code rw} on its group
 */
record Cast(Map<String, Integer> queues, Map<String, Integer> states, Map<String, Integer> priorities,
            Map<String, Integer> types, Map<String, Integer> services, Map<String, List<Agent>> owners,
            List<Company> companies) {

  record Agent(UUID id, String login, String firstName, String lastName) {
    String name() {
      return firstName + " " + lastName;
    }
  }

  record Customer(UUID id, String login, String email, String firstName, String lastName, String title) {
    String name() {
      return firstName + " " + lastName;
    }
  }

  record Company(String customerId, String name, Integer slaId, List<Customer> users) {}

  int queue(String name) {
    return required(queues, name, "queue");
  }

  int state(String name) {
    return required(states, name, "state");
  }

  int priority(String name) {
    return required(priorities, name, "priority");
  }

  private static int required(Map<String, Integer> ids, String name, String what) {
    Integer id = ids.get(name);
    if (id == null) {
      throw new IllegalStateException("the demo data names no " + what + " '" + name + "'");
    }
    return id;
  }
}
