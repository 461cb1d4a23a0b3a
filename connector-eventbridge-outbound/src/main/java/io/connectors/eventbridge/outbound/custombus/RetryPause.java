package io.connectors.eventbridge.outbound.custombus;

import java.time.Duration;

/** Waits for the delay a retry strategy asks for; tests pass one that records instead. */
@FunctionalInterface
public interface RetryPause {

  RetryPause THREAD_SLEEP = Thread::sleep;

  void pause(Duration delay) throws InterruptedException;
}
