package io.connectors.eventbridge.runtime.web;

import java.util.function.LongSupplier;

/**
 * The {@code Retry-After} of a request the concurrency limit sheds: the retries of everything shed
 * are booked one after another at the rate the replica admitted in the last completed second, so
 * they come back spread out at about that rate instead of all together.
 *
 * <p>EventBridge waits as long as {@code Retry-After} says. A fixed one second turns overload into
 * a retry storm: every shed event comes back every second, the backlog grows with the overload, and
 * answering the 429s alone takes the cores the engine needs (at four times the knee, a fixed 1 s
 * made 27,000 answers of 429 in one 8 s phase on two cores). A wait proportional to the share shed
 * still let the answers grow with the square root of the backlog: at twice the knee, 2,000 429s a
 * second against 300 admitted. Booked retries make the wait what it is in a queue: the backlog
 * ahead divided by the rate the replica serves. The first retry is due in a second; a shed that
 * comes when the booking has fallen behind the clock starts again from there; a backlog longer than
 * {@link #MAX_SECONDS} is told that longest wait.
 */
final class ShedRetryAfter {

  static final int MAX_SECONDS = 60;
  private static final long SECOND = 1_000_000_000L;

  private final LongSupplier nanoClock;
  private long windowStart; // guarded by this
  private long admittedInWindow; // guarded by this
  private long admittedLastSecond; // guarded by this: in the last completed window
  private long nextRetry; // guarded by this: when the next shed request's retry is booked

  ShedRetryAfter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
    this.nextRetry = windowStart;
  }

  synchronized void admitted() {
    roll(nanoClock.getAsLong());
    admittedInWindow++;
  }

  /** Books the retry of one shed request and returns its {@code Retry-After} in seconds. */
  synchronized int shed() {
    long now = nanoClock.getAsLong();
    roll(now);
    // Differences, not comparisons: nanoTime may be negative and is only ordered by subtraction.
    long due = nextRetry - now < SECOND ? now + SECOND : nextRetry;
    if (due - now > MAX_SECONDS * SECOND) {
      due = now + MAX_SECONDS * SECOND;
    }
    // Nothing admitted for a second (the engine stalled): one retry a second.
    nextRetry = due + SECOND / Math.max(1, admittedPerSecond(now));
    return (int) ((due - now + SECOND - 1) / SECOND);
  }

  /**
   * The last completed second's admissions, or the current second's so far when they run faster: a
   * burst after an idle second is booked at the rate it is being served, not at none.
   */
  private long admittedPerSecond(long now) {
    long elapsed = Math.max(now - windowStart, SECOND / 10);
    return Math.max(admittedLastSecond, admittedInWindow * SECOND / elapsed);
  }

  private void roll(long now) {
    if (now - windowStart < SECOND) {
      return;
    }
    // A second with nothing in it (idle) counts as admitting nothing.
    admittedLastSecond = now - windowStart < 2 * SECOND ? admittedInWindow : 0;
    windowStart = now;
    admittedInWindow = 0;
  }
}
