package io.connectors.eventbridge.inbound;

import static io.connectors.eventbridge.inbound.CorrelationWatchdogTest.watchdogThreads;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.eventbridge.inbound.support.Events;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.TestWebhooks;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who owns the watchdog's thread and where the meters go: the runtime's shared resources when it
 * injects them, otherwise (a stock runtime, through the no-arg constructor) the executable itself,
 * from activation to deactivation. Either way the thread stops when its owner is done.
 *
 * <p>Contexts are made before threads are counted: the first {@link TestInboundContext} starts the
 * tests' shared resources.
 */
class WebhookResourcesTest {

  private static final String REQUESTS = "eventbridge.webhook.requests";

  @Test
  void closingStopsTheWatchdogThread() {
    var before = watchdogThreads();
    var resources = WebhookResources.start(new SimpleMeterRegistry());
    var started = startedSince(before);
    assertThat(started).hasSize(1);
    assertThat(resources.running()).isTrue();

    resources.close();

    assertThat(resources.running()).isFalse();
    assertThat(started).noneMatch(Thread::isAlive);
  }

  @Test
  void sharedResourcesCarryTheMetersAndOutliveTheWebhooksThatUseThem() {
    var registry = new SimpleMeterRegistry();
    String webhookId = uniqueWebhookId();
    try (var shared = WebhookResources.start(registry)) {
      var context = new TestInboundContext(Properties.webhook().set("context", webhookId).build());
      var before = watchdogThreads();
      var executable = TestWebhooks.activate(context, shared);

      assertThat(executable.verify(TestPayload.post(Events.orderPlaced("e-1", "o-1"))).statusCode())
          .isEqualTo(200);
      executable.deactivate();

      assertThat(startedSince(before)).isEmpty();
      assertThat(shared.running()).isTrue();
      assertThat(requestCount(registry, webhookId)).isEqualTo(1);
      assertThat(Metrics.globalRegistry.find(REQUESTS).tag("webhook", webhookId).meters())
          .isEmpty();
    }
  }

  @Test
  void anExecutableMadeWithoutResourcesOwnsAWatchdogFromActivationToDeactivation() {
    String webhookId = uniqueWebhookId();
    var context = new TestInboundContext(Properties.webhook().set("context", webhookId).build());
    var before = watchdogThreads();
    // As a stock runtime makes it: ServiceLoader, no-arg constructor.
    var executable = new EventBridgeWebhookExecutable();
    assertThat(startedSince(before)).isEmpty();

    executable.activate(context);
    var started = startedSince(before);
    assertThat(started).hasSize(1).allMatch(Thread::isAlive);
    assertThat(executable.verify(TestPayload.post(Events.orderPlaced("e-1", "o-1"))).statusCode())
        .isEqualTo(200);
    // The stock runtime's /actuator/prometheus serves the registry Spring Boot adds to the global
    // one (which, with no registry added here, keeps the meters but counts nothing).
    assertThat(Metrics.globalRegistry.find(REQUESTS).tag("webhook", webhookId).meters())
        .isNotEmpty();

    executable.deactivate();

    assertThat(started).noneMatch(Thread::isAlive);
  }

  @Test
  void aWebhookThatCannotBeActivatedKeepsNoWatchdogThread() {
    var context =
        new TestInboundContext(Properties.webhook().set("context", "not a webhook ID").build());
    var before = watchdogThreads();

    var executable = new EventBridgeWebhookExecutable();
    executable.activate(context);

    assertThat(context.health().getStatus()).hasToString("DOWN");
    assertThat(startedSince(before)).isEmpty();
    executable.deactivate();
  }

  private static Set<Thread> startedSince(List<Thread> before) {
    var started = new HashSet<>(watchdogThreads());
    before.forEach(started::remove);
    return started;
  }

  private static double requestCount(MeterRegistry registry, String webhookId) {
    return registry.find(REQUESTS).tag("webhook", webhookId).counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private static String uniqueWebhookId() {
    return "owned-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
