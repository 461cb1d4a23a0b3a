package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} when more webhook requests are in flight than the {@link
 * AdaptiveConcurrencyLimit} admits, and tells the limit how each admitted request went.
 *
 * <p>When the engine cannot keep up, requests would otherwise queue in the web server until
 * EventBridge's 5 s timeout, and the event would be redelivered while the first attempt still ran.
 * A 429 is answered at once, never queued, so EventBridge backs off and retries, and the requests
 * already admitted keep their share of the engine. Only requests of active EventBridge webhooks
 * count: only they have a time budget to measure against.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class WebhookConcurrencyLimitFilter extends OncePerRequestFilter {

  static final String REASON = "too many requests in flight; retry later";

  private final AdaptiveConcurrencyLimit limit;
  private final WebhookContracts contracts;

  WebhookConcurrencyLimitFilter(AdaptiveConcurrencyLimit limit, WebhookContracts contracts) {
    this.limit = limit;
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
    // Read before the request runs: the webhook may be deactivated while it does.
    var contract = webhook.flatMap(EventBridgeWebhookExecutable::requestContract);
    if (contract.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    var admission = limit.tryAdmit();
    if (admission.isEmpty()) {
      response.setHeader("Retry-After", String.valueOf(limit.retryAfterSeconds()));
      FilterAnswers.reject(response, 429, REASON);
      webhook.get().answeredByRuntime(request.getMethod(), 429, REASON);
      return;
    }
    boolean answered = false;
    try {
      chain.doFilter(request, response);
      answered = true;
    } finally {
      if (answered) {
        admission.get().answered(response.getStatus(), contract.get().timeBudget());
      } else {
        admission.get().abandoned();
      }
    }
  }
}
