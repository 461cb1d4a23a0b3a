package io.connectors.eventbridge.inbound;

import io.camunda.connector.api.inbound.webhook.MappedHttpRequest;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.camunda.connector.api.inbound.webhook.WebhookResult;
import io.connectors.eventbridge.inbound.binding.ConfigurationWarnings;
import io.connectors.eventbridge.inbound.correlation.CorrelationOutcomes;
import io.connectors.eventbridge.inbound.correlation.EventCorrelator;
import io.connectors.eventbridge.inbound.crypto.DecryptionFailed;
import io.connectors.eventbridge.inbound.crypto.EventDecryption;
import io.connectors.eventbridge.inbound.envelope.DeliveredEvent;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.inbound.metrics.WebhookMetrics;
import io.connectors.eventbridge.inbound.model.ReplayHandling;
import io.connectors.eventbridge.inbound.pattern.EventPatternFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request from admission to answer: admit, then for each event filter and correlate, then
 * answer with one status that tells the sender whether to retry. A runtime that correlates the
 * request itself ({@code triggerWebhook}) gets the same stages up to correlation, through {@link
 * #prepareForRuntime}.
 *
 * <p>Per event, the order is: replay, event pattern, decryption, correlation. Each stage sees the
 * event's data, whatever form it came in (a {@code WITH_METADATA} delivery's {@code Data}), as a
 * Custom Event Bus subscriber's {@code DATA} filter does. A replay the element only acknowledges is
 * answered before anything else looks at it. The pattern comes next because it is the cheap check
 * and matches what the bus saw (the encrypted event), so events nobody wants are never decrypted;
 * the element's expressions (activation condition, correlation key, message ID, result) run in the
 * runtime after decryption and see {@code detail.decrypted_payload}.
 *
 * <p>The request's answer must come within the time budget: EventBridge gives up after 5 s (an API
 * destination; a Custom Event Bus subscriber after its invocation timeout, at most 30 s) and
 * redelivers, so an answer after that is lost and the first attempt would keep creating instances
 * beside the redelivery. Correlation runs on the request thread itself, with the deadline checked
 * before each event; events not started in time are answered 503 {@code NOT_ATTEMPTED}. Handing the
 * work to another thread and waiting at most the budget would bound the answer even for a call that
 * never returns, but the hand-off cost about as much as all the rest of the request's own work (see
 * docs/benchmarks.md), so instead a {@link CorrelationWatchdog} shared by the runtime's webhooks
 * interrupts the request thread when a correlate call outlives the budget, and clears the interrupt
 * before the thread goes back to the servlet container.
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
final class WebhookRequestHandler {

  private final RequestAdmission admission;
  private final EventPatternFilter filter;
  private final EventDecryption decryption;
  private final EventCorrelator correlator;
  private final boolean consumeUnmatched;
  private final ReplayHandling replays;
  private final ConfigurationWarnings warnings;
  private final WebhookMetrics metrics;
  private final CorrelationWatchdog watchdog;

  WebhookRequestHandler(
      RequestAdmission admission,
      EventPatternFilter filter,
      EventDecryption decryption,
      EventCorrelator correlator,
      boolean consumeUnmatched,
      ReplayHandling replays,
      ConfigurationWarnings warnings,
      WebhookMetrics metrics,
      CorrelationWatchdog watchdog) {
    this.admission = admission;
    this.filter = filter;
    this.decryption = decryption;
    this.correlator = correlator;
    this.consumeUnmatched = consumeUnmatched;
    this.replays = replays;
    this.warnings = warnings;
    this.metrics = metrics;
    this.watchdog = watchdog;
  }

  RequestContract contract() {
    return admission.contract();
  }

  /** The whole request, correlation included: the answer for {@code verify}. */
  WebhookHttpResponse handle(WebhookRequest request) {
    if ("OPTIONS".equals(request.method())) {
      // Answered without side effects, on runtimes that pass OPTIONS on at all.
      return WebhookResponses.options(admission.contract());
    }
    AdmittedRequest admitted;
    try {
      admitted = admission.admit(request);
    } catch (RequestRejected rejected) {
      return WebhookResponses.rejected(rejected);
    }
    metrics.admitted(admitted.events().size());
    var outcomes = correlateWithinBudget(admitted);
    return admitted.batch()
        ? WebhookResponses.batch(outcomes)
        : WebhookResponses.single(outcomes.getFirst());
  }

  /**
   * The same stages as {@link #handle} up to correlation, within the same budget, for a runtime
   * that correlates the request itself ({@code triggerWebhook}): the single event comes back as the
   * correlation variables, with what its delivery says about it as {@code connectorData}.
   *
   * @throws RequestRejected when admission refuses the request, for a batch (it cannot be answered
   *     per event this way), and for an event answered before correlation (pattern, decryption,
   *     budget), with that answer's status and reason
   */
  WebhookResult prepareForRuntime(WebhookRequest request) {
    var admitted = admission.admit(request);
    if (admitted.batch()) {
      throw new RequestRejected(
          WebhookStatus.UNPROCESSABLE, "batched deliveries need a runtime that calls verify()");
    }
    metrics.admitted(1);
    var event = admitted.events().getFirst();
    var watch = watchdog.watch(admission.contract().timeBudget());
    try {
      return switch (prepare(event, admitted, watch)) {
        case Prepared.Ready ready -> new ForRuntime(ready.variables(), event.connectorData());
        case Prepared.Answered answered ->
            throw new RequestRejected(answered.outcome().status(), answered.outcome().reason());
      };
    } finally {
      watch.finish();
    }
  }

