package io.connectors.eventbridge.inbound;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interrupts request threads whose correlation outlives the request's time budget. One thread
 * serves every webhook that shares this watchdog: a request only adds itself to a concurrent set
 * and removes itself again, which costs far less than handing the work to another thread; the
 * thread scans the set every {@link #PERIOD}, so an interrupt comes at most one period after the
 * deadline.
 *
 * <p>An interrupt must never reach the servlet container's thread after the handler has returned:
 * the container would see it on its next blocking call (closing an NIO channel, for one). So each
 * request's {@link Watch} has one state that both sides change by compare-and-set only: the request
 * thread moves it from RUNNING to DONE when it is finished, the watchdog from RUNNING to
 * INTERRUPTING, and to INTERRUPTED once {@link Thread#interrupt()} has returned. Whoever loses the
 * race knows it: a watchdog that loses does not interrupt; a request thread that loses waits until
 * the interrupt has been delivered and then clears it, so nothing of it is left when it returns.
 *
 * <p>Deadlines are read from an injected nano clock, so tests move time themselves and drive {@link
 * #scan} instead of waiting for the thread.
 */
final class CorrelationWatchdog {

  /** How often the watchdog's thread looks; the budget is 4 s against EventBridge's 5 s. */
  static final Duration PERIOD = Duration.ofMillis(50);

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationWatchdog.class);

  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanoClock;
  private volatile Thread thread;
  private volatile boolean stopping;

  /**
   * Not started: tests drive {@link #scan()} themselves, or call {@link #start}.
   *
   * @param nanoClock {@link System#nanoTime()} in production
   */
  CorrelationWatchdog(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Starts the scanning thread; call once. */
  CorrelationWatchdog start(String threadName, Duration period) {
    long periodNanos = period.toNanos();
    thread =
        Thread.ofPlatform()
            .name(threadName)
            .daemon(true)
            .start(
                () -> {
                  while (!stopping) {
                    LockSupport.parkNanos(periodNanos);
                    // An interrupt left set would make every later park return at once: a busy
                    // loop.
                    Thread.interrupted();
                    scanSafely();
                  }
                });
    return this;
  }

  /**
   * Ends the scanning thread and waits until it has ended (unless the caller is interrupted), so an
   * owner that stops it leaves no thread behind. Requests still watched then are no longer
   * interrupted; their budget still ends their next event.
   */
  void stop() {
    stopping = true;
    var running = thread;
    if (running == null) {
      return;
    }
    LockSupport.unpark(running);
    try {
      running.join();
    } catch (InterruptedException interrupted) {
      // The thread ends after its current scan all the same; the caller's interrupt is kept.
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the scanning thread is alive. */
  boolean running() {
    var running = thread;
    return running != null && running.isAlive();
  }

  /**
   * Watches the calling thread until {@link Watch#finish()}: interrupted if still watched once
   * {@code budget} has passed.
   */
  Watch watch(Duration budget) {
    var watch = new Watch(Thread.currentThread(), nanoClock.getAsLong() + budget.toNanos());
    watches.add(watch);
    return watch;
  }

  /** Number of requests being watched; for tests. */
  int size() {
    return watches.size();
  }

  private void scanSafely() {
    try {
      scan();
    } catch (Throwable unexpected) {
      // The thread must survive anything: without it no request is ever cut short again.
      try {
        LOG.warn("Webhook watchdog: scan failed, continuing", unexpected);
      } catch (Throwable ignored) {
        // Not even logging works (out of memory?): try again next period.
      }
    }
  }

  /** One pass: interrupts every request thread whose deadline has come. */
  void scan() {
    long now = nanoClock.getAsLong();
    for (var watch : watches) {
      if (watch.dueAt(now)) {
        watches.remove(watch);
        watch.interrupt();
      }
    }
  }

  /** One request's correlation as the watchdog sees it. Used by the request thread only. */
  final class Watch {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final Thread thread;
    private final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Watch(Thread thread, long deadlineNanos) {
      this.thread = thread;
      this.deadlineNanos = deadlineNanos;
    }

    /** Whether the watchdog has interrupted, or is interrupting, this request's thread. */
    boolean fired() {
      return state.get() >= INTERRUPTING;
    }

    /** Whether the budget is spent: the deadline has passed or the watchdog has fired. */
    boolean outOfTime() {
      return fired() || dueAt(nanoClock.getAsLong());
    }

    private boolean dueAt(long now) {
      return now - deadlineNanos >= 0;
    }

    /**
     * Ends the watch. Afterwards the watchdog cannot interrupt the thread any more, and an
     * interrupt it did deliver has been cleared.
     *
     * @return whether the watchdog interrupted the thread
     */
    boolean finish() {
      watches.remove(this);
      if (state.compareAndSet(RUNNING, DONE)) {
        return false;
      }
      // The watchdog won: its interrupt() may still be on its way. Only then may we clear it.
      for (int spins = 0; state.get() != INTERRUPTED; spins++) {
        if (spins < 100) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Thread.interrupted();
      return true;
    }

    private void interrupt() {
      if (state.compareAndSet(RUNNING, INTERRUPTING)) {
        try {
          thread.interrupt();
        } finally {
          // Even if interrupt() threw, the request thread must not wait forever.
          state.set(INTERRUPTED);
        }
      }
    }
  }
}
