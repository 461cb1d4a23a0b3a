package io.connectors.eventbridge.runtime.webhooks;

import io.camunda.connector.runtime.inbound.executable.InboundExecutableRegistry;
import io.camunda.connector.runtime.inbound.importer.ProcessDefinitionImporter;
import io.camunda.connector.runtime.inbound.importer.ProcessDefinitionSearch;
import io.camunda.connector.runtime.inbound.state.ProcessDefinitionInspector;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The availability rule for webhook IDs and the readiness member that follows it. */
@Configuration(proxyBeanMethods = false)
class WebhookAvailabilityConfiguration {

  @Bean
  WebhookAvailability webhookAvailability(
      WebhookConnectorRegistry webhooks,
      InboundExecutableRegistry executables,
      ProcessDefinitionImporter importer,
      ProcessDefinitionSearch search,
      ProcessDefinitionInspector inspector,
      WebhookAvailabilitySettings settings,
      MeterRegistry registry) {
    return new WebhookAvailability(
        webhooks, executables, importer, search, inspector, settings, registry);
  }

  /**
   * Readiness member {@code webhookDiscovery}: DOWN until the first discovery has completed and its
   * webhooks are active, so a balancer that follows readiness sends no webhook here before. The
   * runtime's own {@code processDefinitionImport} reports UP before its first import.
   */
  @Bean
  HealthIndicator webhookDiscoveryHealthIndicator(WebhookAvailability availability) {
    return () ->
        availability.started()
            ? Health.up().build()
            : Health.down().withDetail("reason", availability.startingReason()).build();
  }
}
