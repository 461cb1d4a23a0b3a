package io.connectors.eventbridge.outbound.client;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * A client borrowed for one job. Closing the lease tells the supplier the job is done with it; the
 * supplier decides whether that closes the client (per-call clients) or not (cached ones).
 */
public interface ClientLease extends AutoCloseable {

  EventBridgeClient client();

  @Override
  void close();

  /** A lease on a client built for this call alone, closed with the lease. */
  static ClientLease closing(EventBridgeClient client) {
    return new ClientLease() {
      @Override
      public EventBridgeClient client() {
        return client;
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }
}
