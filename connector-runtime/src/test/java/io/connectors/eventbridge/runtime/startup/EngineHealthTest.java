package io.connectors.eventbridge.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.ConnectorRuntimeApplication;
import io.connectors.eventbridge.runtime.support.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The production runtime against an engine it cannot reach: its health, and its readiness, say
 * DOWN, so a load balancer stops sending webhooks to it and operators see why.
 */
class EngineHealthTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anUnreachableEngineIsReportedDown() throws Exception {
    int deadPort = freePort();
    try (var context =
        new SpringApplicationBuilder(ConnectorRuntimeApplication.class)
            .run(
                "--server.port=0",
                "--camunda.client.mode=self-managed",
                "--camunda.client.grpc-address=http://127.0.0.1:" + deadPort,
                "--camunda.client.rest-address=http://127.0.0.1:" + deadPort,
                "--spring.main.banner-mode=off",
                // Without a job stream: camunda-client-java 8.8.9's JobStreamerImpl.close() once
                // waited forever here (CI, 2026-12-06) for a stream lock no live thread held, after
                // its reconnects to the dead port; polling workers close cleanly. Health is what
                // this test is about.
                "--camunda.client.worker.defaults.stream-enabled=false")) {
      String base =
          "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");

      JsonNode health =
          Await.until(
              "the runtime to report DOWN",
              Duration.ofSeconds(30),
              () -> health(base, "/actuator/health"));
      assertThat(health.path("status").asText()).isEqualTo("DOWN");
      JsonNode readiness =
          Await.until(
              "readiness to report DOWN",
              Duration.ofSeconds(30),
              () -> health(base, "/actuator/health/readiness"));
      assertThat(readiness.path("status").asText()).isEqualTo("DOWN");
    }
  }

  private static Optional<JsonNode> health(String base, String path) {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      return "DOWN".equals(body.path("status").asText()) ? Optional.of(body) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
