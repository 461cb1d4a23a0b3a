package io.connectors.eventbridge.runtime.local.bus.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one event is delivered to one target: a classic rule's target delivers as an API destination
 * does ({@link RetriedFailures#THROTTLING_AND_SERVER_ERRORS}, no age limit), a Custom Event Bus
 * subscriber by its own retry policy.
 *
 * @param timeout how long the target has to answer each attempt
 * @param giveUpAt when retries stop whatever is left of the attempts (a subscriber's {@code
 *     MaxEventAgeInSeconds} after ingestion); empty for no age limit
 */
public record DeliveryPlan(
    DeliveryRetryPolicy retryPolicy,
    Duration timeout,
    RetriedFailures retried,
    Optional<Instant> giveUpAt) {

  /** Which failed answers are attempted again; network failures and timeouts always are. */
  public enum RetriedFailures {
    /** 429 and 5xx, as API destinations retry; any other status is final. */
    THROTTLING_AND_SERVER_ERRORS,
    /**
     * Any answer outside 2xx: a Custom Event Bus subscriber's {@code RetryStrategy} {@code ALL}
     * (https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_RetryPolicy.html).
     */
    ALL;

    boolean retries(int status) {
      return switch (this) {
        case THROTTLING_AND_SERVER_ERRORS -> DeliveryRetryPolicy.isRetryable(status);
        case ALL -> true;
      };
    }
  }

  /** Whether a retry that would start at {@code next} is past the age limit. */
  boolean tooOldAt(Instant next) {
    return giveUpAt.isPresent() && next.isAfter(giveUpAt.get());
  }
}
