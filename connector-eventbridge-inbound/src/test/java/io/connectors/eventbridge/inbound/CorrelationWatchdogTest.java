package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's protocol: an interrupt reaches a request thread only while it is watched, and is
 * cleared before {@link CorrelationWatchdog.Watch#finish()} returns, whichever side wins the race.
 * Most tests drive {@code scan} and the clock themselves, so they decide who goes first.
 */
class CorrelationWatchdogTest {

  /** A budget that is spent as soon as the watch starts. */
  private static final Duration SPENT = Duration.ZERO;

  private static final long WAIT_SECONDS = 10;

  private final AtomicLong nanos = new AtomicLong(42);

  @Test
  void aScanBeforeTheDeadlineLeavesTheThreadAlone() {
    var watchdog = new CorrelationWatchdog(nanos::get);
    var watch = watchdog.watch(Duration.ofSeconds(4));
    nanos.addAndGet(Duration.ofSeconds(4).toNanos() - 1);

    watchdog.scan();

    assertThat(watch.fired()).isFalse();
    assertThat(watch.outOfTime()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(watch.finish()).isFalse();
    assertThat(watchdog.size()).isZero();
  }

  @Test
  void theScanAtTheDeadlineInterrupts() {
    var watchdog = new CorrelationWatchdog(nanos::get);
    var watch = watchdog.watch(Duration.ofSeconds(4));
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());

    watchdog.scan();

    assertThat(watch.fired()).isTrue();
    assertThat(watch.outOfTime()).isTrue();
    assertThat(watch.finish()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aWatchFinishedInTimeIsNeverInterrupted() {
    var watchdog = new CorrelationWatchdog(nanos::get);
    var watch = watchdog.watch(SPENT);

    assertThat(watch.finish()).isFalse();
    watchdog.scan();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(watch.fired()).isFalse();
  }

  @Test
  void anInterruptDeliveredBeforeFinishIsClearedByIt() {
    var watchdog = new CorrelationWatchdog(nanos::get);
    var watch = watchdog.watch(SPENT);

    watchdog.scan();

    assertThat(watch.fired()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(watch.finish()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(watchdog.size()).isZero();
  }

  @Test
  void finishWaitsForAnInterruptThatIsStillOnItsWay() throws Exception {
    var watchdog = new CorrelationWatchdog(nanos::get);
    var insideInterrupt = new CountDownLatch(1);
    var letInterruptThrough = new CountDownLatch(1);
    var released = new AtomicBoolean();
    var aboutToFinish = new CountDownLatch(1);
    var finished = new CountDownLatch(1);
    var finishReturnedBeforeRelease = new AtomicBoolean();
    var interruptedAfterFinish = new AtomicBoolean(true);
    var fired = new AtomicBoolean();
    var watched = new CountDownLatch(1);
    var watchRef = new AtomicReference<CorrelationWatchdog.Watch>();
    // A request thread whose interrupt() is held up between the watchdog's two state changes.
    var requestThread =
        new Thread(
            () -> {
              watchRef.set(watchdog.watch(SPENT));
              watched.countDown();
              awaitQuietly(insideInterrupt);
              aboutToFinish.countDown();
              fired.set(watchRef.get().finish());
              finishReturnedBeforeRelease.set(!released.get());
              interruptedAfterFinish.set(Thread.currentThread().isInterrupted());
              finished.countDown();
            }) {
          @Override
          public void interrupt() {
            insideInterrupt.countDown();
            awaitQuietly(letInterruptThrough);
            super.interrupt();
          }
        };
    requestThread.start();
    assertThat(watched.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    var scanner = new Thread(watchdog::scan);
    scanner.start();

    assertThat(aboutToFinish.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    // A finish() that does not wait returns now; the correct one cannot, so this waits it out.
    assertThat(finished.await(200, TimeUnit.MILLISECONDS)).isFalse();
    released.set(true);
    letInterruptThrough.countDown();

    assertThat(finished.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    scanner.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    requestThread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(finishReturnedBeforeRelease).isFalse();
    assertThat(fired).isTrue();
    assertThat(interruptedAfterFinish).isFalse();
  }

  @Test
  void noInterruptOutlivesFinishWhenBothSidesRace() throws Exception {
    var watchdog = new CorrelationWatchdog(nanos::get);
    int rounds = 2_000;
    var barrier = new CyclicBarrier(2);
    var scannerFailure = new AtomicReference<Throwable>();
    var scanner =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < rounds; i++) {
                  barrier.await(WAIT_SECONDS, TimeUnit.SECONDS); // the watch is registered
                  watchdog.scan();
                  barrier.await(WAIT_SECONDS, TimeUnit.SECONDS); // both sides are done
                }
              } catch (Exception e) {
                scannerFailure.set(e);
              }
            },
            "test-scanner");
    scanner.start();
    int watchdogWon = 0;
    int leaks = 0;
    try {
      for (int i = 0; i < rounds; i++) {
        var watch = watchdog.watch(SPENT);
        barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
        // A few spins of jitter, so that either side wins in some rounds.
        for (int spin = i % 64; spin > 0; spin--) {
          Thread.onSpinWait();
        }
        if (watch.finish()) {
          watchdogWon++;
        }
        if (Thread.currentThread().isInterrupted()) {
          leaks++;
        }
        barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
        // Once the scan has ended, nothing can arrive any more.
        if (Thread.interrupted()) {
          leaks++;
        }
      }
    } finally {
      scanner.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    assertThat(scannerFailure.get()).isNull();
    assertThat(leaks).isZero();
    assertThat(watchdog.size()).isZero();
    System.out.printf("watchdog won %d of %d rounds%n", watchdogWon, rounds);
  }

  /** The one test on the system clock: the thread, not the protocol, is under test. */
  @Test
  void theStartedWatchdogIsANamedDaemonThreadThatInterruptsAfterTheDeadline() throws Exception {
    var before = watchdogThreads();
    try (var resources = WebhookResources.start(new SimpleMeterRegistry())) {
      var started = new HashSet<>(watchdogThreads());
      started.removeAll(before);
      assertThat(started).hasSize(1).allMatch(Thread::isDaemon);

      var budget = Duration.ofMillis(100);
      long start = System.nanoTime();
      var watch = resources.watchdog().watch(budget);
      boolean interrupted = false;
      try {
        // Stands for a correlate call that waits on an engine that never answers.
        new CountDownLatch(1).await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException expected) {
        interrupted = true;
      }
      var late = Duration.ofNanos(System.nanoTime() - start).minus(budget);
      assertThat(watch.finish()).isTrue();

      assertThat(interrupted).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(late).isLessThan(CorrelationWatchdog.PERIOD.plusMillis(1000));
    }
  }

  @Test
  void stopEndsTheThreadBeforeItReturns() {
    var before = watchdogThreads();
    var watchdog =
        new CorrelationWatchdog(System::nanoTime)
            .start(WebhookResources.WATCHDOG_THREAD, CorrelationWatchdog.PERIOD);
    var started = new HashSet<>(watchdogThreads());
    started.removeAll(before);
    assertThat(started).hasSize(1);
    assertThat(watchdog.running()).isTrue();

    watchdog.stop();

    assertThat(watchdog.running()).isFalse();
    assertThat(started.iterator().next().isAlive()).isFalse();
    // A watchdog that never started has nothing to stop.
    new CorrelationWatchdog(System::nanoTime).stop();
  }

  static List<Thread> watchdogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(WebhookResources.WATCHDOG_THREAD))
        .toList();
  }

  @Test
  void theScanningThreadSurvivesAFailingInterrupt() throws Exception {
    var watchdog =
        new CorrelationWatchdog(System::nanoTime).start("test-watchdog", Duration.ofMillis(5));
    var failingWatch = new AtomicReference<CorrelationWatchdog.Watch>();
    var failingFinished = new CountDownLatch(1);
    var registered = new CountDownLatch(1);
    var failingAttempts = new AtomicInteger();
    var failing =
        new Thread(
            () -> {
              failingWatch.set(watchdog.watch(SPENT));
              registered.countDown();
              // Done when the watchdog has tried (and failed) to interrupt us.
              while (!failingWatch.get().fired()) {
                Thread.onSpinWait();
              }
              failingWatch.get().finish();
              failingFinished.countDown();
            }) {
          @Override
          public void interrupt() {
            failingAttempts.incrementAndGet();
            throw new IllegalStateException("interrupt refused");
          }
        };
    failing.start();
    assertThat(registered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(failingFinished.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(failingAttempts).hasValue(1);

    var watch = watchdog.watch(SPENT);
    boolean interrupted = false;
    try {
      new CountDownLatch(1).await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException expected) {
      interrupted = true;
    }
    watch.finish();

    assertThat(interrupted).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    watchdog.stop();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
