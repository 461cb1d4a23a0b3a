package io.connectors.eventbridge.outbound.custombus;

import java.util.concurrent.RejectedExecutionException;

/**
 * The timer that bounds attempts was shut down while a call was under way: its owner (the client
 * cache) is closing because the runtime is shutting down. The attempt is not made, so that the job
 * fails and runs again on a runtime that is still running.
 */
public final class CustomBusClosedException extends CustomBusException {

  public CustomBusClosedException(RejectedExecutionException cause) {
    super(
        "The Custom Event Bus client is closed because the runtime is shutting down; the call's"
            + " next attempt was not made",
        cause);
  }
}
