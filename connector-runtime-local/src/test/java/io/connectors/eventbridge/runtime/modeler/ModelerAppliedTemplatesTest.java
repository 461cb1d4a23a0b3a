package io.connectors.eventbridge.runtime.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.modeler.ModelerCheckReport.AppliedTemplate;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every element template, applied in Modeler's own template engine (bpmn-js-element-templates in
 * headless Chromium, see tools/modeler-check) to a fresh element of each kind it applies to, with
 * only the required fields typed: Modeler shows no error, and the exported XML, deployed as it is,
 * works on the runtime.
 */
@LocalRuntimeTest
class ModelerAppliedTemplatesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired LocalRuntime runtime;

  static List<AppliedTemplate> appliedTemplates() {
    return ModelerCheckReport.read().cases();
  }

  @Test
  void everyTemplateWasAppliedToEveryElementKindItNames() {
    var report = ModelerCheckReport.read();
    // 2 outbound (plain, hybrid) + 2 x 6 inbound element kinds (the catch template also applies
    // to intermediate throw events, which Modeler turns into catch events).
    assertThat(report.cases()).hasSize(14);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appliedTemplates")
  void modelerShowsNoErrorAndTheElementWorks(AppliedTemplate applied) throws Exception {
    assertThat(applied.problems()).as("what Modeler reported for %s", applied).isEmpty();
    if (!applied.hybrid()) {
      assertThat(applied.headerCutOff())
          .as("names the properties panel cuts off at Desktop Modeler's default width")
          .isEmpty();
    }

    runtime.deploy(applied.bpmnFile());
    switch (applied.elementType()) {
      case "bpmn:ServiceTask" -> putsEvents(applied);
      case "bpmn:StartEvent" -> startsAnInstance(applied);
      default -> correlatesToAWaitingInstance(applied);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleIsCleanWithTheTemplatesInstalled(String file, JsonNode example) {
    assertThat(example.path("panelErrors")).as("panel errors in %s", file).isEmpty();
    assertThat(example.path("lintErrors")).as("lint errors in %s", file).isEmpty();
  }

  static List<Arguments> examples() {
    return ModelerCheckReport.read().examples().stream()
        .map(e -> Arguments.of(e.path("file").asText(), e))
        .toList();
  }

  /**
   * The task reaches the local bus through {{secrets.EVENTBRIDGE_ENDPOINT}}. It completes only when
   * every entry was accepted: a failed entry raises a BPMN error, which would leave an incident.
   */
  private void putsEvents(AppliedTemplate applied) {
    runtime.awaitCompleted(startInstance(applied, Map.of()), TIMEOUT);
  }

  private long startInstance(AppliedTemplate applied, Map<String, Object> variables) {
    return runtime
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId(applied.processId())
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private void startsAnInstance(AppliedTemplate applied) throws Exception {
    awaitUp(applied);
    var answer = post(applied.webhookId(), "k-" + applied.name());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("outcome").asText())
        .isEqualTo(applied.messageEvent() ? "MESSAGE_PUBLISHED" : "PROCESS_INSTANCE_CREATED");
    runtime.awaitCompleted(applied.processId(), TIMEOUT);
  }

  /** Catch event, boundary event, receive task: a waiting instance is correlated by its key. */
  private void correlatesToAWaitingInstance(AppliedTemplate applied) throws Exception {
    String key = "k-" + applied.name();
    long instance = startInstance(applied, Map.of("correlationKey", key));
    awaitUp(applied);
    var answer = post(applied.webhookId(), key);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("outcome").asText())
        .isEqualTo("MESSAGE_PUBLISHED");
    runtime.awaitCompleted(instance, TIMEOUT);
  }

  private void awaitUp(AppliedTemplate applied) {
    assertThat(applied.webhookId()).as("the Webhook ID typed for %s", applied).isNotBlank();
    runtime.awaitInboundHealth(applied.processId(), "UP", TIMEOUT);
    runtime.awaitWebhook(applied.webhookId(), TIMEOUT);
  }

  private HttpResponse<String> post(String webhookId, String key)
      throws IOException, InterruptedException {
    String event =
        JSON.writeValueAsString(
            Map.of(
                "id",
                UUID.randomUUID().toString(),
                "source",
                "modeler.check",
                "detail-type",
                "ModelerCheck",
                "detail",
                Map.of("key", key)));
    return HTTP.send(
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
