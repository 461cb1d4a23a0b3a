package io.connectors.eventbridge.runtime.inbound;

import io.camunda.connector.runtime.core.inbound.InboundConnectorFactory;
import io.connectors.eventbridge.inbound.WebhookResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One set of {@link WebhookResources} for all EventBridge webhooks of this runtime: one watchdog
 * thread, stopped when the application context closes, and the runtime's meter registry.
 *
 * <p>The 8.8 runtime finds the connector through its ServiceLoader entry and creates each
 * executable with the no-arg constructor, which would give every webhook resources of its own. An
 * {@code @InboundConnector} prototype bean cannot take its place: the runtime registers bean
 * connectors beside the ServiceLoader ones, and its factory refuses a second registration of the
 * same type. So the runtime's factory is wrapped instead (see {@link
 * SharedResourcesWebhookFactory}).
 */
@Configuration(proxyBeanMethods = false)
class WebhookResourcesConfiguration {

  @Bean(destroyMethod = "close")
  WebhookResources webhookResources(MeterRegistry meterRegistry) {
    return WebhookResources.start(meterRegistry);
  }

  /**
   * Static, as Spring asks of a bean post-processor; the resources are looked up only when a
   * webhook is created, after the context has started.
   */
  @Bean
  static BeanPostProcessor sharedResourcesForWebhooks(ObjectProvider<WebhookResources> resources) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof InboundConnectorFactory runtimeFactory
                && !(bean instanceof SharedResourcesWebhookFactory)
            ? new SharedResourcesWebhookFactory(runtimeFactory, resources::getObject)
            : bean;
      }
    };
  }
}
