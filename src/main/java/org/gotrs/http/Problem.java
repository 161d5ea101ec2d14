package org.gotrs.http;

import java.util.List;

/**
 * A failure a client can act on, written as RFC 9457 problem+json by {@link ProblemHandler}.
 * Features fail their futures with these; nothing else reaches a client.
 */
public final class Problem extends RuntimeException {

  public record FieldError(String field, String message) {}

  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Long retryAfterSeconds;

  public Problem(int status, String title, String detail, List<FieldError> errors, Long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Problem(int status, String title, String detail) {
    this(status, title, detail, List.of(), null);
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "Bad Request", detail);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "Unauthorized", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "Forbidden", detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not Found", detail);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "Conflict", detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "Unsupported Media Type", detail);
  }

  public static Problem locked(String detail) {
    return new Problem(423, "Locked", detail);
  }

  public static Problem tooManyRequests(String detail, long retryAfterSeconds) {
    return new Problem(429, "Too Many Requests", detail, List.of(), retryAfterSeconds);
  }

  public static Problem unavailable(String detail) {
    return new Problem(503, "Service Unavailable", detail);
  }

  /** 422 naming the fields that are wrong. */
  public static Problem invalid(List<FieldError> errors) {
    String detail = errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new Problem(422, "Unprocessable Content", detail, errors, null);
  }

  public static Problem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
