package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A webhook whose settings cannot be used is DOWN, says why, and does not keep its webhook ID: the
 * corrected element, redeployed with the same ID, goes UP without a runtime restart.
 */
@LocalRuntimeTest
class WebhookActivationRecoveryTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LocalRuntime runtime;

  @Test
  void aCorrectedRedeploymentTakesOverTheWebhookIdOfAFailedActivation() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String processId = "rt-recover-" + suffix;
    String webhookId = "rt-recover-" + suffix;

    deploy(webhook(processId, webhookId, "{\"source\": 1}"));
    JsonNode down = runtime.awaitInboundHealth(processId, "DOWN", TIMEOUT);
    assertThat(down.path("error").path("code").asText()).isEqualTo("INVALID_CONFIGURATION");
    assertThat(down.path("error").path("message").asText()).startsWith("eventPattern:");
    assertThat(post(webhookId).statusCode()).isEqualTo(503);

    deploy(webhook(processId, webhookId, "{\"source\": [\"orders\"]}"));
    runtime.awaitInboundHealth(processId, "UP", TIMEOUT);
    runtime.awaitWebhook(webhookId, TIMEOUT);
    assertThat(post(webhookId).statusCode()).isEqualTo(200);
    runtime.awaitCompleted(processId, TIMEOUT);
  }

  private static BpmnModelInstance webhook(String processId, String webhookId, String pattern) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("webhook")
        .zeebeProperty("inbound.type", "io.connectors.eventbridge:webhook:1")
        .zeebeProperty("inbound.context", webhookId)
        .zeebeProperty("inbound.filter.eventPattern", pattern)
        .zeebeProperty("consumeUnmatchedEvents", "=false")
        .endEvent()
        .done();
  }

  private void deploy(BpmnModelInstance model) {
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(model, "recover.bpmn")
        .send()
        .join();
  }

  private HttpResponse<String> post(String webhookId) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"e-1\",\"source\":\"orders\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
