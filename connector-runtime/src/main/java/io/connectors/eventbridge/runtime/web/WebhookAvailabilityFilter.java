package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability;
import io.connectors.eventbridge.runtime.webhooks.WebhookAvailability.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 + {@code Retry-After} instead of the runtime's 404 for a webhook that exists but is
 * not active on this replica yet (see {@link WebhookAvailability}); EventBridge drops an event
 * answered 404 and retries one answered 503. Runs before every other webhook filter, for every
 * connector's webhooks: while the replica starts, none is active.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookAvailabilityFilter extends OncePerRequestFilter {

  static final String STARTING = "replica starting: webhooks are being activated; retry later";
  static final String NOT_YET_ACTIVE =
      "webhook deployed but not yet active on this replica; retry later";
  static final String UNCONFIRMED = "deployed webhooks could not be read; retry later";

  private final WebhookAvailability availability;
  private final Map<Verdict, Counter> unavailable = new EnumMap<>(Verdict.class);

  WebhookAvailabilityFilter(WebhookAvailability availability, MeterRegistry registry) {
    this.availability = availability;
    for (var verdict :
        new Verdict[] {Verdict.STARTING, Verdict.NOT_YET_ACTIVE, Verdict.UNCONFIRMED}) {
      unavailable.put(
          verdict,
          Counter.builder("eventbridge.webhook.unavailable")
              .description(
                  "Webhook requests answered 503 because the webhook was not active here yet")
              .tag("verdict", verdict.name())
              .register(registry));
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !WebhookContracts.isWebhookPath(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long arrival = System.nanoTime();
    var webhookId = WebhookContracts.webhookId(request.getRequestURI());
    if (webhookId.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    var verdict = availability.verdict(webhookId.get(), arrival);
    switch (verdict) {
      case SERVE, UNKNOWN -> chain.doFilter(request, response);
      case STARTING -> unavailable(response, verdict, "2", STARTING);
      case NOT_YET_ACTIVE -> unavailable(response, verdict, "1", NOT_YET_ACTIVE);
      case UNCONFIRMED -> unavailable(response, verdict, "5", UNCONFIRMED);
    }
  }

  private void unavailable(
      HttpServletResponse response, Verdict verdict, String retryAfterSeconds, String reason)
      throws IOException {
    unavailable.get(verdict).increment();
    response.setHeader("Retry-After", retryAfterSeconds);
    FilterAnswers.reject(response, 503, reason);
  }
}
