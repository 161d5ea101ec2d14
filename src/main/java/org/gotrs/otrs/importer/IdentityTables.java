package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.otrs.importer.MatchOrInsert.Col;

/**
 * Agents, groups, roles and every membership with its permission key. Agents keep their OTRS password in
 * {@code pw}: they log in with it and are re-hashed then. An agent or group GOTRS already has under the same login
 * or name (root@localhost, admin, users) is mapped to it, not changed.
 */
final class IdentityTables {

  private IdentityTables() {}

  static List<TableImport> all(SourceSchema schema) {
    String groups = schema.groupsTable();
    String permissionValue = schema.groupUserHasValue() ? "gu.permission_value" : "1";
    return List.of(
        SourceTable.byId("users", "users u", "u",
            """
            u.login, u.pw, u.title, u.first_name, u.last_name, u.valid_id, u.create_time, u.create_by, u.change_time,
            u.change_by, (SELECT p.preferences_value FROM user_preferences p
                           WHERE p.user_id = u.id AND p.preferences_key = 'UserEmail' LIMIT 1) AS email""",
            IdentityTables::users),
        SourceTable.linkTable("user_preferences", "user_preferences p", "p.user_id || ':' || p.preferences_key",
            "p.user_id, p.preferences_key, p.preferences_value", IdentityTables::preferences),
        SourceTable.byId(groups, groups + " g", "g",
            "g.name, g.comments, g.valid_id, g.create_time, g.create_by, g.change_time, g.change_by",
            (tx, rows) -> named(tx, groups, "groups", rows)),
        SourceTable.byId("roles", "roles r", "r",
            "r.name, r.comments, r.valid_id, r.create_time, r.create_by, r.change_time, r.change_by",
            (tx, rows) -> named(tx, "roles", "roles", rows)),
        SourceTable.linkTable("role_user", "role_user ru", "ru.user_id || ':' || ru.role_id",
            "ru.user_id, ru.role_id, ru.create_time, ru.change_time", IdentityTables::roleUsers),
        SourceTable.linkTable("group_user", "group_user gu",
            "gu.user_id || ':' || gu.group_id || ':' || gu.permission_key",
            "gu.user_id AS member_id, gu.group_id, gu.permission_key, " + permissionValue
                + " AS permission_value, gu.create_time, gu.change_time",
            (tx, rows) -> grants(tx, "group_user", "group_user", "users", "user_id", groups, rows)),
        SourceTable.linkTable("group_role", "group_role gr",
            "gr.role_id || ':' || gr.group_id || ':' || gr.permission_key",
            "gr.role_id AS member_id, gr.group_id, gr.permission_key, gr.permission_value, gr.create_time, "
                + "gr.change_time",
            (tx, rows) -> grants(tx, "group_role", "role_group", "roles", "role_id", groups, rows)));
  }

