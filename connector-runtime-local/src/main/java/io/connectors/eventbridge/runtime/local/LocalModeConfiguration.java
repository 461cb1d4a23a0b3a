package io.connectors.eventbridge.runtime.local;

import io.camunda.client.CamundaClient;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.local.cluster.StandInCluster;
import io.connectors.eventbridge.runtime.local.deploy.BpmnDirectoryDeployer;
import io.connectors.eventbridge.runtime.local.deploy.DeployDirectories;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.local.engine.LocalEngineInitializer;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Beans of local mode; the engine and the stand-in cluster REST API, through which the runtime
 * discovers inbound connectors, are started earlier by {@link LocalEngineInitializer}.
 */
@Configuration(proxyBeanMethods = false)
class LocalModeConfiguration {

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
      @Qualifier(LocalEngineInitializer.CLUSTER_BEAN_NAME) StandInCluster cluster,
      ObjectProvider<WebhookConnectorRegistry> webhooks,
      BpmnDirectoryDeployer deployer,
      @Value("${eventbridge.local.bus.enabled:true}") boolean busEnabled) {
    return new LocalModeBanner(
        engine,
        cluster,
        webhooks.getIfAvailable(WebhookConnectorRegistry::new),
        deployer,
        busEnabled);
  }
}
