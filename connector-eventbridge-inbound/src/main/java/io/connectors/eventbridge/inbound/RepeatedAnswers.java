package io.connectors.eventbridge.inbound;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Keeps a storm of one answer from flooding the activity log: of the same answer (status and
 * reason), one gets an entry per {@link #INTERVAL}, and that entry counts the ones left out since
 * the last.
 *
 * <p>The runtime's answers come in storms: past capacity a replica sheds hundreds of requests a
 * second with 429. The runtime writes every activity entry to its log too, one line each, so a
 * fleet at four times its knee wrote 130 MB of identical lines per replica in a few minutes, on the
 * cores it needed to answer. The metrics still count every answer.
 */
final class RepeatedAnswers {

  static final Duration INTERVAL = Duration.ofSeconds(10);

  /** What {@link #entryFor} returns when the answer gets no entry of its own. */
  static final long LEFT_OUT = -1;

  private final LongSupplier nanoClock;
  private final ConcurrentMap<Key, Window> windows = new ConcurrentHashMap<>();

  RepeatedAnswers(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  private record Key(int status, String reason) {}

  private static final class Window {
    private boolean logged; // guarded by this
    private long loggedAt; // guarded by this
    private long leftOut; // guarded by this
  }

  /**
   * Whether this answer gets an entry: {@link #LEFT_OUT} if not, otherwise how many of the same
   * were left out since its last entry (0 for the first).
   *
   * @param reason one of our fixed reasons, so the set of keys stays small
   */
  long entryFor(int status, String reason) {
    Window window = windows.computeIfAbsent(new Key(status, reason), key -> new Window());
    synchronized (window) {
      long now = nanoClock.getAsLong();
      if (window.logged && now - window.loggedAt < INTERVAL.toNanos()) {
        window.leftOut++;
        return LEFT_OUT;
      }
      long leftOut = window.leftOut;
      window.logged = true;
      window.loggedAt = now;
      window.leftOut = 0;
      return leftOut;
    }
  }
}
