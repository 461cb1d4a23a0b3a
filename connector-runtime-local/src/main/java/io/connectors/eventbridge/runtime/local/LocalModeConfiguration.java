package io.connectors.eventbridge.runtime.local;

import io.camunda.client.CamundaClient;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.local.deploy.BpmnDirectoryDeployer;
import io.connectors.eventbridge.runtime.local.deploy.DeployDirectories;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.local.engine.LocalEngineInitializer;
import io.connectors.eventbridge.runtime.local.search.EngineSearchQueryClient;
import io.connectors.eventbridge.runtime.local.search.EngineStateProjection;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** Beans of local mode; the engine itself is started earlier by {@link LocalEngineInitializer}. */
@Configuration(proxyBeanMethods = false)
class LocalModeConfiguration {

  @Bean
  EngineStateProjection engineStateProjection(
      @Qualifier(LocalEngineInitializer.ENGINE_BEAN_NAME) EmbeddedZeebeEngine engine) {
    return new EngineStateProjection(engine);
  }

  /**
   * Replaces the runtime's REST-backed search client. It must be {@code @Primary}: the runtime
   * injects the client by type, and redefining its bean does not take effect.
   */
  @Bean
  @Primary
  EngineSearchQueryClient engineSearchQueryClient(EngineStateProjection state) {
    return new EngineSearchQueryClient(state);
  }

  @Bean
  BpmnDirectoryDeployer bpmnDirectoryDeployer(
      CamundaClient camundaClient, LocalModeProperties properties) {
    return new BpmnDirectoryDeployer(
        camundaClient,
        DeployDirectories.resolve(properties, Path.of("")),
        properties.deployScanInterval());
  }

  @Bean
  LocalSecretProvider localSecretProvider(LocalModeProperties properties, Environment environment) {
    return new LocalSecretProvider(properties.secrets(), environment);
  }

  @Bean
  LocalModeBanner localModeBanner(
      @Qualifier(LocalEngineInitializer.ENGINE_BEAN_NAME) EmbeddedZeebeEngine engine,
      EngineSearchQueryClient searchClient,
      ObjectProvider<WebhookConnectorRegistry> webhooks,
      BpmnDirectoryDeployer deployer,
      @Value("${eventbridge.local.bus.enabled:true}") boolean busEnabled) {
    return new LocalModeBanner(
        engine,
        searchClient,
        webhooks.getIfAvailable(WebhookConnectorRegistry::new),
        deployer,
        busEnabled);
  }
}
