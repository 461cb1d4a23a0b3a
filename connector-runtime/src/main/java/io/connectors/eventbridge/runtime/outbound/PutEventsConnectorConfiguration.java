package io.connectors.eventbridge.runtime.outbound;

import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Put events connector with resources this application owns: its SDK client cache, closed by
 * {@link EventBridgeClientsLifecycle} once the job workers stopped, and the application's meter
 * registry, the one /actuator/prometheus serves.
 *
 * <p>The runtime registers {@code OutboundConnectorFunction} beans as it registers ServiceLoader
 * entries (type, input variables and timeout from the annotation, with the same overrides), so the
 * connector is this bean here. Its ServiceLoader entry is in the {@code -with-dependencies} jar
 * only, for Camunda's stock runtime: found both ways, the runtime would refuse to start.
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

  @Bean
  EventBridgePutEventsFunction putEventsConnector(
      CachingEventBridgeClientSupplier clients, OutboundMetrics metrics) {
    return new EventBridgePutEventsFunction(clients, metrics);
  }
}
