package io.connectors.eventbridge.runtime.support.fleet;

import io.connectors.eventbridge.runtime.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One stretch of load: the events it sent and its sending window. Sending runs in the background
 * until its duration is up or {@link #stop()}; delivery (with retries) goes on after that until
 * every event is final ({@link #awaitFinal}).
 */
public final class LoadPhase {

  private final String name;
  private final double offeredPerSecond;
  private final List<SentEvent> events = new ArrayList<>();
  private final CompletableFuture<Void> sendingDone = new CompletableFuture<>();
  private volatile boolean stopped;
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile MachineCpu.Start cpuAtStart; // null if not measured
  private volatile CpuShares cpuShares = CpuShares.UNKNOWN; // read when sending ends

  LoadPhase(String name, double offeredPerSecond) {
    this.name = name;
    this.offeredPerSecond = offeredPerSecond;
  }

  public String name() {
    return name;
  }

  /** The open loop's rate, or 0 for a closed loop. */
  public double offeredPerSecond() {
    return offeredPerSecond;
  }

  /** Stops sending new events; those sent go on to their final result. */
  public void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  void started(long nanos) {
    cpuAtStart = MachineCpu.start();
    startNanos = nanos;
  }

  void add(SentEvent event) {
    synchronized (events) {
      events.add(event);
    }
  }

  void sendingEnded(long nanos) {
    var start = cpuAtStart;
    if (start != null) {
      // Over the time until now: a closed loop ends sending once its last event is final, after
      // its window.
      cpuShares = CpuShares.of(start.since(), System.nanoTime() - startNanos);
    }
    endNanos = nanos;
    sendingDone.complete(null);
  }

  void sendingFailed(Throwable failure) {
    endNanos = System.nanoTime();
    sendingDone.completeExceptionally(failure);
  }

  public int sent() {
    synchronized (events) {
      return events.size();
    }
  }

  public List<SentEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  public long startNanos() {
    return startNanos;
  }

  /** The end of the sending window (not of delivery); 0 while sending. */
  public long endNanos() {
    return endNanos;
  }

  public double windowSeconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /**
   * The shares of the machine's cores that the sender, local mode and the replicas used in the
   * sending window ({@link MachineCpu}; a closed loop's until its last event was final), or {@link
   * CpuShares#UNKNOWN}.
   */
  public CpuShares cpuShares() {
    return cpuShares;
  }

  /**
   * Shares of the machine's cores in a sending window ({@link MachineCpu}: the sender's and the
   * replicas' are lower bounds), each -1 if unknown.
   *
   * @param sender the sender, which stands in for EventBridge
   * @param localMode the engine, local mode's own runtime and the stand-in REST API
   * @param replicas the production replicas
   */
  public record CpuShares(double sender, double localMode, double replicas) {

    static final CpuShares UNKNOWN = new CpuShares(-1, -1, -1);

    static CpuShares of(MachineCpu.Split split, long windowNanos) {
      if (windowNanos <= 0) {
        return UNKNOWN;
      }
      double machine = (double) windowNanos * Runtime.getRuntime().availableProcessors();
      return new CpuShares(
          split.sender() / machine, split.localMode() / machine, split.replicas() / machine);
    }
  }

  /** Waits until the phase has sent at least {@code count} events. */
  public void awaitSent(int count, Duration timeout) {
    Await.until(
        name + " to send " + count + " events (sent " + sent() + ")",
        timeout,
        () -> {
          if (sendingDone.isDone()) {
            sendingDone.join(); // rethrows a failure of the sending loop
            if (sent() < count) {
              throw new AssertionError(name + " stopped after " + sent() + " of " + count);
            }
          }
          return sent() >= count ? Optional.of(true) : Optional.empty();
        });
  }

  /** Waits until sending has ended and every event sent is delivered, dropped or expired. */
  public void awaitFinal(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      sendingDone.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      var all = events().stream().map(SentEvent::done).toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(all)
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      long pending =
          events().stream().filter(e2 -> e2.result() == SentEvent.Result.PENDING).count();
      throw new AssertionError(
          "Timed out after "
              + timeout.toMillis()
              + " ms waiting for the events of "
              + name
              + " to be final ("
              + pending
              + " pending)");
    } catch (ExecutionException e) {
      throw new AssertionError(name + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