  private static Future<Map<String, String>> users(SqlClient tx, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("login", "text", Cols.text(rows, "login")),
        Col.input("email_given", "text", Cols.text(rows, "email")),
        Col.computed("email", "coalesce(nullif(src.email_given, ''), src.login)"),
        Col.of("pw", "text", Cols.text(rows, "pw")),
        Col.of("title", "text", Cols.text(rows, "title")),
        Col.of("first_name", "text", Cols.text(rows, "first_name")),
        Col.of("last_name", "text", Cols.text(rows, "last_name")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id")),
        // the OTRS id stays the agent's number for OTRS clients, unless an agent here has it already or it lies
        // where new agents' numbers are counted (from 10000, db/V55)
        Col.input("otrs_number", "int", Cols.map(rows, row -> ((Number) row.getValue(0)).intValue(), Integer[]::new)),
        Col.computed("number", "coalesce(CASE WHEN src.otrs_number < 10000 AND NOT EXISTS (SELECT 1 FROM users n "
            + "WHERE n.number = src.otrs_number) THEN src.otrs_number END, nextval('user_number_seq'))")));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, "users", "users", "id", "login", rows, cols)
        .compose(written -> creatorsInBatch(tx, rows).map(written));
  }

  /** Agents created by an agent of the same batch: that one's id is known only once the batch is written. */
  private static Future<Void> creatorsInBatch(SqlClient tx, List<Row> rows) {
    return tx.preparedQuery("""
            UPDATE users u
               SET create_by = coalesce(u.create_by, (SELECT c.gotrs_id::uuid FROM otrs_id_map c
                                                       WHERE c.source_table = 'users' AND c.source_id = s.cb)),
                   change_by = coalesce(u.change_by, (SELECT c.gotrs_id::uuid FROM otrs_id_map c
                                                       WHERE c.source_table = 'users' AND c.source_id = s.mb))
              FROM unnest($1::text[], $2::text[], $3::text[]) AS s(k, cb, mb)
              JOIN otrs_id_map m ON m.source_table = 'users' AND m.source_id = s.k
             WHERE u.id = m.gotrs_id::uuid AND (u.create_by IS NULL OR u.change_by IS NULL)""")
        .execute(Tuple.from(new Object[] {Cols.keys(rows),
            Cols.map(rows, row -> MatchOrInsert.text(row.getValue("create_by")), String[]::new),
            Cols.map(rows, row -> MatchOrInsert.text(row.getValue("change_by")), String[]::new)}))
        .mapEmpty();
  }

  /** groups and roles: name, comments, validity. */
  private static Future<Map<String, String>> named(SqlClient tx, String otrsTable, String target, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("name", "text", Cols.text(rows, "name")),
        Col.of("comments", "text", Cols.text(rows, "comments")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, otrsTable, target, "id", "name", rows, cols);
  }

  private static Future<Map<String, String>> preferences(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("users", row.getValue("user_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<UUID> users = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Row row : rows) {
        UUID user = refs.uuid("users", row.getValue("user_id"));
        if (user == null) {
          refused.put(key(row), "agent " + row.getValue("user_id") + " was not imported");
          continue;
        }
        keys.add(key(row));
        users.add(user);
        names.add(row.getString("preferences_key"));
        values.add(row.getString("preferences_value"));
      }
      return tx.preparedQuery("""
              INSERT INTO user_preferences (user_id, preferences_key, preferences_value)
              SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
              ON CONFLICT (user_id, preferences_key) DO NOTHING""")
          .execute(Tuple.from(new Object[] {users.toArray(new UUID[0]), names.toArray(new String[0]), values.toArray(new String[0])}))
          .compose(done -> IdMap.record(tx, "user_preferences", keys,
              java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> users.get(i) + ":" + names.get(i)).toList()))
          .map(refused);
    });
  }

  private static Future<Map<String, String>> roleUsers(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("users", row.getValue("user_id")).add("roles", row.getValue("role_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<UUID> users = new ArrayList<>();
      List<Integer> roles = new ArrayList<>();
      List<java.time.LocalDateTime> created = new ArrayList<>();
      for (Row row : rows) {
        UUID user = refs.uuid("users", row.getValue("user_id"));
        Integer role = refs.integer("roles", row.getValue("role_id"));
        if (user == null || role == null) {
          refused.put(key(row), user == null ? "agent " + row.getValue("user_id") + " was not imported"
              : "role " + row.getValue("role_id") + " was not imported");
          continue;
        }
        keys.add(key(row));
        users.add(user);
        roles.add(role);
        created.add(row.getLocalDateTime("create_time"));
      }
      return tx.preparedQuery("""
              INSERT INTO role_user (user_id, role_id, create_time, change_time)
              SELECT u, r, c, c FROM unnest($1::uuid[], $2::int[], $3::timestamp[]) AS s(u, r, c)
              ON CONFLICT (user_id, role_id) DO NOTHING""")
          .execute(Tuple.from(new Object[] {users.toArray(new UUID[0]), roles.toArray(new Integer[0]),
              created.toArray(new java.time.LocalDateTime[0])}))
          .compose(done -> IdMap.record(tx, "role_user", keys,
              java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> users.get(i) + ":" + roles.get(i)).toList()))
          .map(refused);
    });
  }

  /** group_user and group_role (GOTRS: role_group): a member (agent or role), a group, a permission key and value. */
  private static Future<Map<String, String>> grants(SqlClient tx, String table, String target, String memberTable,
                                                    String memberColumn, String groupsTable, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add(memberTable, row.getValue("member_id")).add(groupsTable, row.getValue("group_id")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      List<String> members = new ArrayList<>();
      List<Integer> groups = new ArrayList<>();
      List<String> permissionKeys = new ArrayList<>();
      List<Integer> values = new ArrayList<>();
      for (Row row : rows) {
        String member = refs.get(memberTable, row.getValue("member_id"));
        Integer group = refs.integer(groupsTable, row.getValue("group_id"));
        if (member == null || group == null) {
          refused.put(key(row), member == null ? memberTable + " " + row.getValue("member_id") + " was not imported"
              : "group " + row.getValue("group_id") + " was not imported");
          continue;
        }
        keys.add(key(row));
        members.add(member);
        groups.add(group);
        permissionKeys.add(row.getString("permission_key"));
        values.add(Cols.integer(row, "permission_value"));
      }
      String memberType = memberColumn.equals("user_id") ? "uuid" : "int";
      return tx.preparedQuery("""
              INSERT INTO %1$s (%2$s, group_id, permission_key, permission_value)
              SELECT m::%3$s, g, k, v FROM unnest($1::text[], $2::int[], $3::text[], $4::int[]) AS s(m, g, k, v)
              ON CONFLICT (%2$s, group_id, permission_key) DO NOTHING""".formatted(target, memberColumn, memberType))
          .execute(Tuple.from(new Object[] {members.toArray(new String[0]), groups.toArray(new Integer[0]),
              permissionKeys.toArray(new String[0]), values.toArray(new Integer[0])}))
          .compose(done -> IdMap.record(tx, table, keys, java.util.stream.IntStream.range(0, keys.size())
              .mapToObj(i -> members.get(i) + ":" + groups.get(i) + ":" + permissionKeys.get(i)).toList()))
          .map(refused);
    });
  }

  private static String key(Row row) {
    return row.getString("source_key");
  }
}
