package io.connectors.eventbridge.runtime.outbound;

import io.camunda.connector.runtime.core.outbound.DefaultOutboundConnectorFactory;
import io.camunda.connector.runtime.core.outbound.OutboundConnectorFactory;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The Put events connector with resources this application owns: its SDK client cache, closed by
 * {@link EventBridgeClientsLifecycle} once the job workers stopped, and the application's meter
 * registry, the one /actuator/prometheus serves.
 */
@Configuration(proxyBeanMethods = false)
class PutEventsConnectorConfiguration {

  // Closed by EventBridgeClientsLifecycle, in its shutdown phase, not when the bean is destroyed.
  @Bean(destroyMethod = "")
  CachingEventBridgeClientSupplier eventBridgeClients() {
    return new CachingEventBridgeClientSupplier();
  }

  @Bean
  OutboundMetrics outboundMetrics(
      MeterRegistry registry, CachingEventBridgeClientSupplier clients) {
    return new OutboundMetrics(registry, clients::size);
  }

  /** What the runtime's job workers get their connector instances from. */
  @Bean
  @Primary
  OutboundConnectorFactory putEventsConnectorFactory(
      DefaultOutboundConnectorFactory runtimeFactory,
      CachingEventBridgeClientSupplier clients,
      OutboundMetrics metrics) {
    return new PutEventsConnectorFactory(
        runtimeFactory, new EventBridgePutEventsFunction(clients, metrics));
  }
}
