package io.connectors.eventbridge.runtime.inbound;

import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.deploy;
import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.messageStartEvent;
import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.startEvent;
import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.inbound.Activity;
import io.camunda.connector.runtime.core.inbound.activitylog.ActivityLogRegistry;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failures of an element's expressions, through the runtime's own correlation (not a stand-in):
 * they are about the event, so they answer 422 {@code CORRELATION_FAILED}, never a retryable 503,
 * and the answer carries none of the runtime's message text, which can embed the evaluated context.
 */
@LocalRuntimeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrelationFailuresRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** FEEL's assert fails the evaluation: a result expression that cannot be computed. */
  private static final String FAILING = "assert(request.body.id, false)";

  @Autowired LocalRuntime runtime;
  @Autowired ActivityLogRegistry activityLog;
  @Autowired WebhookConnectorRegistry webhooks;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void deployWebhooks() {
    var resultFails = webhook("cf-result-start");
    resultFails.put("resultExpression", "={eventId: " + FAILING + "}");
    deploy(runtime, "cf-result-start", startEvent("cf-result-start", resultFails));

    var messageResultFails = webhook("cf-result-message");
    messageResultFails.put("resultExpression", "={eventId: " + FAILING + "}");
    deploy(
        runtime,
        "cf-result-message",
        messageStartEvent("cf-result-message", "cf-result-message", messageResultFails));

    var nullMessageId = webhook("cf-null-message-id");
    nullMessageId.put("messageIdExpression", "=request.body.detail.nothing");
    deploy(
        runtime,
        "cf-null-message-id",
        messageStartEvent("cf-null-message-id", "cf-null-message-id", nullMessageId));

    var conditionFails = webhook("cf-condition");
    conditionFails.put("activationCondition", "=" + FAILING);
    deploy(runtime, "cf-condition", startEvent("cf-condition", conditionFails));

    for (var id :
        List.of("cf-result-start", "cf-result-message", "cf-null-message-id", "cf-condition")) {
      runtime.awaitWebhook(id, TIMEOUT);
    }
  }

  @Test
  void aFailingResultExpressionOfANoneStartEventIs422() throws Exception {
    assertCorrelationFailed("cf-result-start", "evt-cf-1");
  }

  @Test
  void aFailingResultExpressionOfAMessageStartEventIs422() throws Exception {
    // The 8.8 runtime returns Failure.Other for this one instead of throwing.
    assertCorrelationFailed("cf-result-message", "evt-cf-2");
  }

  @Test
  void aMessageIdExpressionThatEvaluatesToNullIs422() throws Exception {
    assertCorrelationFailed("cf-null-message-id", "evt-cf-3");
  }

  @Test
  void anActivationConditionThatFailsIs422() throws Exception {
    assertCorrelationFailed("cf-condition", "evt-cf-4");
  }

  @Test
  void inABatchEveryEventIsAnsweredAndNothingIsRetryable() throws Exception {
    var response =
        post("cf-result-message", "[" + event("evt-cf-5") + "," + event("evt-cf-6") + "]");

    assertThat(response.statusCode()).isEqualTo(422);
    var results = JSON.readTree(response.body()).get("results");
    assertThat(results).hasSize(2);
    for (JsonNode result : results) {
      assertThat(result.get("outcome").asText()).isEqualTo("CORRELATION_FAILED");
    }
  }

  private void assertCorrelationFailed(String webhookId, String eventId) throws Exception {
    var response = post(webhookId, event(eventId));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    var body = JSON.readTree(response.body());
    assertThat(body.get("outcome").asText()).isEqualTo("CORRELATION_FAILED");
    assertThat(body.get("reason").asText())
        .isEqualTo("an element expression could not be evaluated against this event");
    assertThat(response.body()).doesNotContain("assert").doesNotContain("request.body");
    var executable = webhooks.getActiveWebhook(webhookId).orElseThrow().id();
    // Our entry; the runtime adds its own beside it (the failing expression's text, and
    // "verification request" for every request answered from verify()).
    assertThat(activityLog.getLogs(executable))
        .extracting(Activity::message)
        .contains("Answered 422: CORRELATION_FAILED");
  }

  private HttpResponse<String> post(String webhookId, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String event(String id) {
    return """
    {"version":"0","id":"%s","detail-type":"OrderPlaced","source":"com.example.orders",\
    "detail":{"orderId":"o-1"}}\
    """
        .formatted(id);
  }
}
