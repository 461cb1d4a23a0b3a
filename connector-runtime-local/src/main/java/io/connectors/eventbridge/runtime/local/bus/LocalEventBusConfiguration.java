package io.connectors.eventbridge.runtime.local.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.outbound.custombus.CborValues;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsRequestReader;
import io.connectors.eventbridge.runtime.local.bus.custombus.CustomBusAnswerWriter;
import io.connectors.eventbridge.runtime.local.bus.custombus.CustomBusRequestReader;
import io.connectors.eventbridge.runtime.local.bus.custombus.CustomEventBus;
import io.connectors.eventbridge.runtime.local.bus.delivery.ApiDestinationDispatcher;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetterLog;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryMetrics;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeliveryRetryPolicy;
import io.connectors.eventbridge.runtime.local.bus.delivery.SubscriberDelivery;
import io.connectors.eventbridge.runtime.local.bus.rules.RulesFileParser;
import io.connectors.eventbridge.runtime.local.deploy.DeployDirectories;
import io.connectors.eventbridge.runtime.web.BodyLimitedPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/** The local event bus, served only in local mode: it is a development tool, not a product. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eventbridge.local.bus.enabled", matchIfMissing = true)
class LocalEventBusConfiguration {

  // The bus's own mapper: the runtime's ObjectMapper beans carry connector-specific modules, and
  // declaring another ObjectMapper bean would switch off Spring Boot's default one.
  private static final ObjectMapper JSON = new ObjectMapper();

  // Jackson's factories are immutable once configured and thread-safe; the shaded one is the
  // SDK's, as the connector's Custom Event Bus client uses.
  private static final CBORFactory CBOR = new CBORFactory();

  @Bean
  DeadLetterLog localBusDeadLetters(LocalEventBusProperties properties) {
    return new DeadLetterLog(properties.delivery().deadLetterCapacity());
  }

  @Bean(destroyMethod = "close")
  ApiDestinationDispatcher localBusDispatcher(
      LocalEventBusProperties properties, DeadLetterLog deadLetters, MeterRegistry meters) {
    var delivery = properties.delivery();
    return new ApiDestinationDispatcher(
        retryPolicy(properties),
        delivery.timeout(),
        delivery.maxPending(),
        deadLetters,
        new DeliveryMetrics(meters));
  }

  private static DeliveryRetryPolicy retryPolicy(LocalEventBusProperties properties) {
    var delivery = properties.delivery();
    return new DeliveryRetryPolicy(
        delivery.maxAttempts(), delivery.initialBackoff(), delivery.maxBackoff());
  }

  /** Subscribers keep their own attempt counts; the waits between attempts are the bus's. */
  @Bean
  SubscriberDelivery localBusSubscriberDelivery(
      ApiDestinationDispatcher dispatcher, LocalEventBusProperties properties) {
    return new SubscriberDelivery(
        dispatcher, retryPolicy(properties), properties.delivery().maxPending());
  }

  @Bean
  CustomEventBus localCustomEventBus(LocalBusRules rules, SubscriberDelivery delivery) {
    return new CustomEventBus(JSON, rules, delivery, Clock.systemUTC());
  }

  @Bean
  CustomBusRequestReader localCustomBusRequestReader(LocalEventBusProperties properties) {
    return new CustomBusRequestReader(new CborValues(CBOR), properties.maxRequestBytes());
  }

  @Bean
  CustomBusAnswerWriter localCustomBusAnswerWriter() {
    return new CustomBusAnswerWriter(CBOR);
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
