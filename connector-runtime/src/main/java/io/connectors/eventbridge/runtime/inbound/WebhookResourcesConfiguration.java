package io.connectors.eventbridge.runtime.inbound;

import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.WebhookResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * One set of {@link WebhookResources} for all EventBridge webhooks of this runtime: one watchdog
 * thread, stopped when the application context closes, and the runtime's meter registry.
 *
 * <p>The runtime creates an inbound connector per activation from an {@code @InboundConnector}
 * prototype bean as it does from a ServiceLoader entry, so each webhook is made here, with these
 * resources. The connector's ServiceLoader entry is in its {@code -with-dependencies} jar only, for
 * Camunda's stock runtime (where each webhook starts resources of its own): found both ways, the
 * runtime would refuse to start.
 */
@Configuration(proxyBeanMethods = false)
class WebhookResourcesConfiguration {

  @Bean(destroyMethod = "close")
  WebhookResources webhookResources(MeterRegistry meterRegistry) {
    return WebhookResources.start(meterRegistry);
  }

  @Bean
  @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
  EventBridgeWebhookExecutable eventBridgeWebhook(WebhookResources resources) {
    return new EventBridgeWebhookExecutable(resources);
  }
}
