package io.connectors.eventbridge.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Camunda 8 connector runtime bundling the EventBridge PutEvents (outbound) and webhook (inbound)
 * connectors.
 *
 * <p>Both connectors are Spring beans here, built with resources the application owns (see {@code
 * outbound.PutEventsConnectorConfiguration} and {@code inbound.WebhookResourcesConfiguration}); the
 * ServiceLoader entries that Camunda's stock runtime reads are in their {@code -with-dependencies}
 * jars only. It connects to the cluster named by the standard {@code camunda.client.*} properties.
 * Local mode (module {@code connector-runtime-local}) runs this same application with an in-memory
 * engine beside it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorRuntimeApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConnectorRuntimeApplication.class, args);
  }
}
