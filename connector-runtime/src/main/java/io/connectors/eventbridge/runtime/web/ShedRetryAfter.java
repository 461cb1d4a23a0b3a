package io.connectors.eventbridge.runtime.web;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The {@code Retry-After} of a request the concurrency limit sheds: long enough that the retries of
 * everything shed come back at about the rate the replica admits.
 *
 * <p>EventBridge waits exactly as long as {@code Retry-After} says. A fixed one second turns
 * overload into a retry storm: every shed event comes back every second, the backlog grows with the
 * overload, and answering the 429s alone takes the cores the engine needs (at four times the knee,
 * a fixed 1 s made 27,000 answers of 429 in one 8 s phase on two cores). Here the wait is the ratio
 * of requests shed to requests admitted over the last completed second (at least 1 s, at most
 * {@link #MAX_SECONDS}), spread at random up to twice that so retries do not arrive together.
 * Shedding three for each admitted asks for 3 to 6 s; shedding no more than admitting, 1 s.
 */
final class ShedRetryAfter {

  static final int MAX_SECONDS = 60;
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final LongSupplier nanoClock;
  private long windowStart; // guarded by this
  private long admitted; // guarded by this
  private long shed; // guarded by this
  private double lastRatio; // guarded by this

  ShedRetryAfter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  synchronized void admitted() {
    roll();
    admitted++;
  }

  /** Counts one shed request and returns its {@code Retry-After} in seconds. */
  synchronized int shed() {
    roll();
    shed++;
    if (lastRatio <= 1) {
      // Shedding no more than admitting: the next second has room for the retry.
      return 1;
    }
    int base = (int) Math.min(MAX_SECONDS, Math.ceil(lastRatio));
    int spread = ThreadLocalRandom.current().nextInt(base + 1);
    return Math.min(MAX_SECONDS, base + spread);
  }

  private void roll() {
    long now = nanoClock.getAsLong();
    if (now - windowStart < WINDOW_NANOS) {
      return;
    }
    // A window with nothing in it (an idle second) resets the ratio.
    lastRatio = now - windowStart < 2 * WINDOW_NANOS ? (double) shed / Math.max(1, admitted) : 0;
    windowStart = now;
    admitted = 0;
    shed = 0;
  }
}
