package io.connectors.eventbridge.runtime.local.cluster;

import io.camunda.client.CamundaClient;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The stand-in cluster's own small web context: Spring MVC, Jackson, multipart and an embedded
 * server, and nothing else, so that none of the connectors runtime's auto-configuration starts in
 * it. The engine is registered into it by {@link StandInCluster}.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  ServletWebServerFactoryAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class,
  WebMvcAutoConfiguration.class,
  HttpMessageConvertersAutoConfiguration.class,
  JacksonAutoConfiguration.class,
  MultipartAutoConfiguration.class
})
@Import({SearchController.class, CommandController.class, ProblemAdvice.class})
class ClusterApiConfiguration {

  static final String ENGINE_BEAN_NAME = "embeddedZeebeEngine";

  @Bean
  EngineStateProjection engineStateProjection(EmbeddedZeebeEngine engine) {
    return new EngineStateProjection(engine);
  }

  /** How many scans of the process definitions (searches without a cursor) have started. */
  @Bean
  AtomicLong definitionScans() {
    return new AtomicLong();
  }

  @Bean
  BrowserRequestGuard browserRequestGuard() {
    return new BrowserRequestGuard();
  }

  /** Sends the API's commands to the engine over gRPC; closed with this context. */
  @Bean(destroyMethod = "close")
  CamundaClient engineClient(EmbeddedZeebeEngine engine) {
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .grpcAddress(URI.create(engine.grpcAddress()))
        .preferRestOverGrpc(false)
        .build();
  }
}
