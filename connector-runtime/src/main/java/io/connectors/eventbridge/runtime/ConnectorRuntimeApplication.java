package io.connectors.eventbridge.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * Camunda 8 connector runtime bundling the EventBridge PutEvents (outbound) and webhook (inbound)
 * connectors.
 *
 * <p>Both connectors are found through the ServiceLoader entries in their jars, as in Camunda's
 * stock runtime. It connects to the cluster named by the standard {@code camunda.client.*}
 * properties. Local mode (module {@code connector-runtime-local}) runs this same application with
 * an in-memory engine beside it.
 *
 * <p>As {@code @SpringBootApplication}, except that the scan leaves out local mode's stand-in
 * cluster API (module {@code connector-runtime-local}), whose controllers run in a web context of
 * their own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
    excludeFilters = {
      @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
      @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
      @Filter(
          type = FilterType.REGEX,
          pattern = "io\\.connectors\\.eventbridge\\.runtime\\.local\\.cluster\\..*")
    })
@ConfigurationPropertiesScan
public class ConnectorRuntimeApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConnectorRuntimeApplication.class, args);
  }
}
