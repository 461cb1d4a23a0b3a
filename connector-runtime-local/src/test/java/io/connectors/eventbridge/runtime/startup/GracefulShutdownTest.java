package io.connectors.eventbridge.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.runtime.ConnectorRuntimeApplication;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.support.EchoWebhookConnector;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutting down lets an in-flight webhook request finish (the engine outlives the web server) and
 * then releases both ports. Uses its own runtime, as it stops it.
 */
class GracefulShutdownTest {

  @Test
  void inFlightWebhookFinishesAndBothPortsAreReleased() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ConnectorRuntimeApplication.class)
            .run(
                "--server.port=0",
                "--eventbridge.local.grpc-port=0",
                "--eventbridge.local.rest-port=0",
                "--eventbridge.local.examples-dir=",
                "--eventbridge.local.bus.enabled=false",
                "--spring.main.banner-mode=off");
    int httpPort =
        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    int grpcPort = context.getBean(EmbeddedZeebeEngine.class).port();
    var webhooks = context.getBean(WebhookConnectorRegistry.class);
    context
        .getBean(CamundaClient.class)
        .newDeployResourceCommand()
        .addProcessModel(
            TestProcesses.webhookStart("rt-shutdown", "rt-shutdown"), "rt-shutdown.bpmn")
        .send()
        .join();
    LocalRuntime.await(
        "the webhook to become active",
        Duration.ofSeconds(5),
        () -> Optional.ofNullable(webhooks.getExecutablesByContext().get("rt-shutdown")));

    CompletableFuture<HttpResponse<String>> inFlight =
        HttpClient.newHttpClient()
            .sendAsync(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/inbound/rt-shutdown"))
                    .header("Content-Type", "application/json")
                    .header("x-test-hold", "rt-shutdown")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"late\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    // Close only once the request is being served, so it is in flight when shutdown starts.
    var meters = context.getBean(MeterRegistry.class);
    LocalRuntime.await(
        "the webhook request to be in flight",
        Duration.ofSeconds(5),
        () ->
            Optional.ofNullable(meters.find("http.server.requests.active").longTaskTimer())
                .filter(active -> active.activeTasks() > 0));
    var outboundClients = context.getBean(CachingEventBridgeClientSupplier.class);
    // Shutdown starts with the request still held; it is let go only once the web server has
    // stopped taking new connections, so its answer proves that shutdown waited for it.
    var closing = CompletableFuture.runAsync(context::close);
    try {
      LocalRuntime.await(
          "the web server to refuse new requests",
          Duration.ofSeconds(30),
          () -> refusesRequests(httpPort) ? Optional.of(true) : Optional.empty());
    } finally {
      EchoWebhookConnector.release("rt-shutdown");
    }
    closing.get(60, TimeUnit.SECONDS);

    assertThat(inFlight.get().statusCode()).isBetween(200, 299);
    // The Put events connector's clients were closed by the application's shutdown, not a JVM hook.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                outboundClients.lease(
                    new io.connectors.eventbridge.outbound.auth
                        .DefaultCredentialsChainAuthentication(),
                    new io.connectors.eventbridge.outbound.model.AwsConfiguration(
                        "eu-central-1", null, null, null, null)))
        .isInstanceOf(IllegalStateException.class);
    assertPortIsFree(httpPort);
    assertPortIsFree(grpcPort);
  }

  private static boolean refusesRequests(int port) {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return false;
    } catch (IOException notServed) {
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", interrupted);
    }
  }

  private static void assertPortIsFree(int port) throws IOException {
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
    }
  }
}
