package io.connectors.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.connectors.eventbridge.inbound.correlation.CorrelationOutcomes;
import io.connectors.eventbridge.inbound.correlation.EventCorrelator;
import io.connectors.eventbridge.inbound.crypto.DecryptionFailed;
import io.connectors.eventbridge.inbound.crypto.EventDecryption;
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
 * <p>Per event, the order is: event pattern, decryption, correlation. The pattern comes first
 * because it is the cheap check and matches what the bus saw (the encrypted event), so events
 * nobody wants are never decrypted; the element's expressions (activation condition, correlation
 * key, message ID, result) run in the runtime after decryption and see {@code
 * detail.decrypted_payload}.
 */
public final class WebhookRequestHandler {

  private final RequestAdmission admission;
  private final EventPatternFilter filter;
  private final EventDecryption decryption;
  private final EventCorrelator correlator;
  private final boolean consumeUnmatched;

  public WebhookRequestHandler(
      RequestAdmission admission,
      EventPatternFilter filter,
      EventDecryption decryption,
      EventCorrelator correlator,
      boolean consumeUnmatched) {
    this.admission = admission;
    this.filter = filter;
    this.decryption = decryption;
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
    var outcomes =
        correlateAll(
            delivery, admission.headersForProcess(request), admission.paramsForProcess(request));
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
    try {
      // The parser admits only JSON objects as events.
      decryption.decrypt((ObjectNode) event);
    } catch (DecryptionFailed failed) {
      return EventOutcome.failed(
          eventId, HttpStatus.UNPROCESSABLE, CorrelationOutcomes.DECRYPTION_FAILED, failed.reason());
    }
    return correlator.correlate(event, eventId, headers, params, connectorData);
  }

  private static Map<String, Object> batchData(int index, int size) {
    return Map.of("batchIndex", index, "batchSize", size);
  }
}
