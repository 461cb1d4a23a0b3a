package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.custombus.CustomBusPutEvents;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The clients of one identity, borrowed for one job. Closing the lease tells the supplier the job
 * is done with them; the supplier decides whether that closes them (per-call clients) or not
 * (cached ones).
 */
public interface ClientLease extends AutoCloseable {

  /** For a classic bus. */
  EventBridgeClient client();

  /** For a Custom Event Bus, with the same credentials, connections and time bounds. */
  CustomBusPutEvents customBus();

  @Override
  void close();

  /** A lease on clients built for this call alone; closing it closes the classic client. */
  static ClientLease closing(EventBridgeClient client, CustomBusPutEvents customBus) {
    return new ClientLease() {
      @Override
      public EventBridgeClient client() {
        return client;
      }

      @Override
      public CustomBusPutEvents customBus() {
        return customBus;
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }
}
