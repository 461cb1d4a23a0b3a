package io.connectors.eventbridge.outbound.send;

import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with "equal jitter": half the capped exponential delay is fixed, the
 * other half random, so retries from many jobs spread out without ever retrying immediately.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Entry error codes worth sending again; every other code fails the same way on retry. */
  public static final Set<String> RETRYABLE_ERROR_CODES =
      Set.of("ThrottlingException", "InternalFailure");

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

  public static boolean isRetryable(String errorCode) {
    return RETRYABLE_ERROR_CODES.contains(errorCode);
  }

  /** The pause before attempt {@code attempt + 1}, after {@code attempt} attempts failed. */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    long half = cap / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
