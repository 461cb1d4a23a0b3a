package io.connectors.eventbridge.outbound.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.connector.api.error.ConnectorException;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.auth.StaticCredentialsAuthentication;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import io.connectors.eventbridge.outbound.send.ErrorCodes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CachingEventBridgeClientSupplierTest {

  private static final AwsConfiguration CONFIGURATION =
      new AwsConfiguration("eu-central-1", "http://127.0.0.1:1", null, null, 1);

  private static StaticCredentialsAuthentication keys(String secret) {
    return new StaticCredentialsAuthentication("AKIDEXAMPLE", secret, null);
  }

  @Test
  void aLeasedClientIsReusedForTheSameIdentityAndNotForAnother() {
    try (var supplier = new CachingEventBridgeClientSupplier(4);
        var first = supplier.lease(keys("a"), CONFIGURATION);
        var again = supplier.lease(keys("a"), CONFIGURATION);
        var other = supplier.lease(keys("b"), CONFIGURATION)) {
      assertThat(again.client()).isSameAs(first.client());
      assertThat(other.client()).isNotSameAs(first.client());
      assertThat(supplier.size()).isEqualTo(2);
    }
  }

  @Test
  void eachIdentityBeyondTheBoundRetiresTheLeastRecentlyUsedClient() {
    try (var supplier = new CachingEventBridgeClientSupplier(2)) {
      var a = supplier.lease(keys("a"), CONFIGURATION);
      supplier.lease(keys("b"), CONFIGURATION).close();
      supplier.lease(keys("c"), CONFIGURATION).close();

      assertThat(supplier.size()).isEqualTo(2);
      // "a" was evicted while leased: it stays usable until its lease comes back, and a new
      // lease for the same identity gets a fresh client.
      try (var fresh = supplier.lease(keys("a"), CONFIGURATION)) {
        assertThat(fresh.client()).isNotSameAs(a.client());
      }
      a.close();
    }
  }

  @Test
  void closeWaitsForRunningCallsAndThenRefusesNewLeases() throws Exception {
    var supplier = new CachingEventBridgeClientSupplier(4);
    var lease = supplier.lease(keys("a"), CONFIGURATION);
    var closing = new CountDownLatch(1);
    var closed = new AtomicBoolean();
    var closer =
        new Thread(
            () -> {
              closing.countDown();
              supplier.close();
              closed.set(true);
            });
    closer.start();
    closing.await();
    closer.join(300);

    assertThat(closed).as("close() waits while a job still holds a client").isFalse();
    lease.close();
    closer.join(5_000);
    assertThat(closed).isTrue();
    assertThatThrownBy(() -> supplier.lease(keys("a"), CONFIGURATION))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aJobArrivingDuringShutdownFailsWithAConnectorErrorSoItIsRetriedElsewhere() {
    var supplier = new CachingEventBridgeClientSupplier(4);
    supplier.close();
    var connector =
        new EventBridgePutEventsFunction(
            supplier,
            new OutboundMetrics(new SimpleMeterRegistry(), supplier::size),
            d -> {},
            System::nanoTime);

    assertThatThrownBy(
            () ->
                connector.putEvents(
                    new PutEventsRequest(
                        keys("a"),
                        CONFIGURATION,
                        new SingleEvent(
                            null, "com.example", "Ping", Map.of("n", 1), null, null, null))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR))
        .hasMessageContaining("shutting down");
  }

  @Test
  void aSlowBuildForOneIdentityDoesNotHoldUpJobsForAnother() throws Exception {
    var slowBuildStarted = new CountDownLatch(1);
    var releaseSlowBuild = new CountDownLatch(1);
    var factory =
        new EventBridgeClientFactory(
            software.amazon.awssdk.http.apache.ApacheHttpClient.builder().build(),
            // Never scheduled on here: these tests put no events on a Custom Event Bus.
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
    CachingEventBridgeClientSupplier.ClientBuilder builder =
        (authentication, configuration) -> {
          if (authentication.equals(keys("slow"))) {
            slowBuildStarted.countDown();
            try {
              releaseSlowBuild.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return factory.create(authentication, configuration);
        };
    try (var supplier = new CachingEventBridgeClientSupplier(4, builder);
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var slow = executor.submit(() -> supplier.lease(keys("slow"), CONFIGURATION));
      assertThat(slowBuildStarted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      var fast = executor.submit(() -> supplier.lease(keys("fast"), CONFIGURATION));
      try (var lease = fast.get(5, java.util.concurrent.TimeUnit.SECONDS)) {
        assertThat(lease.client()).isNotNull();
        assertThat(slow).isNotDone();
      }

      releaseSlowBuild.countDown();
      try (var lease = slow.get(5, java.util.concurrent.TimeUnit.SECONDS);
          var again = supplier.lease(keys("slow"), CONFIGURATION)) {
        assertThat(again.client()).isSameAs(lease.client());
      }
    }
  }

  @Test
  void aFailedBuildIsNotCachedAndTheNextJobTriesAgain() {
    var attempts = new java.util.concurrent.atomic.AtomicInteger();
    var factory =
        new EventBridgeClientFactory(
            software.amazon.awssdk.http.apache.ApacheHttpClient.builder().build(),
            // Never scheduled on here: these tests put no events on a Custom Event Bus.
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
    CachingEventBridgeClientSupplier.ClientBuilder builder =
        (authentication, configuration) -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalArgumentException("first build fails");
          }
          return factory.create(authentication, configuration);
        };
    try (var supplier = new CachingEventBridgeClientSupplier(4, builder)) {
      assertThatThrownBy(() -> supplier.lease(keys("a"), CONFIGURATION))
          .hasMessage("first build fails");
      assertThat(supplier.size()).isZero();
      try (var lease = supplier.lease(keys("a"), CONFIGURATION)) {
        assertThat(lease.client()).isNotNull();
      }
    }
  }
}
