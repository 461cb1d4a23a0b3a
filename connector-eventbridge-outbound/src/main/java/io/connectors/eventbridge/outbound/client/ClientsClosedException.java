package io.connectors.eventbridge.outbound.client;

/**
 * The client cache is closed because the runtime is shutting down; the job should run elsewhere.
 */
public final class ClientsClosedException extends IllegalStateException {
  public ClientsClosedException() {
    super("The EventBridge client cache is closed: the runtime is shutting down");
  }
}
