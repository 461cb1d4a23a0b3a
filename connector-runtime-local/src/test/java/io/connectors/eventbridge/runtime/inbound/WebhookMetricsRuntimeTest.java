package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.micrometer.core.instrument.Metrics;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The webhook's meters, scraped from /actuator/prometheus after real requests. */
@LocalRuntimeTest
class WebhookMetricsRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LocalRuntime runtime;

  @Test
  void requestsEventsAndCorrelationsAreCountedPerWebhook() throws Exception {
    String webhookId = "rt-metrics-" + UUID.randomUUID().toString().substring(0, 8);
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(webhookId)
                .startEvent()
                .zeebeProperty("inbound.type", "io.connectors.eventbridge:webhook:1")
                .zeebeProperty("inbound.context", webhookId)
                .endEvent()
                .done(),
            webhookId + ".bpmn")
        .send()
        .join();
    runtime.awaitWebhook(webhookId, TIMEOUT);
    String webhook = "webhook=\"" + webhookId + "\"";

    assertThat(post(webhookId, "application/json", "{\"id\":\"m-1\"}")).isEqualTo(200);
    assertThat(post(webhookId, "application/json", "[{\"id\":\"m-2\"},{\"id\":\"m-3\"}]"))
        .isEqualTo(200);
    assertThat(post(webhookId, "text/plain", "{\"id\":\"m-4\"}")).isEqualTo(415);

    assertThat(
            runtime.metric(
                "eventbridge_webhook_requests_total",
                webhook,
                "status=\"200\"",
                "reason=\"PROCESS_INSTANCE_CREATED\""))
        .isEqualTo(1);
    assertThat(
            runtime.metric(
                "eventbridge_webhook_requests_total",
                webhook,
                "status=\"200\"",
                "reason=\"BATCH\""))
        .isEqualTo(1);
    assertThat(runtime.metric("eventbridge_webhook_requests_total", webhook, "status=\"415\""))
        .isEqualTo(1);
    assertThat(runtime.metric("eventbridge_webhook_events_per_request_count", webhook))
        .isEqualTo(2);
    assertThat(runtime.metric("eventbridge_webhook_events_per_request_sum", webhook)).isEqualTo(3);
    assertThat(runtime.metric("eventbridge_webhook_correlation_seconds_count", webhook))
        .isEqualTo(3);
    assertThat(
            runtime.metric(
                "eventbridge_webhook_correlation_seconds_bucket", webhook, "le=\"+Inf\""))
        .isEqualTo(3);
    // In the runtime's own registry, not Micrometer's process-wide one.
    assertThat(
            Metrics.globalRegistry
                .find("eventbridge.webhook.requests")
                .tag("webhook", webhookId)
                .meters())
        .isEmpty();
  }

  private int post(String webhookId, String contentType, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
