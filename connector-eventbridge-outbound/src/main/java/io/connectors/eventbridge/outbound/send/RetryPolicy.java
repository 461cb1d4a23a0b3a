package io.connectors.eventbridge.outbound.send;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with "equal jitter": half the capped exponential delay is fixed, the
 * other half random, so retries from many jobs spread out without ever retrying immediately. Which
 * entries are worth retrying is {@link ErrorCodes#RETRYABLE_ENTRY_CODES}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(5);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static RetryPolicy withAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
  }

  /** The pause before attempt {@code attempt + 1}, after {@code attempt} attempts failed. */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    long half = cap / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
