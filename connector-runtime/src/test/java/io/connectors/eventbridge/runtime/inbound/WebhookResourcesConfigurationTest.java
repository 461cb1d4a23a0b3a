package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.connector.runtime.core.inbound.DefaultInboundConnectorFactory;
import io.camunda.connector.runtime.core.inbound.InboundConnectorFactory;
import io.camunda.connector.runtime.inbound.InboundConnectorBeanDefinitionProcessor;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.WebhookResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The runtime's own registration of bean connectors, as its 8.8 configuration declares it (the bean
 * definition processor beside a factory that also reads ServiceLoader entries): each activation
 * gets a new EventBridge webhook with the context's resources, whose watchdog thread ends with the
 * context.
 */
class WebhookResourcesConfigurationTest {

  private final ApplicationContextRunner runtime =
      new ApplicationContextRunner()
          .withUserConfiguration(WebhookResourcesConfiguration.class, RuntimeRegistration.class)
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  static class RuntimeRegistration {

    @Bean
    static InboundConnectorBeanDefinitionProcessor inboundConnectorBeanDefinitionProcessor(
        Environment environment) {
      return new InboundConnectorBeanDefinitionProcessor(environment);
    }

    @Bean
    InboundConnectorFactory springInboundConnectorFactory() {
      return new DefaultInboundConnectorFactory();
    }
  }

  @Test
  void eachActivationGetsANewWebhookAndTheWatchdogStopsWithTheContext() {
    var resources = new AtomicReference<WebhookResources>();

    runtime.run(
        context -> {
          assertThat(context).hasNotFailed();
          var factory = context.getBean(InboundConnectorFactory.class);
          // Registered once, from the bean: the plain jar has no ServiceLoader entry.
          assertThat(factory.getConfigurations())
              .filteredOn(
                  configuration -> configuration.type().equals(EventBridgeWebhookExecutable.TYPE))
              .singleElement()
              .satisfies(
                  configuration -> assertThat(configuration.customInstanceSupplier()).isNotNull());
          var first = factory.getInstance(EventBridgeWebhookExecutable.TYPE);
          var second = factory.getInstance(EventBridgeWebhookExecutable.TYPE);
          assertThat(first).isExactlyInstanceOf(EventBridgeWebhookExecutable.class);
          assertThat(second).isNotSameAs(first);
          resources.set(context.getBean(WebhookResources.class));
          assertThat(resources.get().running()).isTrue();
        });

    assertThat(resources.get().running()).isFalse();
  }
}
