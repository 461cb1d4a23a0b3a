package io.connectors.eventbridge.runtime.local.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests a web browser sends, and bodies too large to hold.
 *
 * <p>Camunda's own API sits behind authentication; this stand-in has none, and listening on
 * loopback does not stop a page in the developer's browser from posting a multipart deployment (a
 * CORS "simple" request) or reading variables after DNS rebinding. Browsers always send {@code
 * Origin} on such requests; Desktop Modeler, the SDKs, zbctl and the runtime never do.
 */
final class BrowserRequestGuard extends OncePerRequestFilter {

  static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getHeader("Origin") != null) {
      refuse(
          request,
          response,
          HttpStatus.FORBIDDEN,
          "Forbidden",
          "Requests from web pages are not accepted");
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      response.setHeader("Connection", "close");
      refuse(
          request,
          response,
          HttpStatusCode.valueOf(413),
          "Payload Too Large",
          "The request body is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatusCode status,
      String title,
      String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    var problem = ProblemAnswers.problem(status, title, detail, request.getRequestURI());
    response.getOutputStream().write(JSON.writeValueAsBytes(problem));
  }
}
