package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gotrs.otrs.importer.MatchOrInsert.Col;

/**
 * Customer companies (by their customer id) and customer users (by login, with their OTRS password). OTRS lets a
 * customer user name a customer id that has no company row; GOTRS needs one, so such a company is created with the
 * customer id as its name.
 */
final class CustomerTables {

  private CustomerTables() {}

  static List<TableImport> all() {
    return List.of(
        SourceTable.of("customer_company", "text", "customer_company c", "c.customer_id",
            "c.name, c.street, c.zip, c.city, c.country, c.url, c.comments, c.valid_id, c.create_time, c.create_by, "
                + "c.change_time, c.change_by",
            CustomerTables::companies),
        SourceTable.byId("customer_user", "customer_user c", "c",
            "c.login, c.email, c.customer_id, c.pw, c.title, c.first_name, c.last_name, c.phone, c.mobile, c.street, "
                + "c.zip, c.city, c.country, c.valid_id, c.create_time, c.create_by, c.change_time, c.change_by",
            CustomerTables::users));
  }

  private static Future<Map<String, String>> companies(SqlClient tx, List<Row> rows) {
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("customer_id", "text", Cols.keys(rows)),
        Col.of("name", "text", Cols.text(rows, "name")),
        Col.of("street", "text", Cols.text(rows, "street")),
        Col.of("zip", "text", Cols.text(rows, "zip")),
        Col.of("city", "text", Cols.text(rows, "city")),
        Col.of("country", "text", Cols.text(rows, "country")),
        Col.of("url", "text", Cols.text(rows, "url")),
        Col.of("comments", "text", Cols.text(rows, "comments")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
    cols.addAll(MatchOrInsert.audit(rows));
    return MatchOrInsert.run(tx, "customer_company", "customer_company", "customer_id", "customer_id", rows, cols);
  }

  private static Future<Map<String, String>> users(SqlClient tx, List<Row> rows) {
    String[] companies = Cols.map(rows, row -> blankToNull(row.getString("customer_id")), String[]::new);
    List<Col> cols = new ArrayList<>(List.of(
        Col.of("login", "text", Cols.text(rows, "login")),
        Col.of("email", "text", Cols.text(rows, "email")),
        Col.of("customer_id", "text", companies),
        Col.of("pw", "text", Cols.text(rows, "pw")),
        Col.of("title", "text", Cols.text(rows, "title")),
        Col.of("first_name", "text", Cols.text(rows, "first_name")),
        Col.of("last_name", "text", Cols.text(rows, "last_name")),
        Col.of("phone", "text", Cols.text(rows, "phone")),
        Col.of("mobile", "text", Cols.text(rows, "mobile")),
        Col.of("street", "text", Cols.text(rows, "street")),
        Col.of("zip", "text", Cols.text(rows, "zip")),
        Col.of("city", "text", Cols.text(rows, "city")),
        Col.of("country", "text", Cols.text(rows, "country")),
        Col.of("valid_id", "int", Cols.ints(rows, "valid_id"))));
    cols.addAll(MatchOrInsert.audit(rows));
    return tx.preparedQuery("""
            INSERT INTO customer_company (customer_id, name, comments)
            SELECT DISTINCT c, c, 'Created by the OTRS import: a customer user named this customer id.'
              FROM unnest($1::text[]) AS c WHERE c IS NOT NULL
            ON CONFLICT (customer_id) DO NOTHING""")
        .execute(Tuple.of((Object) companies))
        .compose(made -> MatchOrInsert.run(tx, "customer_user", "customer_user", "id", "login", rows, cols));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
