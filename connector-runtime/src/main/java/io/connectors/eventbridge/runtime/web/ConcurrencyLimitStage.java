package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The stage of {@link WebhookRequestFilter} that answers 429 with {@code Retry-After} when more
 * webhook requests are in flight than the {@link AdaptiveConcurrencyLimit} admits, and tells the
 * limit how each admitted request went.
 *
 * <p>When the engine cannot keep up, requests would otherwise queue in the web server until
 * EventBridge's 5 s timeout, and the event would be redelivered while the first attempt still ran.
 * A 429 is answered at once, never queued, so EventBridge backs off and retries, and the requests
 * already admitted keep their share of the engine. Only requests of active EventBridge webhooks
 * count: only they have a time budget to measure against.
 */
@Component
class ConcurrencyLimitStage {

  static final String REASON = "too many requests in flight; retry later";

  /** What runs within an admitted request's place: the later stages and the runtime. */
  @FunctionalInterface
  interface Rest {
    void run() throws IOException, ServletException;
  }

  private final AdaptiveConcurrencyLimit limit;

  ConcurrencyLimitStage(AdaptiveConcurrencyLimit limit) {
    this.limit = limit;
  }

  /** Runs {@code rest} within a place of the limit, or answers 429 at once when there is none. */
  void around(
      HttpServletRequest request, HttpServletResponse response, WebhookTarget target, Rest rest)
      throws IOException, ServletException {
    switch (target) {
      case WebhookTarget.EventBridgeWebhook webhook -> limited(request, response, webhook, rest);
      case WebhookTarget.NoContract none -> rest.run();
    }
  }

  private void limited(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget.EventBridgeWebhook webhook,
      Rest rest)
      throws IOException, ServletException {
    var admission = limit.tryAdmit();
    if (admission.isEmpty()) {
      webhook.refuse(
          request,
          response,
          new RequestRejected(
              WebhookStatus.TOO_MANY_REQUESTS,
              REASON,
              Map.of("Retry-After", String.valueOf(limit.retryAfterSeconds()))));
      return;
    }
    boolean answered = false;
    try {
      rest.run();
      answered = true;
    } finally {
      if (answered) {
        admission.get().answered(response.getStatus(), webhook.contract().timeBudget());
      } else {
        admission.get().abandoned();
      }
    }
  }
}
