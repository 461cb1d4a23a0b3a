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
 * works on the runtime. So do the variants of tools/modeler-check/fill-values.json, whose dropdown
 * choices show fields the defaults hide.
 */
@LocalRuntimeTest
class ModelerAppliedTemplatesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  // The variants of tools/modeler-check/fill-values.json, and the cases without one.
  private static final String CUSTOM_EVENT_BUS = "custom-bus";
  private static final String WITH_METADATA = "with-metadata";
  private static final String DEFAULTS = "";

  @Autowired LocalRuntime runtime;

  static List<AppliedTemplate> appliedTemplates() {
    return ModelerCheckReport.read().cases();
  }

  @Test
  void everyTemplateWasAppliedToEveryElementKindItNames() {
    var cases = ModelerCheckReport.read().cases();
    // 2 outbound (plain, hybrid) + 2 x 6 inbound element kinds (the catch template also applies
    // to intermediate throw events, which Modeler turns into catch events).
    assertThat(cases.stream().filter(c -> c.variant().isEmpty())).hasSize(14);
    assertThat(cases.stream().flatMap(c -> c.variant().stream()))
        .containsExactlyInAnyOrder(CUSTOM_EVENT_BUS, WITH_METADATA);
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
    switch (applied.variant().orElse(DEFAULTS)) {
      case DEFAULTS -> worksWithItsDefaults(applied);
      case CUSTOM_EVENT_BUS -> putsOnTheCustomEventBusDeduplicatedByTheGivenId(applied);
      case WITH_METADATA -> takesWithMetadataDeliveriesAndAcknowledgesReplays(applied);
      default -> throw new AssertionError("no check here for the variant of " + applied);
    }
  }

  private void worksWithItsDefaults(AppliedTemplate applied) throws Exception {
    switch (applied.elementType()) {
      case "bpmn:ServiceTask" -> putsEvents(applied);
      case "bpmn:StartEvent" -> {
        awaitUp(applied);
        startsAnInstance(applied, event("k-" + applied.name()));
      }
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

  /**
   * Bus kind Custom Event Bus, deduplication by a given ID (typed as FEEL): the task puts its event
   * on local mode's Custom Event Bus, and a second instance's event, with the same ID, is answered
   * DEDUPLICATED as the first one's. Deduplicated by job (the default), it would be published.
   */
  private void putsOnTheCustomEventBusDeduplicatedByTheGivenId(AppliedTemplate applied) {
    assertThat(applied.typed("bus.deduplicationId")).startsWith("=");
    var first = putEntry(applied);
    var second = putEntry(applied);

    assertThat(first).containsEntry("successCode", "PUBLISHED").containsKey("eventId");
    assertThat(first.get("sequenceNumber")).isNotNull();
    assertThat(second)
        .containsEntry("successCode", "DEDUPLICATED")
        .containsEntry("eventId", first.get("eventId"))
        .containsEntry("sequenceNumber", first.get("sequenceNumber"));
  }

  /** Runs an instance of the task and returns the one entry of its result variable. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> putEntry(AppliedTemplate applied) {
    var completed = runtime.awaitCompleted(startInstance(applied, Map.of()), TIMEOUT);
    var result = (Map<String, Object>) completed.variables().get(applied.typed("resultVariable"));
    assertThat(result)
        .as("the result variable of %s", applied)
        .containsEntry("failedEntryCount", 0);
    var entries = (List<Map<String, Object>>) result.get("entries");
    assertThat(entries).hasSize(1);
    return entries.getFirst();
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

  private void startsAnInstance(AppliedTemplate applied, Map<String, Object> delivery)
      throws Exception {
    var answer = post(applied.webhookId(), delivery);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(outcome(answer))
        .isEqualTo(applied.messageEvent() ? "MESSAGE_PUBLISHED" : "PROCESS_INSTANCE_CREATED");
    runtime.awaitCompleted(applied.processId(), TIMEOUT);
  }

  /** Catch event, boundary event, receive task: a waiting instance is correlated by its key. */
  private void correlatesToAWaitingInstance(AppliedTemplate applied) throws Exception {
    String key = "k-" + applied.name();
    long instance = startInstance(applied, Map.of("correlationKey", key));
    awaitUp(applied);
    var answer = post(applied.webhookId(), event(key));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(outcome(answer)).isEqualTo("MESSAGE_PUBLISHED");
    runtime.awaitCompleted(instance, TIMEOUT);
  }

  /**
   * A message start event with delivery format WITH_METADATA, replays acknowledged: a subscriber's
   * replay is answered 202 and starts nothing, its live delivery starts an instance, and an event
   * in the classic form is refused.
   */
  private void takesWithMetadataDeliveriesAndAcknowledgesReplays(AppliedTemplate applied)
      throws Exception {
    awaitUp(applied);
    String key = "k-" + applied.name();
    var classic = post(applied.webhookId(), event(key));
    assertThat(classic.statusCode()).as(classic.body()).isEqualTo(400);

    // Its own correlation key: a replay published with the live delivery's key would be held back
    // by the engine (one instance per key at a time) and could hide behind the live instance.
    var replay = post(applied.webhookId(), withMetadata(key + "-replay", "REPLAY"));
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
    assertThat(outcome(replay)).isEqualTo("REPLAY_ACKNOWLEDGED");

    startsAnInstance(applied, withMetadata(key, "LIVE"));
    // The engine handles publications in order: a replay that had been published would have
    // started its instance before the live one completed.
    assertThat(runtime.instancesOf(applied.processId())).isEqualTo(1);
  }

  private void awaitUp(AppliedTemplate applied) {
    assertThat(applied.webhookId()).as("the Webhook ID typed for %s", applied).isNotBlank();
    runtime.awaitInboundHealth(applied.processId(), "UP", TIMEOUT);
    runtime.awaitWebhook(applied.webhookId(), TIMEOUT);
  }

  /** An event as the classic bus's API destinations (and RAW subscribers) post it. */
  private static Map<String, Object> event(String key) {
    return Map.of(
        "id",
        UUID.randomUUID().toString(),
        "source",
        "modeler.check",
        "detail-type",
        "ModelerCheck",
        "detail",
        Map.of("key", key));
  }

  /** The event as a Custom Event Bus subscriber with the WITH_METADATA transformer posts it. */
  private static Map<String, Object> withMetadata(String key, String deliveryType) {
    return Map.of(
        "Data",
        event(key),
        "Metadata",
        Map.of(),
        "SystemMetadata",
        Map.of(
            "ContentType", "application/eventbridge+json",
            "aws:EventId", UUID.randomUUID().toString(),
            "aws:DeliveryType", deliveryType,
            "aws:SequenceNumber", "10000000000000000001",
            "aws:Source", "modeler.check",
            "aws:DetailType", "ModelerCheck"));
  }

  private static String outcome(HttpResponse<String> answer) throws IOException {
    return JSON.readTree(answer.body()).path("outcome").asText();
  }

  private HttpResponse<String> post(String webhookId, Map<String, Object> delivery)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(delivery)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
