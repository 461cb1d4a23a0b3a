package io.connectors.eventbridge.runtime.local.bus.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one event is delivered to one target: a classic rule's target delivers as an API destination
 * does ({@link Retries#AS_API_DESTINATION}, {@link #RULE_TARGET_MAX_EVENT_AGE}), a Custom Event Bus
 * subscriber by its own retry policy ({@link Retries#AS_SUBSCRIBER}).
 *
 * @param timeout how long the target has to answer each attempt
 * @param giveUpAt when retries stop whatever is left of the attempts: the event's maximum age after
 *     it was accepted (a subscriber's {@code MaxEventAgeInSeconds})
 */
public record DeliveryPlan(
    DeliveryRetryPolicy retryPolicy, Duration timeout, Retries retries, Instant giveUpAt) {

  /**
   * A rule target's maximum event age when its retry policy does not set one, EventBridge's default
   * {@code MaximumEventAgeInSeconds} (86,400). It bounds how long a target's Retry-After can hold
   * an event.
   */
  public static final Duration RULE_TARGET_MAX_EVENT_AGE = Duration.ofHours(24);

  public DeliveryPlan {
    // Read in the HTTP client's completion callback, where a failure would leave the delivery's
    // slot taken: fail here, where the plan is made.
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(giveUpAt, "giveUpAt");
  }

  /**
   * Which failed answers are attempted again, and when; network failures and timeouts are always
   * attempted again.
   */
  public enum Retries {
    /**
     * 429 and 5xx, as API destinations retry; any other status is final. A Retry-After is honoured
     * as given, as EventBridge honours it.
     */
    AS_API_DESTINATION,
    /**
     * Any answer outside 2xx: a Custom Event Bus subscriber's {@code RetryStrategy} {@code ALL}
     * (https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_RetryPolicy.html), with
     * the bus's backoff. Retry-After is not read: the subscriber's documentation does not say it is
     * (docs/inbound-webhook.md), and a 429's wait could otherwise outlast a short maximum age.
     */
    AS_SUBSCRIBER;

    boolean retries(int status) {
      return switch (this) {
        case AS_API_DESTINATION -> DeliveryRetryPolicy.isRetryable(status);
        case AS_SUBSCRIBER -> true;
      };
    }

    boolean readsRetryAfter() {
      return switch (this) {
        case AS_API_DESTINATION -> true;
        case AS_SUBSCRIBER -> false;
      };
    }
  }

  /** Whether the event is past its age limit at {@code now}. */
  boolean tooOldAt(Instant now) {
    return tooOldAfter(now, Duration.ZERO);
  }

  /**
   * Whether a retry {@code wait} after {@code now} would be past the age limit. Compared, not
   * added: a target's Retry-After can be any number of seconds.
   */
  boolean tooOldAfter(Instant now, Duration wait) {
    return wait.compareTo(Duration.between(now, giveUpAt)) > 0;
  }
}
