package io.connectors.eventbridge.runtime.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a webhook request whose declared body is larger than the runtime-wide limit, before the
 * runtime reads it into memory. Each webhook still applies its own, smaller limit (default 1 MiB);
 * this one stops unauthenticated callers from filling the heap with bodies no webhook accepts.
 * Requests without a Content-Length (chunked) are left to the webhook's limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookBodyLimitFilter extends OncePerRequestFilter {

  static final String PROPERTY = "eventbridge.webhook.max-request-bytes";

  private final long maxBytes;

  WebhookBodyLimitFilter(@Value("${" + PROPERTY + ":10485760}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/inbound/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/json");
      response.getOutputStream().write(
          ("{\"status\":413,\"reason\":\"body larger than " + maxBytes + " bytes\"}")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }
}
