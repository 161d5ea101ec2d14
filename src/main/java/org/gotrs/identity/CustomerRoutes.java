package org.gotrs.identity;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /customer-companies} and {@code /customer-users}, for administrators only. */
public final class CustomerRoutes implements Routes {

  private final CustomerCompanyService companies;
  private final CustomerUserService customerUsers;
  private final Permissions permissions;

  public CustomerRoutes(CustomerCompanyService companies, CustomerUserService customerUsers, Permissions permissions) {
    this.companies = companies;
    this.customerUsers = customerUsers;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/customer-companies").handler(permissions::adminOnly).handler(this::listCompanies);
    api.post("/customer-companies").handler(permissions::adminOnly).handler(this::createCompany);
    api.get("/customer-companies/:customer_id").handler(permissions::adminOnly).handler(this::getCompany);
    api.patch("/customer-companies/:customer_id").handler(permissions::adminOnly).handler(this::updateCompany);
    api.delete("/customer-companies/:customer_id").handler(permissions::adminOnly).handler(this::invalidateCompany);
    api.get("/customer-users").handler(permissions::adminOnly).handler(this::listCustomerUsers);
    api.post("/customer-users").handler(permissions::adminOnly).handler(this::createCustomerUser);
    api.get("/customer-users/:id").handler(permissions::adminOnly).handler(this::getCustomerUser);
    api.patch("/customer-users/:id").handler(permissions::adminOnly).handler(this::updateCustomerUser);
    api.delete("/customer-users/:id").handler(permissions::adminOnly).handler(this::invalidateCustomerUser);
  }

  private void listCompanies(RoutingContext ctx) {
    Replies.ok(ctx, companies.list(ListQuery.of(ctx)));
  }

  private void createCompany(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Map<String, Object> columns = companyColumns(new Columns(input, true).required("customer_id", 150));
    input.validate();
    Replies.created(ctx, companies.create(Actor.of(ctx), columns));
  }

  private void getCompany(RoutingContext ctx) {
    Replies.ok(ctx, companies.get(customerId(ctx)));
  }

  private void updateCompany(RoutingContext ctx) {
    String customerId = customerId(ctx);
    Input input = Input.of(ctx);
    if (input.has("customer_id") && !customerId.equals(input.json().getValue("customer_id"))) {
      input.error("customer_id", "is the company's key and cannot be changed");
    }
    Map<String, Object> columns = companyColumns(new Columns(input, false));
    input.validate();
    Replies.ok(ctx, companies.update(Actor.of(ctx), customerId, columns));
  }

  private void invalidateCompany(RoutingContext ctx) {
    Replies.noContent(ctx, companies.invalidate(Actor.of(ctx), customerId(ctx)));
  }

  private void listCustomerUsers(RoutingContext ctx) {
    Replies.ok(ctx, customerUsers.list(ListQuery.of(ctx), ctx.queryParams().get("customer_id")));
  }

  private void createCustomerUser(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Map<String, Object> columns = customerUserColumns(input, true);
    String password = UserRoutes.password(input);
    input.validate();
    Replies.created(ctx, customerUsers.create(Actor.of(ctx), columns, password));
  }

  private void getCustomerUser(RoutingContext ctx) {
    Replies.ok(ctx, customerUsers.get(PathParams.uuid(ctx, "id")));
  }

  private void updateCustomerUser(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    Input input = Input.of(ctx);
    Map<String, Object> columns = customerUserColumns(input, false);
    String password = UserRoutes.password(input);
    input.validate();
    Replies.ok(ctx, customerUsers.update(Actor.of(ctx), id, columns, password));
  }

  private void invalidateCustomerUser(RoutingContext ctx) {
    Replies.noContent(ctx, customerUsers.invalidate(Actor.of(ctx), PathParams.uuid(ctx, "id")));
  }

  private static String customerId(RoutingContext ctx) {
    String customerId = ctx.pathParam("customer_id");
    if (customerId == null || customerId.isBlank() || customerId.length() > 150) {
      throw Problem.notFound("no such resource");
    }
    return customerId;
  }

  private static Map<String, Object> companyColumns(Columns columns) {
    return columns
        .required("name", 200)
        .nullable("street", 200)
        .nullable("zip", 20)
        .nullable("city", 200)
        .nullable("country", 200)
        .nullable("url", 200)
        .nullable("comments", 250)
        .validId()
        .nullable("parent_id", 150)
        .nullable("industry", 100)
        .nullable("size", 50)
        .nullableId("sla_id")
        .object("metadata")
        .values();
  }

  private static Map<String, Object> customerUserColumns(Input input, boolean creating) {
    return new Columns(input, creating)
        .required("login", 200)
        .email("email")
        .required("customer_id", 150)
        .nullable("title", 50)
        .nullable("first_name", 100)
        .nullable("last_name", 100)
        .nullable("phone", 50)
        .nullable("mobile", 50)
        .nullable("street", 150)
        .nullable("zip", 20)
        .nullable("city", 200)
        .nullable("country", 200)
        .validId()
        .defaulted("language", 10)
        .timezone("timezone")
        .nullable("avatar_url", 2000)
        .object("preferences")
        .values();
  }
}
