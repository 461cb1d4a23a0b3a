package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.connector.runtime.core.inbound.DefaultInboundConnectorFactory;
import io.camunda.connector.runtime.core.inbound.InboundConnectorFactory;
import io.connectors.eventbridge.inbound.EventBridgeWebhookExecutable;
import io.connectors.eventbridge.inbound.WebhookResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The runtime's inbound connector factory, as the 8.8 runtime declares it (ServiceLoader discovery
 * in its constructor), wrapped so that EventBridge webhooks share the context's resources, whose
 * watchdog thread ends with the context.
 */
class WebhookResourcesConfigurationTest {

  private final ApplicationContextRunner runtime =
      new ApplicationContextRunner()
          .withUserConfiguration(WebhookResourcesConfiguration.class)
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withBean(
              "springInboundConnectorFactory",
              InboundConnectorFactory.class,
              DefaultInboundConnectorFactory::new);

  @Test
  void webhooksAreMadeByTheWrappedFactoryAndTheWatchdogStopsWithTheContext() {
    var resources = new AtomicReference<WebhookResources>();

    runtime.run(
        context -> {
          var factory = context.getBean(InboundConnectorFactory.class);
          assertThat(factory).isInstanceOf(SharedResourcesWebhookFactory.class);
          assertThat(factory.getConfigurations())
              .extracting(configuration -> configuration.type())
              .contains(EventBridgeWebhookExecutable.TYPE);
          assertThat(factory.getInstance(EventBridgeWebhookExecutable.TYPE))
              .isExactlyInstanceOf(EventBridgeWebhookExecutable.class);
          // Other types are the runtime's to answer.
          assertThatThrownBy(() -> factory.getInstance("unknown:type"))
              .isInstanceOf(NoSuchElementException.class);
          resources.set(context.getBean(WebhookResources.class));
          assertThat(resources.get().running()).isTrue();
        });

    assertThat(resources.get().running()).isFalse();
  }
}
