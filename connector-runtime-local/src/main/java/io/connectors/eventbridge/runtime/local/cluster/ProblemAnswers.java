package io.connectors.eventbridge.runtime.local.cluster;

import io.camunda.client.protocol.rest.ProblemDetail;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Error answers as Camunda's API gives them: RFC 9457 problems in Camunda's generated model. */
final class ProblemAnswers {

  private ProblemAnswers() {}

  /**
   * @param path the request's path, the problem's {@code instance}
   */
  static ProblemDetail problem(HttpStatusCode status, String title, String detail, String path) {
    return new ProblemDetail()
        .title(title)
        .status(status.value())
        .detail(detail)
        .instance(URI.create(path));
  }

  /** The answer, typed as application/problem+json whatever the request accepts. */
  static ResponseEntity<Object> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
