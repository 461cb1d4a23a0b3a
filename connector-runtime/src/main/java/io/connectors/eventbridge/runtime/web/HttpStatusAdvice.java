package io.connectors.eventbridge.runtime.web;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers an unknown path with 404, a wrong method with 405 and an unreadable content type with
 * 415.
 *
 * <p>The connector runtime's own exception handler turns both into 500, and a sender such as
 * EventBridge retries a 500 for hours. Ordered first so that it wins for these two exceptions.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HttpStatusAdvice {

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, String>> notFound(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Map.of("error", "Not found", "path", "/" + e.getResourcePath()));
  }

  /**
   * A body the controller cannot read as its declared type (a malformed or unsupported content
   * type, multipart without a boundary) is the sender's fault: 415 with a fixed text, never the
   * parser's message.
   */
  @ExceptionHandler({
    HttpMediaTypeNotSupportedException.class,
    InvalidMediaTypeException.class,
    MultipartException.class
  })
  ResponseEntity<Map<String, String>> unsupportedMediaType(Exception e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(Map.of("error", "Unsupported content type"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    var response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
    if (e.getSupportedHttpMethods() != null) {
      response.allow(e.getSupportedHttpMethods().toArray(HttpMethod[]::new));
    }
    return response.body(Map.of("error", "Method " + e.getMethod() + " not allowed"));
  }
}
