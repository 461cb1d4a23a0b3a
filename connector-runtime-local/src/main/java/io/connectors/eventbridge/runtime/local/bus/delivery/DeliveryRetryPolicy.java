package io.connectors.eventbridge.runtime.local.bus.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry a delivery, as API destinations do: 429 and 5xx (and network failures) are retried
 * with exponential backoff, or after the target's Retry-After when it sends one and the plan reads
 * it ({@link DeliveryPlan.Retries#readsRetryAfter()}); any other status is final.
 *
 * @param maxBackoff caps the bus's own backoff only. A rule target's Retry-After is honoured as
 *     given, as EventBridge honours an API destination's: a replica that books its shed retries up
 *     to 60 s ahead would otherwise get them back early, to shed them again. How long the bus may
 *     wait is the event's maximum age ({@link DeliveryPlan#giveUpAt()}).
 */
public record DeliveryRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public static boolean isRetryable(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * The wait before attempt {@code attempt + 1}: the target's Retry-After if it sent one, else the
   * backoff doubled per attempt with up to 20% jitter (so a burst of failures does not retry in
   * lockstep), capped by {@code maxBackoff}.
   */
  public Duration delayAfter(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    long base = initialBackoff.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(Math.max(base, 0), maxBackoff.toMillis());
    long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(capped - jitter);
  }
}
