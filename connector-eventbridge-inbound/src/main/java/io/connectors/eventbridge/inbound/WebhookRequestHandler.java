package io.connectors.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.connectors.eventbridge.inbound.correlation.CorrelationOutcomes;
import io.connectors.eventbridge.inbound.correlation.EventCorrelator;
import io.connectors.eventbridge.inbound.envelope.Delivery;
import io.connectors.eventbridge.inbound.envelope.EventEnvelope;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.HttpStatus;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.pattern.EventPatternFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request from admission to answer: admit, then for each event filter and correlate, then
 * answer with one status that tells the sender whether to retry.
 *
 * <p>Per-event transformations that must see an authenticated, parsed event but run before the
 * pattern and the element expressions (such as decrypting Control Room's {@code
 * detail.encrypted_payload}) belong at the start of {@link #correlateOne}.
 */
public final class WebhookRequestHandler {

  private final RequestAdmission admission;
  private final EventPatternFilter filter;
  private final EventCorrelator correlator;
  private final boolean consumeUnmatched;

  public WebhookRequestHandler(
      RequestAdmission admission,
      EventPatternFilter filter,
      EventCorrelator correlator,
      boolean consumeUnmatched) {
    this.admission = admission;
    this.filter = filter;
    this.correlator = correlator;
    this.consumeUnmatched = consumeUnmatched;
  }

  public WebhookHttpResponse handle(WebhookRequest request) {
    Delivery delivery;
    try {
      delivery = admission.admit(request);
    } catch (RequestRejected rejected) {
      return WebhookResponses.rejected(rejected);
    }
    var outcomes = correlateAll(delivery, request.headersWithoutCredentials(), request.params());
    return delivery.batch()
        ? WebhookResponses.batch(outcomes)
        : WebhookResponses.single(outcomes.getFirst());
  }

  private List<EventOutcome> correlateAll(
      Delivery delivery, Map<String, String> headers, Map<String, String> params) {
    var events = delivery.events();
    var outcomes = new ArrayList<EventOutcome>(events.size());
    int retryableStatus = 0;
    for (int i = 0; i < events.size(); i++) {
      var event = events.get(i);
      var eventId = EventEnvelope.of(event).id();
      EventOutcome outcome;
      if (retryableStatus != 0) {
        // The engine just pushed back or is down: do not pile more commands on it. The sender
        // retries the batch; elements already published are deduplicated by message ID.
        outcome = CorrelationOutcomes.notAttempted(eventId, retryableStatus);
      } else {
        var connectorData =
            delivery.batch() ? batchData(i, events.size()) : Map.<String, Object>of();
        outcome = correlateOne(event, eventId, headers, params, connectorData);
        if (HttpStatus.isRetryable(outcome.status())) {
          retryableStatus = outcome.status();
        }
      }
      outcomes.add(delivery.batch() ? outcome.withIndex(i) : outcome);
    }
    return outcomes;
  }

  private EventOutcome correlateOne(
      JsonNode event,
      String eventId,
      Map<String, String> headers,
      Map<String, String> params,
      Map<String, Object> connectorData) {
    if (!filter.matches(event)) {
      return CorrelationOutcomes.unmatched(eventId, consumeUnmatched, "event pattern not matched");
    }
    return correlator.correlate(event, eventId, headers, params, connectorData);
  }

  private static Map<String, Object> batchData(int index, int size) {
    return Map.of("batchIndex", index, "batchSize", size);
  }
}
