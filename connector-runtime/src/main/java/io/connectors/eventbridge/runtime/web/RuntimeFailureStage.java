package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeFailureStage.class);
  private static final int INTERNAL_SERVER_ERROR = HttpStatus.INTERNAL_SERVER_ERROR.value();

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
    var held = new HeldAnswer(response);
    try {
      chain.doFilter(request, held);
    } catch (RuntimeException | ServletException e) {
      if (response.isCommitted()) {
        throw e;
      }
      // The type only: a library's message may carry request data.
      LOG.warn(
          "The connectors runtime failed on an EventBridge webhook's request ({}); answered 503",
          e.getClass().getName());
      answerOutcomeUnknown(request, response, webhook);
      return;
    }
    if (held.getStatus() != INTERNAL_SERVER_ERROR || response.isCommitted()) {
      held.copyBodyToResponse();
      return;
    }
    answerOutcomeUnknown(request, response, webhook);
  }

  private static void answerOutcomeUnknown(
      HttpServletRequest request,
      HttpServletResponse response,
      WebhookTarget.EventBridgeWebhook webhook)
      throws IOException {
    // Nothing of the runtime's answer has left: drop its status, headers and body.
    response.reset();
    webhook.refuse(
        request,
        response,
        new RequestRejected(WebhookStatus.SERVICE_UNAVAILABLE, REASON, Map.of("Retry-After", "1")));
  }

  /** The runtime's answer, held back; a 500 sent as an error is held back like any other. */
  private static final class HeldAnswer extends ContentCachingResponseWrapper {

    HeldAnswer(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      if (status == INTERNAL_SERVER_ERROR) {
        setStatus(status);
      } else {
        super.sendError(status);
      }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (status == INTERNAL_SERVER_ERROR) {
        setStatus(status);
      } else {
        super.sendError(status, message);
      }
    }
  }
}
