package io.connectors.eventbridge.runtime.local.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsRequestReader;
import io.connectors.eventbridge.runtime.local.bus.delivery.ApiDestinationDispatcher;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetterLog;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryMetrics;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryRetryPolicy;
import io.connectors.eventbridge.runtime.local.bus.rules.RulesFileParser;
import io.connectors.eventbridge.runtime.local.deploy.DeployDirectories;
import io.connectors.eventbridge.runtime.web.BodyLimitedPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The local event bus, served only in local mode: it is a development tool, not a product. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eventbridge.local.bus.enabled", matchIfMissing = true)
class LocalEventBusConfiguration {

  // The bus's own mapper: the runtime's ObjectMapper beans carry connector-specific modules, and
  // declaring another ObjectMapper bean would switch off Spring Boot's default one.
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  DeadLetterLog localBusDeadLetters(LocalEventBusProperties properties) {
    return new DeadLetterLog(properties.delivery().deadLetterCapacity());
  }

  @Bean(destroyMethod = "close")
  ApiDestinationDispatcher localBusDispatcher(
      LocalEventBusProperties properties, DeadLetterLog deadLetters, MeterRegistry meters) {
    var delivery = properties.delivery();
    return new ApiDestinationDispatcher(
        new DeliveryRetryPolicy(
            delivery.maxAttempts(), delivery.initialBackoff(), delivery.maxBackoff()),
        delivery.timeout(),
        delivery.maxPending(),
        deadLetters,
        new DeliveryMetrics(meters));
  }

  @Bean
  LocalBusRules localBusRules(LocalEventBusProperties properties, Environment environment) {
    String location = properties.rulesFile();
    return new LocalBusRules(
        location,
        () -> DeployDirectories.find(location, Path.of("")),
        new RulesFileParser(environment::resolveRequiredPlaceholders));
  }

  @Bean
  LocalEventBus localEventBus(
      LocalBusRules rules,
      ApiDestinationDispatcher dispatcher,
      LocalEventBusProperties properties) {
    return new LocalEventBus(JSON, rules, dispatcher, properties.account(), properties.region());
  }

  /** PutEvents bodies are read under the runtime's streaming size limit, as webhooks are. */
  @Bean
  BodyLimitedPath localBusBodyLimit() {
    return new BodyLimitedPath(LocalEventBusController.PATH);
  }

  @Bean
  PutEventsRequestReader localBusRequestReader(LocalEventBusProperties properties) {
    return new PutEventsRequestReader(JSON, properties.maxRequestBytes());
  }
}
