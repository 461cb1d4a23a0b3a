package io.connectors.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.connectors.eventbridge.inbound.binding.ConfigurationWarnings;
import io.connectors.eventbridge.inbound.correlation.CorrelationOutcomes;
import io.connectors.eventbridge.inbound.correlation.EventCorrelator;
import io.connectors.eventbridge.inbound.crypto.DecryptionFailed;
import io.connectors.eventbridge.inbound.crypto.EventDecryption;
import io.connectors.eventbridge.inbound.envelope.Delivery;
import io.connectors.eventbridge.inbound.envelope.EventEnvelope;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.inbound.metrics.WebhookMetrics;
import io.connectors.eventbridge.inbound.pattern.EventPatternFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One request from admission to answer: admit, then for each event filter and correlate, then
 * answer with one status that tells the sender whether to retry.
 *
 * <p>Per event, the order is: event pattern, decryption, correlation. The pattern comes first
 * because it is the cheap check and matches what the bus saw (the encrypted event), so events
 * nobody wants are never decrypted; the element's expressions (activation condition, correlation
 * key, message ID, result) run in the runtime after decryption and see {@code
 * detail.decrypted_payload}.
 *
 * <p>Correlation runs on a virtual thread while the request thread waits at most the time budget:
 * EventBridge gives up after 5 s and redelivers, so an answer after that is lost and the first
 * attempt would keep creating instances beside the redelivery. Events not correlated within the
 * budget are answered 503 {@code NOT_ATTEMPTED}; one that was in flight may still complete and
 * comes back as a duplicate, which message IDs absorb for message events.
 */
public final class WebhookRequestHandler {

  private final RequestAdmission admission;
  private final EventPatternFilter filter;
  private final EventDecryption decryption;
  private final EventCorrelator correlator;
  private final boolean consumeUnmatched;
  private final Duration timeBudget;
  private final ConfigurationWarnings warnings;
  private final WebhookMetrics metrics;

  public WebhookRequestHandler(
      RequestAdmission admission,
      EventPatternFilter filter,
      EventDecryption decryption,
      EventCorrelator correlator,
      boolean consumeUnmatched,
      Duration timeBudget,
      ConfigurationWarnings warnings,
      WebhookMetrics metrics) {
    this.admission = admission;
    this.filter = filter;
    this.decryption = decryption;
    this.correlator = correlator;
    this.consumeUnmatched = consumeUnmatched;
    this.timeBudget = timeBudget;
    this.warnings = warnings;
    this.metrics = metrics;
  }

  public RequestContract contract() {
    return admission.contract();
  }

  public WebhookHttpResponse handle(WebhookRequest request) {
    if ("OPTIONS".equals(request.method())) {
      // Answered without side effects, on runtimes that pass OPTIONS on at all.
      return WebhookResponses.options(admission.contract());
    }
    Delivery delivery;
    try {
      delivery = admission.admit(request);
    } catch (RequestRejected rejected) {
      return WebhookResponses.rejected(rejected);
    }
    metrics.admitted(delivery.events().size());
    var outcomes =
        correlateWithinBudget(
            delivery, admission.headersForProcess(request), admission.paramsForProcess(request));
    return delivery.batch()
        ? WebhookResponses.batch(outcomes)
        : WebhookResponses.single(outcomes.getFirst());
  }

  private List<EventOutcome> correlateWithinBudget(
      Delivery delivery, Map<String, String> headers, Map<String, String> params) {
    var events = delivery.events();
    var results = new AtomicReferenceArray<EventOutcome>(events.size());
    var outOfTime = new AtomicBoolean();
    var finished = new CountDownLatch(1);
    Thread.ofVirtual()
        .name("eventbridge-webhook-correlation")
        .start(
            () -> {
              try {
                correlateAll(delivery, headers, params, results, outOfTime);
              } finally {
                finished.countDown();
              }
            });
    try {
      if (!finished.await(timeBudget.toMillis(), TimeUnit.MILLISECONDS)) {
        outOfTime.set(true);
      }
    } catch (InterruptedException interrupted) {
      outOfTime.set(true);
      Thread.currentThread().interrupt();
    }
    var outcomes = new ArrayList<EventOutcome>(events.size());
    for (int i = 0; i < events.size(); i++) {
      var outcome = results.get(i);
      if (outcome == null) {
        outcome = CorrelationOutcomes.outOfTime(EventEnvelope.of(events.get(i)).id());
      }
      outcomes.add(delivery.batch() ? outcome.withIndex(i) : outcome);
    }
    return outcomes;
  }

  private void correlateAll(
      Delivery delivery,
      Map<String, String> headers,
      Map<String, String> params,
      AtomicReferenceArray<EventOutcome> results,
      AtomicBoolean outOfTime) {
    var events = delivery.events();
    int retryableStatus = 0;
    for (int i = 0; i < events.size() && !outOfTime.get(); i++) {
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
        try {
          outcome = correlateOne(event, eventId, headers, params, connectorData);
        } catch (RuntimeException unexpected) {
          // Never a 500: the same classification as a failure the runtime returned.
          outcome = CorrelationOutcomes.ofThrowable(unexpected, eventId);
        }
        if (WebhookStatus.isRetryable(outcome.status())) {
          retryableStatus = outcome.status();
        }
      }
      results.set(i, outcome);
    }
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
      // A tampered event fails too, but a wrong key fails every event: operators must see it.
      warnings.report("inbound.decryption", failed.reason());
      metrics.decryptionFailed();
      return EventOutcome.failed(
          eventId,
          WebhookStatus.UNPROCESSABLE,
          CorrelationOutcomes.DECRYPTION_FAILED,
          failed.reason());
    }
    return metrics
        .correlation()
        .record(() -> correlator.correlate(event, eventId, headers, params, connectorData));
  }

  private static Map<String, Object> batchData(int index, int size) {
    return Map.of("batchIndex", index, "batchSize", size);
  }
}
