package org.gotrs.account;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gotrs.auth.PasswordRule;
import org.gotrs.config.Config;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.http.RateLimiter;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/**
 * A customer's own account: {@code /auth/customer/password-reset} and, when {@code portal.self_registration} is on,
 * {@code /auth/customer/register} (both anonymous, rate-limited per address and per e-mail), {@code /me/profile} and
 * {@code /me/password}.
 */
public final class AccountRoutes implements Routes {

  private static final int MAX_TRACKED_KEYS = 100_000;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(_[A-Z]{2})?");
  private static final Set<String> PROFILE_FIELDS = Set.of("first_name", "last_name", "phone", "language");
  private static final Set<String> READ_ONLY = Set.of("login", "email", "customer_id");

  /** A field people do not see; a form that fills it was filled by a program, and is answered as if it worked. */
  static final String HONEYPOT = "website";

  private final PasswordResets resets;
  private final Registrations registrations;
  private final CustomerProfile profile;
  private final boolean selfRegistration;
  private final RateLimiter resetsPerAddress;
  private final RateLimiter resetsPerEmail;
  private final RateLimiter registrationsPerAddress;
  private final RateLimiter registrationsPerEmail;

  public AccountRoutes(PasswordResets resets, Registrations registrations, CustomerProfile profile,
                       Config.Portal portal, Clock clock) {
    this.resets = resets;
    this.registrations = registrations;
    this.profile = profile;
    this.selfRegistration = portal.selfRegistration();
    this.resetsPerAddress = limiter(portal.passwordResetsPerAddressPerHour(), clock);
    this.resetsPerEmail = limiter(portal.passwordResetsPerEmailPerHour(), clock);
    this.registrationsPerAddress = limiter(portal.registrationsPerAddressPerHour(), clock);
    this.registrationsPerEmail = limiter(portal.registrationsPerEmailPerHour(), clock);
  }

  private static RateLimiter limiter(int perHour, Clock clock) {
    return perHour > 0 ? new RateLimiter(perHour, Duration.ofHours(1), clock, MAX_TRACKED_KEYS) : null;
  }

  @Override
  public void mount(Router api) {
    api.post("/auth/customer/password-reset").handler(this::requestReset);
    api.post("/auth/customer/password-reset/confirm").handler(this::confirmReset);
    api.get("/auth/customer/register").handler(this::registrationOpen);
    api.post("/auth/customer/register").handler(this::register);
    api.post("/auth/customer/register/confirm").handler(this::confirmRegistration);
    api.get("/me/profile").handler(ctx -> Replies.ok(ctx, profile.get(customer(ctx))));
    api.patch("/me/profile").handler(this::updateProfile);
    api.post("/me/password").handler(this::changePassword);
  }

  /** The signed-in customer user; anyone else is refused before their input is read. */
  private static Actor customer(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    if (!actor.principal().isCustomer()) {
      throw Problem.forbidden("the profile is a customer user's own; agents keep theirs in the admin area");
    }
    return actor;
  }

  /** Answers 202 at once, the same for every address; the lookup and the mail happen after the answer. */
  private void requestReset(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String email = input.string("email", true, 255);
    if (email != null && !EMAIL.matcher(email.strip()).matches()) {
      input.error("email", "must be an e-mail address");
    }
    input.validate();
    Actor actor = Actor.anonymous(ctx);
    String address = email.strip();
    if (resetsPerAddress != null) {
      resetsPerAddress.check(actor.ip(), "password reset requests from this address");
    }
    if (resetsPerEmail != null) {
      resetsPerEmail.check(address.toLowerCase(Locale.ROOT), "password reset requests for this e-mail address");
    }
    Replies.json(ctx, 202, Map.of("status", "accepted",
        "detail", "if a customer account has this address, a link to set a new password is on its way"));
    resets.request(actor, address);
  }

  private void requireSelfRegistration() {
    if (!selfRegistration) {
      throw Problem.notFound("customers do not sign up themselves here; ask the help desk for an account");
    }
  }

