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
 * <p>The request's answer must come within the time budget: EventBridge gives up after 5 s and
 * redelivers, so an answer after that is lost and the first attempt would keep creating instances
 * beside the redelivery. Correlation runs on the request thread itself, with the deadline checked
 * before each event; events not started in time are answered 503 {@code NOT_ATTEMPTED}. Handing the
 * work to another thread and waiting at most the budget would bound the answer even for a call that
 * never returns, but the hand-off cost about as much as all the rest of the request's own work (see
 * docs/benchmarks.md), so instead a shared {@link CorrelationWatchdog} interrupts the request
 * thread when a correlate call outlives the budget, and clears the interrupt before the thread goes
 * back to the servlet container.
 *
 * <p>In the 8.8 runtime the interrupt is noticed where a correlate call waits: {@code
 * InboundCorrelationHandler} sends the create-instance or publish-message command and blocks in the
 * client future's {@code join()}. Over gRPC ({@code CamundaClientFutureImpl.join}) the interrupt
 * ends the wait (consuming the flag) with a {@code ClientException} "Unexpectedly interrupted
 * awaiting client response"; over REST ({@code HttpCamundaFuture.join}) with a {@code
 * ClientException} too, after setting the flag again. Neither cancels the command, which may reach
 * the engine anyway. The handler catches the exception and returns {@code Failure.Other}, which on
 * its own would read as "engine unavailable". So an event whose call was interrupted is answered
 * 503 {@code OUTCOME_UNKNOWN} whatever the runtime returned: the sender retries, and if the first
 * command did arrive, the retry is the duplicate that message IDs absorb for message events (a
 * start event gets a second instance, as with any redelivery). {@code NOT_ATTEMPTED} is kept for
 * events that were never handed to the engine, so an answer never says nothing happened when
 * something may have. Work that does not wait (FEEL evaluation, decryption) does not notice an
 * interrupt; the budget bounds it only between events.
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
  private final CorrelationWatchdog watchdog;

  public WebhookRequestHandler(
      RequestAdmission admission,
      EventPatternFilter filter,
      EventDecryption decryption,
      EventCorrelator correlator,
      boolean consumeUnmatched,
      Duration timeBudget,
      ConfigurationWarnings warnings,
      WebhookMetrics metrics) {
    this(
        admission,
        filter,
        decryption,
        correlator,
        consumeUnmatched,
        timeBudget,
        warnings,
        metrics,
        CorrelationWatchdog.shared());
  }

  /** With a watchdog of its own, for tests. */
  WebhookRequestHandler(
      RequestAdmission admission,
      EventPatternFilter filter,
      EventDecryption decryption,
      EventCorrelator correlator,
      boolean consumeUnmatched,
      Duration timeBudget,
      ConfigurationWarnings warnings,
      WebhookMetrics metrics,
      CorrelationWatchdog watchdog) {
    this.admission = admission;
    this.filter = filter;
    this.decryption = decryption;
    this.correlator = correlator;
    this.consumeUnmatched = consumeUnmatched;
    this.timeBudget = timeBudget;
    this.warnings = warnings;
    this.metrics = metrics;
    this.watchdog = watchdog;
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
    var outcomes = new ArrayList<EventOutcome>(events.size());
    var watch = watchdog.watch(System.nanoTime() + timeBudget.toNanos());
    try {
      int retryableStatus = 0;
      for (int i = 0; i < events.size(); i++) {
        var event = events.get(i);
        var eventId = EventEnvelope.of(event).id();
        EventOutcome outcome;
        if (retryableStatus != 0) {
          // The engine just pushed back or is down: do not pile more commands on it. The sender
          // retries the batch; elements already published are deduplicated by message ID.
          outcome = CorrelationOutcomes.notAttempted(eventId, retryableStatus);
        } else if (watch.outOfTime()) {
          outcome = CorrelationOutcomes.outOfTime(eventId);
        } else {
          var connectorData =
              delivery.batch() ? batchData(i, events.size()) : Map.<String, Object>of();
          try {
            outcome = correlateOne(event, eventId, headers, params, connectorData, watch);
          } catch (RuntimeException unexpected) {
            // Never a 500: the same classification as a failure the runtime returned.
            outcome = CorrelationOutcomes.ofThrowable(unexpected, eventId);
          }
          if (WebhookStatus.isRetryable(outcome.status())) {
            retryableStatus = outcome.status();
          }
        }
        metrics.eventAnswered(outcome.outcome());
        outcomes.add(delivery.batch() ? outcome.withIndex(i) : outcome);
      }
    } finally {
      watch.finish();
    }
    return outcomes;
  }

  private EventOutcome correlateOne(
      JsonNode event,
      String eventId,
      Map<String, String> headers,
      Map<String, String> params,
      Map<String, Object> connectorData,
      CorrelationWatchdog.Watch watch) {
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
    if (watch.outOfTime()) {
      // Decryption takes milliseconds; the budget may have run out during it. Nothing has been
      // sent for this event yet, so the sender's retry is safe.
      return CorrelationOutcomes.outOfTime(eventId);
    }
    EventOutcome outcome;
    try {
      outcome =
          metrics
              .correlation()
              .record(() -> correlator.correlate(event, eventId, headers, params, connectorData));
    } catch (RuntimeException unexpected) {
      outcome = CorrelationOutcomes.ofThrowable(unexpected, eventId);
    }
    // An answer the runtime did get (created, published, duplicate, or refused for this event)
    // stands even if the watchdog fired just after it. A retryable one after an interrupt is the
    // runtime's reading of the interrupt (see the class comment): the command may have reached the
    // engine or not, so the sender must retry and must not be told nothing happened.
    return watch.fired() && WebhookStatus.isRetryable(outcome.status())
        ? CorrelationOutcomes.outcomeUnknown(eventId)
        : outcome;
  }

  private static Map<String, Object> batchData(int index, int size) {
    return Map.of("batchIndex", index, "batchSize", size);
  }
}
