package io.connectors.eventbridge.runtime.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import io.camunda.connector.runtime.core.config.OutboundConnectorConfiguration;
import io.camunda.connector.runtime.core.outbound.OutboundConnectorFactory;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime keeps registering Put events from its ServiceLoader entry; only the instance is ours.
 */
class PutEventsConnectorFactoryTest {

  private static final OutboundConnectorFunction SERVICE_LOADED = context -> "service-loaded";
  private static final OutboundConnectorFunction OTHER = context -> "other";

  /** What the runtime's own factory found: Put events by ServiceLoader, with a type override. */
  private static final OutboundConnectorFactory RUNTIME_FACTORY =
      new OutboundConnectorFactory() {
        private final Map<String, OutboundConnectorConfiguration> configurations =
            Map.of(
                "overridden:put-events",
                new OutboundConnectorConfiguration(
                    "Amazon EventBridge: Put events",
                    new String[] {"event"},
                    "overridden:put-events",
                    () -> SERVICE_LOADED,
                    180_000L),
                "other",
                new OutboundConnectorConfiguration(
                    "Other", new String[] {}, "other", () -> OTHER, null));

        @Override
        public Collection<OutboundConnectorConfiguration> getConfigurations() {
          return configurations.values();
        }

        @Override
        public OutboundConnectorFunction getInstance(String type) {
          return configurations.get(type).instanceSupplier().get();
        }
      };

  private final EventBridgePutEventsFunction ours =
      new EventBridgePutEventsFunction(
          (authentication, configuration) -> {
            throw new AssertionError("not called");
          },
          new OutboundMetrics(new SimpleMeterRegistry(), () -> 0));
  private final PutEventsConnectorFactory factory =
      new PutEventsConnectorFactory(RUNTIME_FACTORY, ours);

  @Test
  void putEventsJobsGetTheInstanceBuiltWithTheApplicationsResources() {
    assertThat(factory.getInstance("overridden:put-events")).isSameAs(ours);
    assertThat(factory.getInstance("other")).isSameAs(OTHER);
  }

  @Test
  void theRuntimesConfigurationIsKeptWithOnlyTheInstanceSwapped() {
    List<OutboundConnectorConfiguration> configurations = List.copyOf(factory.getConfigurations());

    assertThat(configurations)
        .filteredOn(configuration -> configuration.type().equals("overridden:put-events"))
        .singleElement()
        .satisfies(
            configuration -> {
              assertThat(configuration.name()).isEqualTo("Amazon EventBridge: Put events");
              assertThat(configuration.inputVariables()).containsExactly("event");
              assertThat(configuration.timeout()).isEqualTo(180_000L);
              assertThat(configuration.instanceSupplier().get()).isSameAs(ours);
            });
    assertThat(configurations)
        .filteredOn(configuration -> configuration.type().equals("other"))
        .singleElement()
        .satisfies(
            configuration -> assertThat(configuration.instanceSupplier().get()).isSameAs(OTHER));
  }
}
