package io.connectors.eventbridge.outbound.send;

import java.time.Duration;

/** Waits between attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration);

  void sleep(Duration duration) throws InterruptedException;
}
