package io.connectors.eventbridge.runtime.local.cluster;

import io.camunda.client.api.command.ClientStatusException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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
 * Every error as an RFC 9457 problem ({@code application/problem+json}: type, title, status,
 * detail, instance), with the statuses and titles of Camunda's gateway: an engine rejection keeps
 * the engine's message and maps NOT_FOUND to 404, INVALID_ARGUMENT to 400, ALREADY_EXISTS and
 * INVALID_STATE to 409, RESOURCE_EXHAUSTED to 429, UNAVAILABLE to 503; a path that is not served is
 * a 404 worded as Camunda's API words it.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletRequest request) {
    return problem(problem.status(), problem.title(), problem.getMessage(), request);
  }

  @ExceptionHandler({
    ClientStatusException.class,
    CompletionException.class,
    ExecutionException.class
  })
  ResponseEntity<ProblemDetail> engineError(Exception error, HttpServletRequest request) {
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
  ResponseEntity<ProblemDetail> malformedMultipart(
      MultipartException error, HttpServletRequest request) {
    return problem(
        HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "Malformed multipart request", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception error, HttpServletRequest request) {
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

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && problem.getInstance() == null
        && request instanceof ServletWebRequest servlet) {
      problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  private static ResponseEntity<Object> notServed(WebRequest request) {
    String path = ((ServletWebRequest) request).getRequest().getRequestURI();
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND,
            "No static resource " + (path.startsWith("/") ? path.substring(1) : path) + ".");
    problem.setInstance(URI.create(path));
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String title, String detail, HttpServletRequest request) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
