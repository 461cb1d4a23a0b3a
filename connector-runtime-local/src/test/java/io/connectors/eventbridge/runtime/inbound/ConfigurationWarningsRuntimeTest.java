package io.connectors.eventbridge.runtime.inbound;

import static io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels.deploy;
import static io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels.startEvent;
import static io.connectors.eventbridge.runtime.support.EventBridgeWebhookModels.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A setting that fails on every request (here an API-key locator that cannot be evaluated) answers
 * the caller as its own fault (401) and tells the operator once, at WARN, naming webhook, element
 * and field, without the secret.
 */
@LocalRuntimeTest
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationWarningsRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String API_KEY = "cw-api-key-5e1d";

  @Autowired LocalRuntime runtime;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFailingApiKeyLocatorIsLoggedOncePerCause(CapturedOutput output) throws Exception {
    var properties = webhook("cw-locator");
    properties.put("inbound.auth.type", "apiKey");
    properties.put("inbound.auth.apiKey", API_KEY);
    properties.put("inbound.auth.apiKeyLocator", "=assert(request.headers, false)");
    deploy(runtime, "cw-locator", startEvent("cw-locator", properties));
    runtime.awaitWebhook("cw-locator", TIMEOUT);

    for (int i = 0; i < 3; i++) {
      var response =
          http.send(
              HttpRequest.newBuilder(runtime.webhookUrl("cw-locator"))
                  .header("Content-Type", "application/json")
                  .header("x-api-key", API_KEY)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"cw-" + i + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
    }

    String warning = awaitLine(output, "setting inbound.auth.apiKeyLocator failed");
    assertThat(warning)
        .contains("WARN")
        .contains("cw-locator")
        .contains("cw-locator/webhook")
        .doesNotContain(API_KEY);
    assertThat(
            output
                .getAll()
                .lines()
                .filter(line -> line.contains("setting inbound.auth.apiKeyLocator failed")))
        .hasSize(1);
    assertThat(output.getAll()).doesNotContain(API_KEY);
  }

  @Test
  void aTimeBudgetOverThirtySecondsActivatesAndIsReportedOnce(CapturedOutput output)
      throws Exception {
    var properties = webhook("cw-budget");
    properties.put("inbound.timeBudgetMillis", "45000");
    deploy(runtime, "cw-budget", startEvent("cw-budget", properties));
    runtime.awaitWebhook("cw-budget", TIMEOUT);

    String warning = awaitLine(output, "setting inbound.timeBudgetMillis is more than");
    assertThat(warning).contains("WARN").contains("cw-budget/webhook").contains("30000 is used");
  }

  private static String awaitLine(CapturedOutput output, String text) {
    return LocalRuntime.await(
        "the configuration warning",
        TIMEOUT,
        () -> output.getAll().lines().filter(line -> line.contains(text)).findFirst());
  }
}
