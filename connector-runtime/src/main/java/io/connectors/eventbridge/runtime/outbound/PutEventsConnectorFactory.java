package io.connectors.eventbridge.runtime.outbound;

import io.camunda.connector.api.annotation.OutboundConnector;
import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import io.camunda.connector.runtime.core.config.OutboundConnectorConfiguration;
import io.camunda.connector.runtime.core.outbound.OutboundConnectorFactory;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import java.util.Collection;

/**
 * The runtime's outbound connectors, with the Put events connector built by this application
 * instead of by ServiceLoader.
 *
 * <p>Connectors 8.8 finds connectors through ServiceLoader (which can only call the no-argument
 * constructor) and through {@code OutboundConnectorFunction} beans, and refuses to start when one
 * type is found both ways. The connector's jar carries its ServiceLoader entry for Camunda's own
 * runtime, so here it stays registered through that entry, with the job type, input variables and
 * timeout the runtime derived from it (overrides included), and only the instance is swapped.
 */
final class PutEventsConnectorFactory implements OutboundConnectorFactory {

  private static final String NAME =
      EventBridgePutEventsFunction.class.getAnnotation(OutboundConnector.class).name();

  private final OutboundConnectorFactory runtimeFactory;
  private final EventBridgePutEventsFunction putEvents;

  PutEventsConnectorFactory(
      OutboundConnectorFactory runtimeFactory, EventBridgePutEventsFunction putEvents) {
    this.runtimeFactory = runtimeFactory;
    this.putEvents = putEvents;
  }

  @Override
  public Collection<OutboundConnectorConfiguration> getConfigurations() {
    return runtimeFactory.getConfigurations().stream()
        .map(
            configuration ->
                isPutEvents(configuration)
                    ? new OutboundConnectorConfiguration(
                        configuration.name(),
                        configuration.inputVariables(),
                        configuration.type(),
                        () -> putEvents,
                        configuration.timeout())
                    : configuration)
        .toList();
  }

  @Override
  public OutboundConnectorFunction getInstance(String type) {
    boolean putEventsType =
        runtimeFactory.getConfigurations().stream()
            .anyMatch(
                configuration -> isPutEvents(configuration) && configuration.type().equals(type));
    return putEventsType ? putEvents : runtimeFactory.getInstance(type);
  }

  private static boolean isPutEvents(OutboundConnectorConfiguration configuration) {
    return configuration.name().equals(NAME);
  }
}
