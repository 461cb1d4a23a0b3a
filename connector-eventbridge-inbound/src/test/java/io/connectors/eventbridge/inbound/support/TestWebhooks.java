package io.connectors.eventbridge.inbound.support;

import io.camunda.connector.api.inbound.InboundConnectorContext;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.WebhookResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Our webhook activated with a test context, as our runtime activates one. */
public final class TestWebhooks {

  /**
   * What the tests' webhooks share, as a runtime's do: one watchdog thread on the system clocks,
   * for the whole test run, instead of one per activation that no test deactivates.
   */
  private static final WebhookResources RESOURCES =
      WebhookResources.start(new SimpleMeterRegistry());

  private TestWebhooks() {}

  /** A webhook activated with {@code context}, sharing the test run's resources. */
  public static EventBridgeWebhookExecutable activate(InboundConnectorContext context) {
    return activate(context, RESOURCES);
  }

  /** A webhook activated with {@code context}, sharing the given resources. */
  public static EventBridgeWebhookExecutable activate(
      InboundConnectorContext context, WebhookResources resources) {
    var executable = new EventBridgeWebhookExecutable(resources);
    executable.activate(context);
    return executable;
  }
}
