package org.gotrs.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.gotrs.http.Problem;

/**
 * What happened to one ticket of a bulk action: {@code status} is what the same change alone would have answered
 * (200, or the problem's 403, 404, 409, 422), {@code detail} and {@code errors} why not.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record BulkResult(long ticketId, int status, String detail, List<Problem.FieldError> errors) {

  static BulkResult done(long ticketId) {
    return new BulkResult(ticketId, 200, null, List.of());
  }

  static BulkResult refused(long ticketId, Problem problem) {
    return new BulkResult(ticketId, problem.status(), problem.getMessage(), problem.errors());
  }

  boolean succeeded() {
    return status == 200;
  }
}
