package io.connectors.eventbridge.runtime.local.cluster;

import io.camunda.client.api.command.ClientStatusException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as an RFC 9457 problem in Camunda's generated model ({@code
 * application/problem+json}: type, title, status, detail, instance), with the statuses and titles
 * of Camunda's gateway: an engine rejection keeps the engine's message and maps NOT_FOUND to 404,
 * INVALID_ARGUMENT to 400, ALREADY_EXISTS and INVALID_STATE to 409, RESOURCE_EXHAUSTED to 429,
 * UNAVAILABLE to 503; a path that is not served is a 404 worded as Camunda's API words it.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> apiProblem(ApiProblem problem, HttpServletRequest request) {
    return problem(problem.status(), problem.title(), problem.getMessage(), request);
  }

  @ExceptionHandler({
    ClientStatusException.class,
    CompletionException.class,
    ExecutionException.class
  })
  ResponseEntity<Object> engineError(Exception error, HttpServletRequest request) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (!(cause instanceof ClientStatusException status)) {
      return unexpected(error, request);
    }
    // The gateway's description of a rejection is the text Camunda's REST API answers with.
    String detail = status.getStatus().getDescription();
    return switch (status.getStatusCode()) {
      case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "NOT_FOUND", detail, request);
      case INVALID_ARGUMENT -> problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", detail, request);
      case ALREADY_EXISTS -> problem(HttpStatus.CONFLICT, "ALREADY_EXISTS", detail, request);
      case FAILED_PRECONDITION -> problem(HttpStatus.CONFLICT, "INVALID_STATE", detail, request);
      case RESOURCE_EXHAUSTED ->
          problem(HttpStatus.TOO_MANY_REQUESTS, "RESOURCE_EXHAUSTED", detail, request);
      case UNAVAILABLE ->
          problem(HttpStatus.SERVICE_UNAVAILABLE, "PARTITION_UNAVAILABLE", detail, request);
      case DEADLINE_EXCEEDED ->
          problem(HttpStatus.GATEWAY_TIMEOUT, "DEADLINE_EXCEEDED", detail, request);
      case PERMISSION_DENIED -> problem(HttpStatus.FORBIDDEN, "FORBIDDEN", detail, request);
      case UNAUTHENTICATED -> problem(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", detail, request);
      default -> unexpected(error, request);
    };
  }

  /** A broken multipart body (no boundary, truncated): the caller's fault, not ours. */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> malformedMultipart(MultipartException error, HttpServletRequest request) {
    return problem(
        HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "Malformed multipart request", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception error, HttpServletRequest request) {
    // The message may quote request payloads: it goes to the log, not to the caller.
    LOG.warn(
        "Local cluster API: {} {} failed", request.getMethod(), request.getRequestURI(), error);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal Server Error",
        "Unexpected error occurred during the request processing",
        request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return notServed(request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return notServed(request);
  }

  /** Spring MVC's own problems (unsupported media type, missing part, ...) in Camunda's model. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && request instanceof ServletWebRequest servlet) {
      var headersOfProblem = new HttpHeaders();
      headersOfProblem.putAll(headers);
      headersOfProblem.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      // Spring's title defaults to the status's reason phrase, as Camunda's gateway titles these.
      var answer =
          ProblemAnswers.problem(
              status,
              problem.getTitle(),
              problem.getDetail(),
              problem.getInstance() == null
                  ? servlet.getRequest().getRequestURI()
                  : problem.getInstance().toString());
      return super.handleExceptionInternal(ex, answer, headersOfProblem, status, request);
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  private static ResponseEntity<Object> notServed(WebRequest request) {
    String path = ((ServletWebRequest) request).getRequest().getRequestURI();
    return ProblemAnswers.answer(
        ProblemAnswers.problem(
            HttpStatus.NOT_FOUND,
            HttpStatus.NOT_FOUND.getReasonPhrase(),
            "No static resource " + (path.startsWith("/") ? path.substring(1) : path) + ".",
            path));
  }

  private static ResponseEntity<Object> problem(
      HttpStatus status, String title, String detail, HttpServletRequest request) {
    return ProblemAnswers.answer(
        ProblemAnswers.problem(status, title, detail, request.getRequestURI()));
  }
}
