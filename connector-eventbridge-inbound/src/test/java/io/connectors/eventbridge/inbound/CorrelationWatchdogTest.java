package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's protocol: an interrupt reaches a request thread only while it is watched, and is
 * cleared before {@link CorrelationWatchdog.Watch#finish()} returns, whichever side wins the race.
 * Most tests drive {@code scan} themselves, so they decide who goes first.
 */
class CorrelationWatchdogTest {

  private static final long PAST = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
  private static final long WAIT_SECONDS = 10;

  @Test
  void aScanBeforeTheDeadlineLeavesTheThreadAlone() {
    var watchdog = new CorrelationWatchdog();
    var watch = watchdog.watch(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

    watchdog.scan(System.nanoTime());

    assertThat(watch.fired()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(watch.finish()).isFalse();
    assertThat(watchdog.size()).isZero();
  }

  @Test
  void aWatchFinishedInTimeIsNeverInterrupted() {
    var watchdog = new CorrelationWatchdog();
    var watch = watchdog.watch(PAST);

    assertThat(watch.finish()).isFalse();
    watchdog.scan(System.nanoTime());

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(watch.fired()).isFalse();
  }

  @Test
  void anInterruptDeliveredBeforeFinishIsClearedByIt() {
    var watchdog = new CorrelationWatchdog();
    var watch = watchdog.watch(PAST);

    watchdog.scan(System.nanoTime());

    assertThat(watch.fired()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(watch.finish()).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(watchdog.size()).isZero();
  }

  @Test
  void finishWaitsForAnInterruptThatIsStillOnItsWay() throws Exception {
    var watchdog = new CorrelationWatchdog();
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
              watchRef.set(watchdog.watch(PAST));
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
    var scanner = new Thread(() -> watchdog.scan(System.nanoTime()));
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
    var watchdog = new CorrelationWatchdog();
    int rounds = 2_000;
    var barrier = new CyclicBarrier(2);
    var scannerFailure = new AtomicReference<Throwable>();
    var scanner =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < rounds; i++) {
                  barrier.await(WAIT_SECONDS, TimeUnit.SECONDS); // the watch is registered
                  watchdog.scan(System.nanoTime());
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
        var watch = watchdog.watch(PAST);
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

  @Test
  void theSharedWatchdogIsOneNamedDaemonThreadThatInterruptsAfterTheDeadline() throws Exception {
    var watchdog = CorrelationWatchdog.shared();
    assertThat(CorrelationWatchdog.shared()).isSameAs(watchdog);
    var threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("eventbridge-webhook-watchdog"))
            .toList();
    assertThat(threads).hasSize(1);
    assertThat(threads.getFirst().isDaemon()).isTrue();

    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    var watch = watchdog.watch(deadline);
    boolean interrupted = false;
    try {
      // Stands for a correlate call that waits on an engine that never answers.
      new CountDownLatch(1).await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException expected) {
      interrupted = true;
    }
    long late = System.nanoTime() - deadline;
    assertThat(watch.finish()).isTrue();

    assertThat(interrupted).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(Duration.ofNanos(late)).isLessThan(CorrelationWatchdog.PERIOD.plusMillis(1000));
  }

  @Test
  void theScanningThreadSurvivesAFailingInterrupt() throws Exception {
    var watchdog = new CorrelationWatchdog().start("test-watchdog", Duration.ofMillis(5));
    var failingWatch = new AtomicReference<CorrelationWatchdog.Watch>();
    var failingFinished = new CountDownLatch(1);
    var registered = new CountDownLatch(1);
    var failingAttempts = new AtomicInteger();
    var failing =
        new Thread(
            () -> {
              failingWatch.set(watchdog.watch(PAST));
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

    var watch = watchdog.watch(PAST);
    boolean interrupted = false;
    try {
      new CountDownLatch(1).await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException expected) {
      interrupted = true;
    }
    watch.finish();

    assertThat(interrupted).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
