package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} when more webhook requests are in flight than the runtime
 * lets wait on the engine at once.
 *
 * <p>When the engine cannot keep up, requests would otherwise queue in the web server until
 * EventBridge's 5 s timeout, and the event would be redelivered while the first attempt still ran.
 * A 429 is answered at once, so EventBridge backs off and retries, and the requests already
 * admitted keep their share of the engine. Only requests of active EventBridge webhooks count.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class WebhookConcurrencyLimitFilter extends OncePerRequestFilter {

  static final String PROPERTY = "eventbridge.webhook.max-concurrent-requests";
  static final String REASON = "too many requests in flight; retry later";

  private final Semaphore inFlight;
  private final WebhookContracts contracts;

  WebhookConcurrencyLimitFilter(
      @Value("${" + PROPERTY + ":64}") int maxConcurrent, WebhookContracts contracts) {
    this.inFlight = new Semaphore(maxConcurrent);
    this.contracts = contracts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !WebhookContracts.isWebhookPath(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var webhook = contracts.webhookFor(request);
    if (webhook.flatMap(EventBridgeWebhookExecutable::requestContract).isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    if (!inFlight.tryAcquire()) {
      response.setHeader("Retry-After", "1");
      FilterAnswers.reject(response, 429, REASON);
      webhook.get().answeredByRuntime(request.getMethod(), 429, REASON);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      inFlight.release();
    }
  }
}
