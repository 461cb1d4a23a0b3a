package io.connectors.eventbridge.runtime.inbound;

import io.camunda.connector.api.inbound.InboundConnectorContext;
import io.camunda.connector.api.inbound.InboundConnectorExecutable;
import io.camunda.connector.runtime.core.config.InboundConnectorConfiguration;
import io.camunda.connector.runtime.core.inbound.InboundConnectorFactory;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.WebhookResources;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The runtime's inbound connector factory, except that it creates EventBridge webhooks with the
 * runtime's shared {@link WebhookResources}; every other connector, and every configuration, is the
 * runtime's own.
 */
final class SharedResourcesWebhookFactory implements InboundConnectorFactory {

  private final InboundConnectorFactory runtimeFactory;
  private final Supplier<WebhookResources> resources;

  SharedResourcesWebhookFactory(
      InboundConnectorFactory runtimeFactory, Supplier<WebhookResources> resources) {
    this.runtimeFactory = runtimeFactory;
    this.resources = resources;
  }

  @Override
  public InboundConnectorExecutable<InboundConnectorContext> getInstance(String type) {
    // Decided by the registered class, not the type: the type can be overridden per runtime.
    boolean eventBridgeWebhook =
        runtimeFactory.getConfigurations().stream()
            .anyMatch(
                configuration ->
                    configuration.type().equals(type)
                        && configuration.connectorClass() == EventBridgeWebhookExecutable.class);
    return eventBridgeWebhook
        ? new EventBridgeWebhookExecutable(resources.get())
        : runtimeFactory.getInstance(type);
  }

  @Override
  public Collection<InboundConnectorConfiguration> getConfigurations() {
    return runtimeFactory.getConfigurations();
  }

  @Override
  public void registerConfiguration(InboundConnectorConfiguration configuration) {
    runtimeFactory.registerConfiguration(configuration);
  }
}
