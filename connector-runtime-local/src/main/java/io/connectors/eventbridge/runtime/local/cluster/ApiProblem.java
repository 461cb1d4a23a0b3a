package io.connectors.eventbridge.runtime.local.cluster;

import org.springframework.http.HttpStatus;

/** A request the stand-in answers with a problem, as Camunda's API would. */
final class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String title;

  ApiProblem(HttpStatus status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** 400 with the title Camunda's request validation uses. */
  static ApiProblem invalidArgument(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", detail);
  }

  /** 400 for a request property of the wrong JSON type, worded as Camunda's gateway words it. */
  static ApiProblem cannotParse(String path) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "Bad Request",
        "Request property [%s] cannot be parsed".formatted(path));
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", detail);
  }

  HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }
}
