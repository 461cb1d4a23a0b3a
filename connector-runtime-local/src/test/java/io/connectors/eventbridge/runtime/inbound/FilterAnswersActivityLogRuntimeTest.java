package io.connectors.eventbridge.runtime.inbound;

import static io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels.deploy;
import static io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels.startEvent;
import static io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.connector.api.inbound.Activity;
import io.camunda.connector.runtime.core.inbound.activitylog.ActivityLogRegistry;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Answers given by the runtime's request filter, before the connector is called, still get an entry
 * in the element's activity log, like every answer of the connector itself; a storm of the same
 * answer gets one entry, and the metrics count each.
 */
@LocalRuntimeTest
class FilterAnswersActivityLogRuntimeTest {

  @Autowired LocalRuntime runtime;
  @Autowired ActivityLogRegistry activityLog;
  @Autowired WebhookConnectorRegistry webhooks;
  @Autowired MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void optionsWrongMethodAndWrongContentTypeAreLogged() throws Exception {
    deploy(runtime, "fa-log", startEvent("fa-log", webhook("fa-log")));
    runtime.awaitWebhook("fa-log", Duration.ofSeconds(20));

    assertThat(send("OPTIONS", null).statusCode()).isEqualTo(204);
    assertThat(send("PATCH", "application/json").statusCode()).isEqualTo(405);
    assertThat(send("POST", "text/plain").statusCode()).isEqualTo(415);

    var executable = webhooks.getActiveWebhook("fa-log").orElseThrow().id();
    assertThat(activityLog.getLogs(executable))
        .extracting(Activity::message)
        .contains(
            "Answered 204: allowed methods",
            "Answered 405: method not allowed",
            "Answered 415: content type must be application/json or application/*+json,"
                + " charset utf-8 if any");
  }

  @Test
  void theSameAnswerRepeatedGetsOneEntryAndEveryOneIsCounted() throws Exception {
    deploy(runtime, "fa-storm", startEvent("fa-storm", webhook("fa-storm")));
    runtime.awaitWebhook("fa-storm", Duration.ofSeconds(20));
    // Waiting for the webhook probes it, and the probe may be answered 405 too.
    double before = methodNotAllowed("fa-storm");

    for (int i = 0; i < 5; i++) {
      assertThat(send("fa-storm", "PATCH", "application/json").statusCode()).isEqualTo(405);
    }
    assertThat(send("fa-storm", "POST", "text/plain").statusCode()).isEqualTo(415);

    var executable = webhooks.getActiveWebhook("fa-storm").orElseThrow().id();
    // The answers arrive well within the interval of 10 s: only the first gets an entry.
    assertThat(activityLog.getLogs(executable))
        .extracting(Activity::message)
        .filteredOn(message -> message.startsWith("Answered 4"))
        .containsExactly(
            "Answered 405: method not allowed",
            "Answered 415: content type must be application/json or application/*+json,"
                + " charset utf-8 if any");
    assertThat(methodNotAllowed("fa-storm") - before).isEqualTo(5);
  }

  private double methodNotAllowed(String webhookId) {
    var counter =
        meters
            .find("eventbridge.webhook.requests")
            .tag("webhook", webhookId)
            .tag("status", "405")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private HttpResponse<String> send(String method, String contentType) throws Exception {
    return send("fa-log", method, contentType);
  }

  private HttpResponse<String> send(String webhookId, String method, String contentType)
      throws Exception {
    var request =
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofString("{\"id\":\"fa-1\"}"));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
