package io.connectors.eventbridge.runtime.local.bus.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the local bus did with each delivery, for {@code /actuator/prometheus}. Tags are closed sets
 * (outcome, cause), never a URL or an event ID, so the series count stays fixed.
 */
public final class DeliveryMetrics {

  static final String DELIVERIES = "eventbridge.localbus.deliveries";
  static final String RETRIES = "eventbridge.localbus.delivery.retries";

  private final Counter delivered;
  private final Counter retried;
  private final Map<DeadLetterCause, Counter> deadLettered = new EnumMap<>(DeadLetterCause.class);

  public DeliveryMetrics(MeterRegistry registry) {
    delivered = deliveries(registry, "delivered", "none");
    retried =
        Counter.builder(RETRIES)
            .description("Local bus delivery attempts repeated after a 429, 5xx or network error")
            .register(registry);
    for (var cause : DeadLetterCause.values()) {
      deadLettered.put(cause, deliveries(registry, "dead_lettered", cause.tag()));
    }
  }

  private static Counter deliveries(MeterRegistry registry, String outcome, String cause) {
    return Counter.builder(DELIVERIES)
        .description("Local bus deliveries to rule targets, by final outcome")
        .tag("outcome", outcome)
        .tag("cause", cause)
        .register(registry);
  }

  void delivered() {
    delivered.increment();
  }

  void retried() {
    retried.increment();
  }

  void deadLettered(DeadLetterCause cause) {
    deadLettered.get(cause).increment();
  }

  /** Why a delivery ended in the dead-letter log. */
  enum DeadLetterCause {
    QUEUE_FULL("queue_full"),
    UNSENDABLE("unsendable"),
    NOT_RETRYABLE("not_retryable"),
    RETRIES_EXHAUSTED("retries_exhausted"),
    /**
     * The event's maximum age passed, or the next retry's wait (a rule target's Retry-After, or the
     * bus's backoff) would end past it: a subscriber's MaxEventAgeInSeconds, 24 h for a rule's
     * target.
     */
    MAX_EVENT_AGE("max_event_age"),
    SHUTTING_DOWN("shutting_down");

    private final String tag;

    DeadLetterCause(String tag) {
      this.tag = tag;
    }

    String tag() {
      return tag;
    }
  }
}
