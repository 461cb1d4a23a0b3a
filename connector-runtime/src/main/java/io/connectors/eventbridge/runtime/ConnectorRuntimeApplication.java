package io.connectors.eventbridge.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Camunda 8 connector runtime bundling the EventBridge PutEvents (outbound) and webhook (inbound)
 * connectors.
 *
 * <p>Both connectors are found through the ServiceLoader entries in their jars, as in Camunda's
 * stock runtime. By default the runtime starts in local mode ({@code eventbridge.local.enabled}),
 * with an in-memory Zeebe engine and a development-only event bus; with local mode off it connects
 * to the cluster named by the standard {@code camunda.client.*} properties.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorRuntimeApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConnectorRuntimeApplication.class, args);
  }
}
