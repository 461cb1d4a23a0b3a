package io.connectors.eventbridge.outbound.custombus;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long one PutEvents call may take, as the SDK's {@code apiCallAttemptTimeout} and {@code
 * apiCallTimeout} bound a generated client's calls: an attempt is aborted after {@code attempt},
 * and no retry starts whose pause would end after {@code call} since the call began.
 *
 * @param timer aborts attempts that run too long; owned by whoever owns the HTTP client
 * @param nanoClock the clock the call's time is measured on
 */
public record CallLimits(
    Duration attempt, Duration call, ScheduledExecutorService timer, LongSupplier nanoClock) {

  /** When the call began, to measure what is left of it. */
  long start() {
    return nanoClock.getAsLong();
  }

  /** Whether a pause of {@code pause} leaves time for another attempt of a call begun at start. */
  boolean allowsRetryAfter(long start, Duration pause) {
    return nanoClock.getAsLong() - start + pause.toNanos() < call.toNanos();
  }

  /**
   * Aborts an attempt once the attempt's time or the call's is up, whichever comes first.
   *
   * @throws CustomBusClosedException when the timer was shut down: an attempt it cannot bound is
   *     not started
   */
  ScheduledFuture<?> abortLater(long start, Runnable abort) {
    long left = Math.min(attempt.toNanos(), call.toNanos() - (nanoClock.getAsLong() - start));
    try {
      return timer.schedule(abort, Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      throw new CustomBusClosedException(shutDown);
    }
  }
}
