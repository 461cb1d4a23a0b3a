package io.connectors.eventbridge.runtime.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline, for tests that talk to a runtime over the network. */
public final class Await {

  private static final Duration POLL = Duration.ofMillis(50);

  private Await() {}

  /** Polls {@code probe} until it yields a value, failing with {@code what} after the timeout. */
  public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      }
    }
  }
}
