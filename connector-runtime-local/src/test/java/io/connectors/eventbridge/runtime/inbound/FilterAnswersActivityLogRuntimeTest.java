package io.connectors.eventbridge.runtime.inbound;

import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.deploy;
import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.startEvent;
import static io.connectors.eventbridge.runtime.inbound.EventBridgeWebhookModels.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.connector.api.inbound.Activity;
import io.camunda.connector.runtime.core.inbound.activitylog.ActivityLogRegistry;
import io.camunda.connector.runtime.inbound.webhook.WebhookConnectorRegistry;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Answers given by the runtime's request filter, before the connector is called, still get an entry
 * in the element's activity log, like every answer of the connector itself.
 */
@LocalRuntimeTest
class FilterAnswersActivityLogRuntimeTest {

  @Autowired LocalRuntime runtime;
  @Autowired ActivityLogRegistry activityLog;
  @Autowired WebhookConnectorRegistry webhooks;

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

  private HttpResponse<String> send(String method, String contentType) throws Exception {
    var request =
        HttpRequest.newBuilder(runtime.webhookUrl("fa-log"))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofString("{\"id\":\"fa-1\"}"));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