  /** One event for a runtime that correlates it itself. */
  private record ForRuntime(MappedHttpRequest request, Map<String, Object> connectorData)
      implements WebhookResult {}

  /** One event after the stages before correlation: ready for the engine, or already answered. */
  private sealed interface Prepared {
    record Ready(MappedHttpRequest variables) implements Prepared {}

    record Answered(EventOutcome outcome) implements Prepared {}
  }

  private List<EventOutcome> correlateWithinBudget(AdmittedRequest admitted) {
    var events = admitted.events();
    var outcomes = new ArrayList<EventOutcome>(events.size());
    var watch = watchdog.watch(admission.contract().timeBudget());
    try {
      int retryableStatus = 0;
      for (int i = 0; i < events.size(); i++) {
        var event = events.get(i);
        var eventId = event.eventId();
        EventOutcome outcome;
        if (retryableStatus != 0) {
          // The engine just pushed back or is down: do not pile more commands on it. The sender
          // retries the batch; elements already published are deduplicated by message ID.
          outcome = CorrelationOutcomes.notAttempted(eventId, retryableStatus);
        } else {
          var connectorData = connectorData(event, admitted.batch(), i, events.size());
          try {
            outcome =
                switch (prepare(event, admitted, watch)) {
                  case Prepared.Answered answered -> answered.outcome();
                  case Prepared.Ready ready ->
                      correlate(ready.variables(), eventId, connectorData, watch);
                };
          } catch (RuntimeException unexpected) {
            // Never a 500: the same classification as a failure the runtime returned.
            outcome = CorrelationOutcomes.ofThrowable(unexpected, eventId);
          }
          if (WebhookStatus.isRetryable(outcome.status())) {
            retryableStatus = outcome.status();
          }
        }
        if (event.replayed()) {
          outcome = outcome.asReplay();
        }
        metrics.eventAnswered(outcome.outcome(), event.replayed());
        outcomes.add(admitted.batch() ? outcome.withIndex(i) : outcome);
      }
    } finally {
      watch.finish();
    }
    return outcomes;
  }

  private Prepared prepare(
      DeliveredEvent event, AdmittedRequest admitted, CorrelationWatchdog.Watch watch) {
    var eventId = event.eventId();
    if (watch.outOfTime()) {
      return new Prepared.Answered(CorrelationOutcomes.outOfTime(eventId));
    }
    if (event.replayed() && onlyAcknowledgesReplays()) {
      return new Prepared.Answered(CorrelationOutcomes.replayAcknowledged(eventId));
    }
    var data = event.data();
    if (!filter.matches(data)) {
      return new Prepared.Answered(
          CorrelationOutcomes.unmatched(eventId, consumeUnmatched, "event pattern not matched"));
    }
    try {
      decryption.decrypt(data);
    } catch (DecryptionFailed failed) {
      // A tampered event fails too, but a wrong key fails every event: operators must see it.
      warnings.report("inbound.decryption", failed.reason());
      metrics.decryptionFailed();
      return new Prepared.Answered(
          EventOutcome.failed(
              eventId,
              WebhookStatus.UNPROCESSABLE,
              CorrelationOutcomes.DECRYPTION_FAILED,
              failed.reason()));
    }
    if (watch.outOfTime()) {
      // Decryption takes milliseconds; the budget may have run out during it. Nothing has been
      // sent for this event yet, so the sender's retry is safe.
      return new Prepared.Answered(CorrelationOutcomes.outOfTime(eventId));
    }
    // The body stays a JsonNode: the runtime converts the variables to a map itself, with its own
    // mapper, for every expression it evaluates and when it sends them, so a map made here would
    // be converted again (a copy of the whole event per request for nothing).
    return new Prepared.Ready(new MappedHttpRequest(data, admitted.headers(), admitted.params()));
  }

  private boolean onlyAcknowledgesReplays() {
    return switch (replays) {
      case CORRELATE -> false;
      case ACKNOWLEDGE -> true;
    };
  }

  private EventOutcome correlate(
      MappedHttpRequest variables,
      String eventId,
      Map<String, Object> connectorData,
      CorrelationWatchdog.Watch watch) {
    EventOutcome outcome;
    try {
      outcome =
          metrics
              .correlation()
              .record(() -> correlator.correlate(variables, eventId, connectorData));
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

  /**
   * A batch element's position, and what the delivery says about the event (subscriber metadata,
   * replay): see {@link DeliveredEvent#connectorData()}.
   */
  private static Map<String, Object> connectorData(
      DeliveredEvent event, boolean batch, int index, int size) {
    var delivery = event.connectorData();
    if (!batch) {
      return delivery;
    }
    var data = new HashMap<String, Object>(delivery);
    data.put("batchIndex", index);
    data.put("batchSize", size);
    return data;
  }
}
