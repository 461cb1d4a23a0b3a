package io.connectors.eventbridge.inbound.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One webhook's meters, in the registry its owner injected (see {@code WebhookResources}). Tags are
 * the webhook ID (one per deployed element) and our own fixed status and reason words, never
 * anything from the request, so the number of series is bounded by what is deployed.
 */
public final class WebhookMetrics {

  static final String REQUESTS = "eventbridge.webhook.requests";
  static final String EVENTS = "eventbridge.webhook.events.per.request";
  static final String CORRELATION = "eventbridge.webhook.correlation";
  static final String DECRYPTION_FAILURES = "eventbridge.webhook.decryption.failures";
  static final String EVENT_OUTCOMES = "eventbridge.webhook.events";

  private final MeterRegistry registry;
  private final String webhook;
  private final Map<String, Counter> answers = new ConcurrentHashMap<>();
  private final Map<String, Counter> eventOutcomes = new ConcurrentHashMap<>();
  private final DistributionSummary events;
  private final Timer correlation;
  private final Counter decryptionFailures;

  public WebhookMetrics(MeterRegistry registry, String webhook) {
    this.registry = registry;
    this.webhook = webhook;
    events =
        DistributionSummary.builder(EVENTS)
            .description("Events in one admitted request (1, or the size of a batch)")
            .tag("webhook", webhook)
            .register(registry);
    correlation =
        Timer.builder(CORRELATION)
            .description("Time the runtime took to correlate one event (create or publish)")
            .tag("webhook", webhook)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    decryptionFailures =
        Counter.builder(DECRYPTION_FAILURES)
            .description("Events whose encrypted payload could not be decrypted")
            .tag("webhook", webhook)
            .register(registry);
  }

  public void answered(int status, String reason) {
    answers
        .computeIfAbsent(
            status + " " + reason,
            key ->
                Counter.builder(REQUESTS)
                    .description("Webhook requests by answer status and reason")
                    .tag("webhook", webhook)
                    .tag("status", String.valueOf(status))
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  /**
   * One event's outcome word, batch or not: tells events never handed to the engine ({@code
   * NOT_ATTEMPTED}) apart from those whose outcome is unknown ({@code OUTCOME_UNKNOWN}), and
   * replayed events (tag {@code delivery=replay}) apart from live ones, so the outcome of a replay
   * needs no meter of its own.
   *
   * @param replay whether the sender marked the event as replayed
   */
  public void eventAnswered(String outcome, boolean replay) {
    String delivery = replay ? "replay" : "live";
    eventOutcomes
        .computeIfAbsent(
            outcome + " " + delivery,
            key ->
                Counter.builder(EVENT_OUTCOMES)
                    .description("Events of admitted requests by outcome, live or replayed")
                    .tag("webhook", webhook)
                    .tag("outcome", outcome)
                    .tag("delivery", delivery)
                    .register(registry))
        .increment();
  }

  public void admitted(int eventCount) {
    events.record(eventCount);
  }

  public Timer correlation() {
    return correlation;
  }

  public void decryptionFailed() {
    decryptionFailures.increment();
  }
}
