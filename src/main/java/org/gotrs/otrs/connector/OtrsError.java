package org.gotrs.otrs.connector;

import org.gotrs.http.Problem;
import org.gotrs.http.ProblemHandler;

/**
 * A failure as OTRS's GenericInterface answers it: HTTP 200 with
 * {@code {"Error":{"ErrorCode":"TicketGet.AccessDenied","ErrorMessage":"TicketGet: ..."}}}.
 */
final class OtrsError extends RuntimeException {

  private final String code;

  OtrsError(String operation, String kind, String message) {
    super(operation + ": " + message, null, false, false);
    this.code = operation + "." + kind;
  }

  String code() {
    return code;
  }

  static OtrsError missing(String operation, String message) {
    return new OtrsError(operation, "MissingParameter", message);
  }

  static OtrsError invalid(String operation, String message) {
    return new OtrsError(operation, "InvalidParameter", message);
  }

  static OtrsError accessDenied(String operation, String message) {
    return new OtrsError(operation, "AccessDenied", message);
  }

  /**
   * A failure of the native service this operation reuses, said the OTRS way; what the database refused because of
   * the input is told apart as the native API does (a value text cannot hold, a bad pattern) and is an
   * InvalidParameter, not an internal error.
   */
  static OtrsError of(String operation, Throwable failure) {
    if (failure instanceof OtrsError otrs) {
      return otrs;
    }
    Problem refused = ProblemHandler.fromDatabase(failure);
    if (refused != null && refused.status() < 500) {
      return invalid(operation, refused.detail());
    }
    if (failure instanceof Problem problem) {
      String detail = problem.errors().isEmpty() ? problem.detail()
          : String.join("; ", problem.errors().stream().map(e -> e.field() + " " + e.message()).toList());
      return switch (problem.status()) {
        case 401, 423, 429 -> new OtrsError(operation, "AuthFail", problem.detail());
        case 403, 404 -> !problem.errors().isEmpty() ? accessDenied(operation, detail)
            : accessDenied(operation, operation.equals("TicketCreate")
                ? "Can not create tickets in given Queue or QueueID!" : "User does not have access to the ticket!");
        case 422, 400 -> problem.errors().stream().anyMatch(e -> e.message().equals("is required"))
            ? missing(operation, detail) : invalid(operation, detail);
        case 409, 413 -> invalid(operation, problem.detail());
        default -> new OtrsError(operation, "InternalError", problem.detail());
      };
    }
    return null;
  }
}
