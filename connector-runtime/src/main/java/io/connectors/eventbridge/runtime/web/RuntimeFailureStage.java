package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The last stage of {@link WebhookRequestFilter} for an active EventBridge webhook, around the
 * connectors runtime's controller: a 500 that the runtime answers of its own becomes 503 {@code
 * Retry-After} with a reason that says the outcome is unknown.
 *
 * <p>Our executable never answers 500. The runtime does when its own code throws after the
 * executable has handled the event: the 8.8 runtime's activity log is not thread-safe, and its
 * entry "Successfully handled a verification request", written after every answer of ours, can
 * throw {@code NoSuchElementException} when another request writes at the same time
 * (docs/compatibility.md, row 2; once in 24,000 events in a fleet test). The event may have been
 * correlated by then, so the answer must neither say that nothing happened nor look like a fault of
 * ours: it is the same "outcome unknown" that a budget running out after the command was sent gets,
 * and the retry is answered {@code DUPLICATE}.
 *
 * <p>The runtime's answer is held back in a buffer until it is known not to be a 500; our answers
 * are a few hundred bytes.
 */
@Component
class RuntimeFailureStage {

  static final String REASON =
      "the runtime failed after the event was handed to it; the event may have been correlated;"
          + " retry later";

  /** Passes the request on to the runtime, replacing its own 500 for an EventBridge webhook. */
  void around(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget target,
      FilterChain chain)
      throws IOException, ServletException {
    switch (target) {
      case WebhookTarget.EventBridgeWebhook webhook -> guarded(request, response, webhook, chain);
      case WebhookTarget.NoContract none -> chain.doFilter(request, response);
    }
  }

  private void guarded(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget.EventBridgeWebhook webhook,
      FilterChain chain)
      throws IOException, ServletException {
    var held = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, held);
    if (held.getStatus() != HttpStatus.INTERNAL_SERVER_ERROR.value() || response.isCommitted()) {
      held.copyBodyToResponse();
      return;
    }
    // Nothing of the runtime's answer has left: drop its status, headers and body.
    response.reset();
    webhook.refuse(
        request,
        response,
        new RequestRejected(WebhookStatus.SERVICE_UNAVAILABLE, REASON, Map.of("Retry-After", "1")));
  }
}
