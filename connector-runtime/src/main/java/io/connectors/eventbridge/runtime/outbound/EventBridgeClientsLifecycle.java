package io.connectors.eventbridge.runtime.outbound;

import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the Put events connector's SDK clients as part of the application's shutdown, instead of a
 * JVM shutdown hook that would run at the same time as it. The lowest phase stops last, after the
 * job workers (default phase) stopped taking jobs; closing still waits, bounded, for calls that are
 * running.
 */
@Component
class EventBridgeClientsLifecycle implements SmartLifecycle {

  private final CachingEventBridgeClientSupplier clients;
  private volatile boolean running;

  EventBridgeClientsLifecycle(CachingEventBridgeClientSupplier clients) {
    this.clients = clients;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    clients.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MIN_VALUE;
  }
}
