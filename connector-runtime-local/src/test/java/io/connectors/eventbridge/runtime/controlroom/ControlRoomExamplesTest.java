package io.connectors.eventbridge.runtime.controlroom;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.testsupport.WebhookSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The two Control Room examples in bpmn-examples/, end to end on the local runtime, with a test
 * playing Control Room: WireMock serves the Process API's run-request, and the test posts what
 * Control Room posts (signed webhooks) and what its EventBridge integration delivers (On-Demand
 * Worker Requests encrypted by the JavaScript AWS Encryption SDK).
 *
 * <p>This class needs secrets the shared {@link LocalRuntimeTest} context does not define (the
 * payload key, Control Room's API address on WireMock's port), so it runs on a context of its own.
 * The time jump of the timer test only affects this context's engine.
 */
@LocalRuntimeTest
@Import(ControlRoomExamplesTest.RestStandInConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlRoomExamplesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = Path.of("..", "bpmn-examples");
  private static final Path FIXTURES =
      Path.of("..", "connector-eventbridge-inbound", "src", "test", "resources", "fixtures");

  static final String ODW_API_KEY = "odw-webhook-test-api-key";
  static final String WORKSPACE_WEBHOOK_SECRET = "cr-workspace-webhook-test-secret";
  static final String CALLBACK_SECRET = "cr-run-callback-test-secret";
  static final String CONTROL_ROOM_API_KEY = "cr-test-api-key";
  static final String RUN_REQUEST_PATH = "/workspaces/ws-test/processes/proc-test/run-request";
  static final String RUN_ID = "5f3a2b1c-run-0001";

  /** Control Room's Process API. Started before the context, which needs its address. */
  static final WireMockServer CONTROL_ROOM = new WireMockServer(options().dynamicPort());

  static {
    CONTROL_ROOM.start();
  }

  @DynamicPropertySource
  static void controlRoomSecrets(DynamicPropertyRegistry registry) {
    // A context of its own must not watch the shared context's folders: both would deploy and
    // report every file dropped there.
    registry.add(
        "eventbridge.local.deploy-dirs", () -> "target/local-runtime-test/control-room-deploy");
    registry.add(
        "eventbridge.local.bus.rules-file",
        () -> "target/local-runtime-test/control-room-rules.yaml");
    var secrets = "eventbridge.local.secrets.";
    registry.add(secrets + "ODW_PAYLOAD_KEY", ControlRoomExamplesTest::testKey);
    registry.add(secrets + "ODW_WEBHOOK_API_KEY", () -> ODW_API_KEY);
    registry.add(secrets + "CONTROL_ROOM_WEBHOOK_SECRET", () -> WORKSPACE_WEBHOOK_SECRET);
    registry.add(secrets + "CONTROL_ROOM_API_URL", CONTROL_ROOM::baseUrl);
    registry.add(secrets + "CONTROL_ROOM_API_KEY", () -> CONTROL_ROOM_API_KEY);
    registry.add(secrets + "CONTROL_ROOM_CALLBACK_SECRET", () -> CALLBACK_SECRET);
    // Resolved when asked for: the port exists only once the web server listens.
    registry.add(
        secrets + "CONTROL_ROOM_CALLBACK_URL",
        () -> "http://localhost:${local.server.port}/inbound/control-room-run-callback");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class RestStandInConfiguration {
    @Bean
    @ConditionalOnMissingClass(RestConnectorStandIn.REAL_CONNECTOR_CLASS)
    OutboundConnectorFunction restConnectorStandIn() {
      return new RestConnectorStandIn();
    }
  }

  @Autowired LocalRuntime runtime;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void deployExamples() {
    runtime.deploy(EXAMPLES.resolve("control-room-on-demand-worker.bpmn"));
    runtime.deploy(EXAMPLES.resolve("control-room-process-run-callback.bpmn"));
    CONTROL_ROOM.stubFor(
        post(urlPathEqualTo(RUN_REQUEST_PATH))
            .withHeader("Authorization", equalTo("RC-WSKEY " + CONTROL_ROOM_API_KEY))
            .willReturn(okJson("{\"id\":\"" + RUN_ID + "\",\"state\":\"new\"}")));
    for (var webhook :
        List.of("control-room-odw", "control-room-step-runs", "control-room-run-callback")) {
      runtime.awaitWebhook(webhook, TIMEOUT);
    }
  }

  @AfterAll
  void stopControlRoom() {
    CONTROL_ROOM.stop();
  }

  @Test
  @Order(1)
  void anOnDemandWorkerRequestStartsAnInstanceThatEndsWithItsStepRun() throws Exception {
    var request = Files.readString(FIXTURES.resolve("odw-request-committing.json"));

    var created = postOdw(request);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    // A message start event: the runtime publishes a message, which starts the instance.
    assertThat(JSON.readTree(created.body()).get("outcome").asText())
        .isEqualTo("MESSAGE_PUBLISHED");
    // The answer never echoes the token.
    assertThat(created.body()).doesNotContain("TEST-worker-link-token");
    long instance = awaitInstanceStartedBy("ce52577e-bcf0-5ab5-e91b-c4aaac9fc245");
    var started = runtime.variables(instance);
    assertThat(started)
        .containsEntry("workerLinkToken", "TEST-worker-link-token-committing-0001")
        .containsEntry("workerId", "a57aecf0-c3d1-4b35-85a1-4d00c915273b")
        .containsEntry("stepRunId", "c4efc852-61ee-449d-9031-27948c16226c")
        .containsEntry("maxExecutionSeconds", 604860)
        .containsEntry("odwEventId", "ce52577e-bcf0-5ab5-e91b-c4aaac9fc245");
    assertThat(started.get("odwMetadata"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("process_run_number", 60)
        .containsEntry("added_later", Map.of("tolerated", true));
    assertTimerOf(instance, Duration.ofSeconds(604860));

    // EventBridge redelivers: same event id, no second instance.
    int before = instancesOf("control-room-on-demand-worker");
    var redelivery = postOdw(request);
    assertThat(redelivery.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(redelivery.body()).get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(instancesOf("control-room-on-demand-worker")).isEqualTo(before);

    // Control Room reports the step run complete (workspace webhook, signed).
    var stepRun =
        resource("step-run-completed.json")
            .replace("%EVENT_ID%", UUID.randomUUID().toString())
            .replace("%STEP_RUN_ID%", "c4efc852-61ee-449d-9031-27948c16226c");
    var finished =
        postJson(
            runtime.webhookUrl("control-room-step-runs"),
            stepRun,
            Map.of(
                "x-rc-signature",
                WebhookSignatures.controlRoom(stepRun, WORKSPACE_WEBHOOK_SECRET)));
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);

    var done = runtime.awaitCompleted(instance, TIMEOUT);
    assertThat(done.variables())
        .containsEntry("stepRunResult", "OK")
        .containsEntry("stepRunDurationSeconds", 290);
    assertThat(endEventOf(instance)).isEqualTo("worker-finished");
  }

  @Test
  @Order(2)
  void aRequestThatCannotBeDecryptedIsRejectedAndStartsNothing() throws Exception {
    var request =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            JSON.readTree(Files.readString(FIXTURES.resolve("odw-request-non-committing.json")));
    var detail = (com.fasterxml.jackson.databind.node.ObjectNode) request.get("detail");
    var message = java.util.Base64.getDecoder().decode(detail.get("encrypted_payload").asText());
    message[message.length - 120] ^= 0x01;
    detail.put("encrypted_payload", java.util.Base64.getEncoder().encodeToString(message));
    request.put("id", "tampered-" + UUID.randomUUID());
    int before = instancesOf("control-room-on-demand-worker");

    var response = postOdw(JSON.writeValueAsString(request));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("outcome").asText())
        .isEqualTo("DECRYPTION_FAILED");
    assertThat(instancesOf("control-room-on-demand-worker")).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aProcessRunIsRequestedAndItsSignedCallbackCompletesTheInstanceOnce() throws Exception {
    long instance =
        runtime
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("control-room-process-run-callback")
            .latestVersion()
            .variables(
                Map.of("controlRoomWorkspaceId", "ws-test", "controlRoomProcessId", "proc-test"))
            .send()
            .join()
            .getProcessInstanceKey();

    // What Control Room received: a run-scoped webhook pointing at our callback.
    var runRequest =
        LocalRuntime.await(
            "the run-request",
            TIMEOUT,
            () ->
                CONTROL_ROOM.findAll(postRequestedFor(urlPathEqualTo(RUN_REQUEST_PATH))).stream()
                    .findFirst());
    JsonNode body = JSON.readTree(runRequest.getBodyAsString());
    assertThat(body.get("type").asText()).isEqualTo("default");
    assertThat(body.get("callbackUrl").asText())
        .isEqualTo(runtime.webhookUrl("control-room-run-callback").toString());
    assertThat(body.get("secret").asText()).isEqualTo(CALLBACK_SECRET);
    assertThat(body.get("eventsToSend"))
        .containsExactly(JSON.getNodeFactory().textNode("process_run.completed"));
    LocalRuntime.await(
        "processRunId from the run-request's answer",
        TIMEOUT,
        () -> Optional.ofNullable(runtime.variables(instance).get("processRunId")));

    // Control Room calls back, signing with the secret it was given for this run.
    var callbackUrl = URI.create(body.get("callbackUrl").asText());
    var runSecret = body.get("secret").asText();
    var completed = resource("process-run-completed.json").replace("%RUN_ID%", RUN_ID);

    var forged =
        postJson(
            callbackUrl,
            completed,
            Map.of("x-rc-signature", WebhookSignatures.controlRoom(completed, "guess")));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(messagesPublished("process_run.completed:" + RUN_ID)).isZero();

    var accepted =
        postJson(
            callbackUrl,
            completed,
            Map.of("x-rc-signature", WebhookSignatures.controlRoom(completed, runSecret)));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

    var done = runtime.awaitCompleted(instance, TIMEOUT);
    assertThat(done.variables())
        .containsEntry("processRunId", RUN_ID)
        .containsEntry("processRunState", "completed");
    assertThat(done.variables().get("processRunOutputs"))
        .asList()
        .singleElement()
        .extracting(output -> ((Map<?, ?>) output).get("payload"))
        .isEqualTo(Map.of("invoiceTotal", 1234.5, "status", "booked"));

    // At least once delivery: the same callback again has no second effect.
    var duplicate =
        postJson(
            callbackUrl,
            completed,
            Map.of("x-rc-signature", WebhookSignatures.controlRoom(completed, runSecret)));
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(duplicate.body()).get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(messagesPublished("process_run.completed:" + RUN_ID)).isEqualTo(1);
  }

  /** Last: moves this context's engine clock forward. */
  @Test
  @Order(4)
  void aWorkerThatOutlivesMaxExecutionSecondsTimesOut() throws Exception {
    var created = postOdw(Files.readString(FIXTURES.resolve("odw-request-non-committing.json")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    long instance = awaitInstanceStartedBy("0b3e6f38-2f1c-4d52-9b51-7d1fb1f0a002");
    assertTimerOf(instance, Duration.ofSeconds(3600));

    runtime.engine().engine().increaseTime(Duration.ofSeconds(3601));

    runtime.awaitCompleted(instance, TIMEOUT);
    assertThat(endEventOf(instance)).isEqualTo("worker-timed-out");
  }

  /** The instance whose result expression stored this On-Demand Worker Request's event id. */
  private long awaitInstanceStartedBy(String odwEventId) {
    var quoted = "\"" + odwEventId + "\"";
    return LocalRuntime.await(
        "an instance started by event " + odwEventId,
        TIMEOUT,
        () ->
            records().stream()
                .filter(
                    r ->
                        r.getRecordType() == RecordType.EVENT
                            && r.getValueType() == ValueType.VARIABLE
                            && r.getValue() instanceof VariableRecordValue v
                            && "odwEventId".equals(v.getName())
                            && quoted.equals(v.getValue()))
                .map(r -> ((VariableRecordValue) r.getValue()).getProcessInstanceKey())
                .findFirst());
  }

  private HttpResponse<String> postOdw(String body) throws IOException, InterruptedException {
    return postJson(runtime.webhookUrl("control-room-odw"), body, Map.of("x-api-key", ODW_API_KEY));
  }

  private HttpResponse<String> postJson(URI url, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String testKey() {
    try {
      return Files.readAllLines(FIXTURES.resolve("odw-test-key.txt")).stream()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .findFirst()
          .orElseThrow()
          .strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (var in = ControlRoomExamplesTest.class.getResourceAsStream("/controlroom/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  private List<Record<?>> records() {
    return runtime.engine().records().recordsFrom(0);
  }

  private int instancesOf(String bpmnProcessId) {
    return (int)
        records().stream()
            .filter(
                r ->
                    r.getRecordType() == RecordType.EVENT
                        && r.getValueType() == ValueType.PROCESS_INSTANCE
                        && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED
                        && r.getValue() instanceof ProcessInstanceRecordValue v
                        && v.getBpmnElementType() == BpmnElementType.PROCESS
                        && bpmnProcessId.equals(v.getBpmnProcessId()))
            .count();
  }

  private int messagesPublished(String messageId) {
    return (int)
        records().stream()
            .filter(
                r ->
                    r.getRecordType() == RecordType.EVENT
                        && r.getValueType() == ValueType.MESSAGE
                        && r.getIntent() == MessageIntent.PUBLISHED
                        && r.getValue() instanceof MessageRecordValue v
                        && messageId.equals(v.getMessageId()))
            .count();
  }

  /**
   * The boundary timer's duration as the engine computed it from max_execution_seconds: due date
   * minus the record's time, which the engine takes a few milliseconds after computing the date.
   */
  private void assertTimerOf(long instance, Duration maxExecution) {
    var duration =
        LocalRuntime.await(
            "the timer", TIMEOUT, () -> Optional.ofNullable(timerDueDateMinusCreation(instance)));
    assertThat(duration).isBetween(maxExecution.minusSeconds(1), maxExecution);
  }

  /** The boundary timer's duration as the engine computed it from max_execution_seconds. */
  private Duration timerDueDateMinusCreation(long instance) {
    return records().stream()
        .filter(
            r ->
                r.getRecordType() == RecordType.EVENT
                    && r.getValueType() == ValueType.TIMER
                    && r.getIntent() == TimerIntent.CREATED
                    && r.getValue() instanceof TimerRecordValue v
                    && v.getProcessInstanceKey() == instance)
        .findFirst()
        .map(
            r ->
                Duration.ofMillis(
                    ((TimerRecordValue) r.getValue()).getDueDate() - r.getTimestamp()))
        .orElse(null);
  }

  private String endEventOf(long instance) {
    return records().stream()
        .filter(
            r ->
                r.getRecordType() == RecordType.EVENT
                    && r.getValueType() == ValueType.PROCESS_INSTANCE
                    && r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                    && r.getValue() instanceof ProcessInstanceRecordValue v
                    && v.getProcessInstanceKey() == instance
                    && v.getBpmnElementType() == BpmnElementType.END_EVENT)
        .map(r -> ((ProcessInstanceRecordValue) r.getValue()).getElementId())
        .findFirst()
        .orElse(null);
  }
}