  /** Lets the portal offer signing up, or not: a question asked on every visit, so never an error. */
  private void registrationOpen(RoutingContext ctx) {
    Replies.json(ctx, 200, Map.of("enabled", selfRegistration));
  }

  /** Answers 202 at once, the same for every address; the mail (a link, or word of the account) goes after. */
  private void register(RoutingContext ctx) {
    requireSelfRegistration();
    Input input = Input.of(ctx);
    String email = input.string("email", true, 255);
    if (email != null && !EMAIL.matcher(email.strip()).matches()) {
      input.error("email", "must be an e-mail address");
    }
    String firstName = input.string("first_name", true, 100);
    String lastName = input.string("last_name", true, 100);
    String language = input.string("language", false, 10);
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      input.error("language", "must be a language code such as en or de");
    }
    String password = PasswordRule.newPassword(input, "password", true);
    String honeypot = input.string(HONEYPOT, false, 1000);
    input.validate();
    Actor actor = Actor.anonymous(ctx);
    String address = email.strip();
    if (registrationsPerAddress != null) {
      registrationsPerAddress.check(actor.ip(), "sign-ups from this address");
    }
    if (registrationsPerEmail != null) {
      registrationsPerEmail.check(address.toLowerCase(Locale.ROOT), "sign-ups for this e-mail address");
    }
    Replies.json(ctx, 202, Map.of("status", "accepted",
        "detail", "a link to confirm the address is on its way to it; the account exists once it is confirmed"));
    if (honeypot == null || honeypot.isEmpty()) {
      registrations.register(actor, new Registrations.SignUp(address, firstName.strip(), lastName.strip(), language,
          password));
    }
  }

  private void confirmRegistration(RoutingContext ctx) {
    requireSelfRegistration();
    Input input = Input.of(ctx);
    String token = input.string("token", true, 200);
    input.validate();
    Replies.created(ctx, registrations.confirm(Actor.anonymous(ctx), token).map(login -> Map.of("login", login)));
  }

  private void confirmReset(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String token = input.string("token", true, 200);
    String password = PasswordRule.newPassword(input, "password", true);
    input.validate();
    Replies.noContent(ctx, resets.confirm(Actor.anonymous(ctx), token, password));
  }

  private void updateProfile(RoutingContext ctx) {
    Actor actor = customer(ctx);
    Input input = Input.of(ctx);
    Map<String, Object> columns = new LinkedHashMap<>();
    for (String field : input.json().fieldNames()) {
      if (READ_ONLY.contains(field)) {
        input.error(field, "is kept by the desk; ask an agent to change it");
      } else if (!PROFILE_FIELDS.contains(field)) {
        input.error(field.length() > 100 ? field.substring(0, 100) : field,
            "is not a profile field (first_name, last_name, phone, language)");
      }
    }
    name(input, "first_name", columns);
    name(input, "last_name", columns);
    if (input.has("phone")) {
      String phone = input.string("phone", false, 50);
      columns.put("phone", phone == null || phone.isBlank() ? null : phone.strip());
    }
    if (input.has("language")) {
      String language = input.string("language", true, 10);
      if (language != null && !LANGUAGE.matcher(language).matches()) {
        input.error("language", "must be a language code such as en or de");
      }
      columns.put("language", language);
    }
    input.validate();
    Replies.ok(ctx, profile.update(actor, new CustomerProfile.ProfileChange(columns)));
  }

  private static void name(Input input, String field, Map<String, Object> columns) {
    if (input.has(field)) {
      String name = input.string(field, true, 100);
      if (name != null) {
        columns.put(field, name.strip());
      }
    }
  }

  private void changePassword(RoutingContext ctx) {
    Actor actor = customer(ctx);
    Input input = Input.of(ctx);
    String current = input.string("current_password", true, PasswordRule.MAX_LENGTH);
    String next = PasswordRule.newPassword(input, "new_password", true);
    input.validate();
    Replies.noContent(ctx, profile.changePassword(actor, current, next));
  }
}
