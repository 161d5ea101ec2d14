package org.gotrs.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the demo organisation (groups, roles, agents, SLAs, services, queues, the intake queue, customers) in one
 * batch per table.
 */
final class OrganisationWriter {

  /** The built-in admin (see db/V2): the demo rows are created by it. */
  static final UUID ADMIN = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final Organisation organisation;
  private final String passwordHash;

  /** @param passwordHash the hash of the demo password, shared by every demo account */
  OrganisationWriter(Organisation organisation, String passwordHash) {
    this.organisation = organisation;
    this.passwordHash = passwordHash;
  }

  Future<Cast> write(SqlClient tx) {
    var o = organisation;
    return batch(tx, DemoSql.GROUP, o.groups(), g -> Tuple.of(g.name(), g.comments(), ADMIN))
        .compose(done -> batch(tx, DemoSql.ROLE, o.roles(), r -> Tuple.of(r.name(), r.comments(), ADMIN)))
        .compose(done -> batch(tx, DemoSql.ROLE_GRANT, roleGrants(), grant -> grant))
        .compose(done -> batch(tx, DemoSql.SLA, o.slas(), s -> Tuple.from(new Object[] {s.name(), s.comments(),
            s.firstResponseTime(), s.firstResponseNotify(), s.updateTime(), s.updateNotify(), s.solutionTime(),
            s.solutionNotify(), s.businessHours(), s.holidays(), ADMIN})))
        .compose(done -> batch(tx, DemoSql.SERVICE, o.services(), s -> Tuple.of(s.name(), s.criticality(), ADMIN)))
        .compose(done -> tx.preparedQuery(DemoSql.SERVICE_SLAS).execute(Tuple.tuple()
            .addArrayOfString(o.services().stream().map(Organisation.Service::name).toArray(String[]::new))
            .addArrayOfString(o.slas().stream().map(Organisation.Sla::name).toArray(String[]::new))))
        .compose(done -> batch(tx, DemoSql.TICKET_TYPE, o.types(), type -> Tuple.of(type, ADMIN)))
        .compose(done -> batch(tx, DemoSql.QUEUE, o.queues(), q -> Tuple.of(q.name(), q.group(), q.parent(), q.sla(),
            q.comments(), q.customerSelectable(), ADMIN)))
        .compose(done -> tx.preparedQuery(DemoSql.INTAKE).execute(Tuple.of(o.intakeQueue(), ADMIN)))
        .compose(done -> agents(tx))
        .compose(agents -> batch(tx, DemoSql.AGENT_ROLE, agentRoles(agents), grant -> grant)
            .compose(done -> companies(tx))
            .compose(companies -> tx.query(DemoSql.NAMES).execute()
                .map(names -> cast(names, agents, companies))));
  }

  private List<Tuple> roleGrants() {
    List<Tuple> grants = new ArrayList<>();
    organisation.roles().forEach(role -> role.grants().forEach((group, keys) ->
        keys.forEach(key -> grants.add(Tuple.of(role.name(), group, key, ADMIN)))));
    return grants;
  }

  /** The agents in the order of the file, with their ids. */
  private Future<List<Cast.Agent>> agents(SqlClient tx) {
    List<Organisation.Agent> agents = organisation.agents();
    return tx.preparedQuery(DemoSql.AGENT).executeBatch(agents.stream().map(a -> Tuple.from(new Object[] {a.login(),
            a.email(), passwordHash, a.firstName(), a.lastName(), ADMIN})).toList())
        .map(rows -> {
          List<UUID> ids = ids(rows, row -> row.getUUID("id"));
          List<Cast.Agent> cast = new ArrayList<>();
          for (int i = 0; i < agents.size(); i++) {
            Organisation.Agent agent = agents.get(i);
            cast.add(new Cast.Agent(ids.get(i), agent.login(), agent.firstName(), agent.lastName()));
          }
          return cast;
        });
  }

  private List<Tuple> agentRoles(List<Cast.Agent> agents) {
    List<Tuple> grants = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      UUID id = agents.get(i).id();
      organisation.agents().get(i).roles().forEach(role -> grants.add(Tuple.of(id, role, ADMIN)));
    }
    return grants;
  }

  private Future<List<Cast.Company>> companies(SqlClient tx) {
    List<Organisation.Company> companies = organisation.companies();
    List<Tuple> users = new ArrayList<>();
    companies.forEach(c -> c.users().forEach(u -> users.add(Tuple.from(new Object[] {u.login(), c.email(u),
        c.customerId(), passwordHash, u.title(), u.firstName(), u.lastName(), ADMIN}))));
    return tx.preparedQuery(DemoSql.COMPANY).executeBatch(companies.stream().map(c -> Tuple.from(new Object[] {
            c.customerId(), c.name(), c.street(), c.zip(), c.city(), c.country(), c.url(), c.industry(), c.size(),
            c.sla(), ADMIN})).toList())
        .map(rows -> ids(rows, row -> row.getInteger("sla_id")))
        .compose(slaIds -> tx.preparedQuery(DemoSql.CUSTOMER_USER).executeBatch(users)
            .map(rows -> {
              List<UUID> userIds = ids(rows, row -> row.getUUID("id"));
              List<Cast.Company> cast = new ArrayList<>();
              int next = 0;
              for (int i = 0; i < companies.size(); i++) {
                Organisation.Company company = companies.get(i);
                List<Cast.Customer> people = new ArrayList<>();
                for (Organisation.Person person : company.users()) {
                  people.add(new Cast.Customer(userIds.get(next++), person.login(), company.email(person),
                      person.firstName(), person.lastName(), person.title()));
                }
                cast.add(new Cast.Company(company.customerId(), company.name(), slaIds.get(i), people));
              }
              return cast;
            }));
  }

  private Cast cast(RowSet<Row> names, List<Cast.Agent> agents, List<Cast.Company> companies) {
    Map<String, Map<String, Integer>> ids = new HashMap<>();
    for (Row row : names) {
      ids.computeIfAbsent(row.getString("kind"), kind -> new HashMap<>()).put(row.getString("name"), row.getInteger("id"));
    }
    Map<String, List<Cast.Agent>> owners = new LinkedHashMap<>();
    for (Organisation.Queue queue : organisation.queues()) {
      List<Cast.Agent> rw = new ArrayList<>();
      for (int i = 0; i < agents.size(); i++) {
        if (organisation.rwGroups(organisation.agents().get(i)).contains(queue.group())) {
          rw.add(agents.get(i));
        }
      }
      owners.put(queue.name(), rw);
    }
    return new Cast(ids.get("queue"), ids.get("state"), ids.get("priority"), ids.get("type"),
        ids.getOrDefault("service", Map.of()), owners, companies);
  }

  private static <T> Future<Void> batch(SqlClient tx, String sql, List<T> items, java.util.function.Function<T, Tuple> tuple) {
    return items.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(sql).executeBatch(items.stream().map(tuple).toList()).mapEmpty();
  }

  /** One value per batched statement, in the order of the batch. */
  static <T> List<T> ids(RowSet<Row> rows, java.util.function.Function<Row, T> id) {
    List<T> ids = new ArrayList<>();
    for (RowSet<Row> result = rows; result != null; result = result.next()) {
      ids.add(id.apply(result.iterator().next()));
    }
    return ids;
  }
}
