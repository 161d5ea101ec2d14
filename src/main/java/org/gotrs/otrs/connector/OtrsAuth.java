package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gotrs.auth.AuthService;
import org.gotrs.auth.Authenticator;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * Who calls, OTRS style, on every request: {@code SessionID} (from {@code POST /Session}), or {@code UserLogin} /
 * {@code CustomerUserLogin} with {@code Password}. The same login checks, lockout and audit as the native API.
 */
final class OtrsAuth {

  private final AuthService auth;
  private final Authenticator authenticator;

  OtrsAuth(AuthService auth, Authenticator authenticator) {
    this.auth = auth;
    this.authenticator = authenticator;
  }

  /**
   * @param missingIsParameterError TicketCreate and TicketUpdate call missing credentials a MissingParameter, the
   *     read operations an AuthFail, as OTRS does
   */
  Future<Actor> actor(RoutingContext ctx, OtrsRequest request, String operation, String failMessage,
                      boolean missingIsParameterError) {
    Actor anonymous = Actor.anonymous(ctx);
    String sessionId = request.text("SessionID");
    String user = request.text("UserLogin");
    String customer = request.text("CustomerUserLogin");
    String password = request.text("Password");
    Future<Principal> principal;
    if (sessionId != null) {
      principal = authenticator.bySessionToken(sessionId);
    } else if ((user != null || customer != null) && password != null) {
      principal = auth.verify(anonymous, user != null ? Principal.Kind.AGENT : Principal.Kind.CUSTOMER,
          user != null ? user : customer, password);
    } else if (missingIsParameterError) {
      return Future.failedFuture(OtrsError.missing(operation, user != null || customer != null
          ? "Password or SessionID is required!" : "UserLogin, CustomerUserLogin or SessionID is required!"));
    } else {
      return Future.failedFuture(new OtrsError(operation, "AuthFail", failMessage));
    }
    return principal
        .recover(failure -> Future.failedFuture(new OtrsError(operation, "AuthFail", failMessage)))
        .map(found -> new Actor(found, anonymous.ip(), anonymous.userAgent()));
  }

  /**
   * SessionGet: what OTRS keeps of a session ({@code SessionData}, key and value pairs), so a client can tell whether
   * the SessionID it kept is still good; {@code SessionGet.SessionInvalid} when it is not.
   */
  Future<Map<String, Object>> sessionGet(OtrsRequest request) {
    String op = "SessionGet";
    String sessionId = request.text("SessionID");
    if (sessionId == null) {
      throw OtrsError.missing(op, "SessionID is missing!");
    }
    return authenticator.bySessionToken(sessionId)
        .recover(failure -> Future.failedFuture(new OtrsError(op, "SessionInvalid", "SessionID is Invalid!")))
        .map(principal -> {
          List<Map<String, Object>> data = new ArrayList<>();
          data.add(Map.of("Key", "SessionID", "Value", sessionId));
          data.add(Map.of("Key", "UserLogin", "Value", principal.login()));
          data.add(Map.of("Key", "UserType", "Value", principal.isAgent() ? "User" : "Customer"));
          data.add(Map.of("Key", "UserID", "Value", principal.subject()));
          if (principal.isCustomer() && principal.customerId() != null) {
            data.add(Map.of("Key", "UserCustomerID", "Value", principal.customerId()));
          }
          return Map.of("SessionData", data);
        });
  }
}
