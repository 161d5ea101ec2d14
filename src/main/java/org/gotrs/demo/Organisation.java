package org.gotrs.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The demo help desk's people and structure, as written in {@code demo/organisation.json}; {@code intakeQueue} is where
 * tickets from the portal, the chat widget and the API go when the customer chooses no queue.
 */
record Organisation(List<Group> groups, List<Role> roles, List<Agent> agents, List<Sla> slas, List<Service> services,
                    List<String> types, List<Queue> queues, String intakeQueue, List<Company> companies) {

  record Group(String name, String comments) {}

  /** {@code grants}: group name → permission keys. */
  record Role(String name, String comments, Map<String, List<String>> grants) {}

  record Agent(String login, String firstName, String lastName, String email, List<String> roles) {}

  record Sla(String name, String comments, int firstResponseTime, int firstResponseNotify, int updateTime,
             int updateNotify, int solutionTime, int solutionNotify, JsonObject businessHours, JsonArray holidays) {}

  record Service(String name, String criticality) {}

  /** A queue; {@code parent} is listed before its children; customers may choose it when {@code customerSelectable}. */
  record Queue(String name, String parent, String group, String sla, String comments, boolean customerSelectable) {}

  record Company(String customerId, String name, String street, String zip, String city, String country, String url,
                 String industry, String size, String sla, List<Person> users) {

    /** {@code first.last@<customer id>.example}. */
    String email(Person person) {
      return person.login() + "@" + customerId + ".example";
    }
  }

  record Person(String login, String firstName, String lastName, String title) {}

  /** The groups an agent holds {@code rw} on through their roles: the queues they may own tickets in. */
  List<String> rwGroups(Agent agent) {
    return roles.stream()
        .filter(role -> agent.roles().contains(role.name()))
        .flatMap(role -> role.grants().entrySet().stream())
        .filter(grant -> grant.getValue().contains("rw"))
        .map(Map.Entry::getKey)
        .distinct()
        .toList();
  }
}
