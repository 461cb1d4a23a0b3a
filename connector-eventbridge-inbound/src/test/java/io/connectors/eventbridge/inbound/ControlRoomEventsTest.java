package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.model.Defaults;
import io.connectors.eventbridge.inbound.support.OdwFixtures;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.TestWebhooks;
import io.connectors.eventbridge.testsupport.RuntimeBinding;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import io.connectors.eventbridge.testsupport.WebhookSignatures;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Control Room's two senders through the whole {@code verify} path: its signed webhooks, which are
 * not EventBridge envelopes, and its On-Demand Worker Requests, whose payload is encrypted.
 */
class ControlRoomEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "cr-shared-secret";

  @Nested
  class Webhooks {

    /** Workspace-scoped, from the webhook documentation, with a field the docs do not list. */
    static final String PROCESS_RUN_COMPLETED =
        """
        {"id":"74921f7b-10bb-4cf0-803a-afbf3cf12bee","webhookEventTimestamp":"2021-01-19T08:49:07.634Z",\
        "event":"process_run","action":"COMPLETED","payload":{"workspaceId":"74c54d8b-f523-4ca8-a058-2ab89d576dac",\
        "processId":"9244eb52-e05b-4912-ae9b-61acccfb4a5a","processRunId":"d6cb40c7-0d0b-4f44-b7b4-0acec4233875",\
        "state":"COMPL","duration":12,"result":"success"},"addedLater":{"x":1}}""";

    static final String PROCESS_RUN_STARTED =
        PROCESS_RUN_COMPLETED
            .replace("\"COMPLETED\"", "\"STARTED\"")
            .replace("74921f7b", "84921f7b");

    /** Process-scoped (also what a run-request callback sends): no action, a dotted event. */
    static final String PROCESS_SCOPED_COMPLETED =
        """
        {"event":"process_run.completed","id":"123","state":"completed","workspace":{"id":"456"},\
        "process":{"id":"789"},"outputs":{"data":[{"id":"101","process":{"id":"789"},\
        "created_at":"2024-01-11T01:01:01.000Z","payload":{"key":"value"},"files":[]}],"has_more":true},\
        "work_items_summary":{"failed":0,"done":1,"output":1}}""";

    @Test
    void aSignedWorkspaceEventIsCorrelatedWithItsIdAsMessageIdAndUnknownFieldsKept() {
      var context =
          new TestInboundContext(
              controlRoom().set("filter.eventPattern", processRunCompletedPattern()).build());

      var response = TestWebhooks.activate(context).verify(signed(PROCESS_RUN_COMPLETED, SECRET));

      assertThat(response.statusCode()).isEqualTo(200);
      var request = context.correlations().getFirst();
      assertThat(request.getMessageId()).isEqualTo("74921f7b-10bb-4cf0-803a-afbf3cf12bee");
      assertThat(body(request.getVariables()))
          .containsEntry("event", "process_run")
          .containsEntry("addedLater", Map.of("x", 1));
    }

    @Test
    void theEventPatternRoutesOnEventAndAction() {
      var context =
          new TestInboundContext(
              controlRoom().set("filter.eventPattern", processRunCompletedPattern()).build());

      var response = TestWebhooks.activate(context).verify(signed(PROCESS_RUN_STARTED, SECRET));

      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("NOT_MATCHED");
      assertThat(context.correlations()).isEmpty();
    }

    @Test
    void aProcessScopedEventMatchesOnItsDottedEventNameAndDeduplicatesOnId() {
      var context =
          new TestInboundContext(
                  controlRoom()
                      .set("filter.eventPattern", "{\"event\":[\"process_run.completed\"]}")
                      .build())
              .answer(
                  new CorrelationResult.Success.MessagePublished(null, 7L, "<default>"),
                  new CorrelationResult.Success.MessageAlreadyCorrelated(null));
      var executable = TestWebhooks.activate(context);

      var first = executable.verify(signed(PROCESS_SCOPED_COMPLETED, SECRET));
      var redelivery = executable.verify(signed(PROCESS_SCOPED_COMPLETED, SECRET));

      assertThat(context.correlations()).extracting(r -> r.getMessageId()).containsOnly("123");
      assertThat(
              java.util.List.of(first, redelivery).stream()
                  .map(r -> ((EventOutcome) r.body()).outcome()))
          .containsExactly("MESSAGE_PUBLISHED", "DUPLICATE");
      assertThat(redelivery.statusCode()).isEqualTo(200);
    }

    @Test
    void aBadSignatureIs401AndCorrelatesNothing() {
      var context = new TestInboundContext(controlRoom().build());

      var response =
          TestWebhooks.activate(context).verify(signed(PROCESS_SCOPED_COMPLETED, "not-the-secret"));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(context.correlations()).isEmpty();
    }

    private static String processRunCompletedPattern() {
      return "{\"event\":[\"process_run\"],\"action\":[\"COMPLETED\"]}";
    }

    private static Properties controlRoom() {
      return Properties.webhook()
          .set("signature.type", "controlRoom")
          .set("signature.secret", SECRET);
    }
  }

  @Nested
  class OnDemandWorkerRequests {

    @Test
    void theDecryptedPayloadReachesTheExpressionsAndNeverTheAnswer() throws Exception {
      var context = new TestInboundContext(decrypting(OdwFixtures.KEY_BASE64).build());

      var response =
          TestWebhooks.activate(context)
              .verify(TestPayload.post(OdwFixtures.read(OdwFixtures.COMMITTING)));

      assertThat(response.statusCode()).isEqualTo(200);
      var request = context.correlations().getFirst();
      assertThat(request.getMessageId()).isEqualTo("ce52577e-bcf0-5ab5-e91b-c4aaac9fc245");
      @SuppressWarnings("unchecked")
      var detail = (Map<String, Object>) body(request.getVariables()).get("detail");
      assertThat(detail.get("decrypted_payload"))
          .isEqualTo(Map.of("worker_link_token", OdwFixtures.COMMITTING_TOKEN));
      assertThat(detail.get("metadata"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("worker_id", "a57aecf0-c3d1-4b35-85a1-4d00c915273b")
          .containsEntry("max_execution_seconds", 604860);
      assertThat(JSON.writeValueAsString(response.body()))
          .doesNotContain(OdwFixtures.COMMITTING_TOKEN);
    }

    @Test
    void aWrongKeyIs422AndCorrelatesNothing() throws Exception {
      var context =
          new TestInboundContext(
              decrypting(Base64.getEncoder().encodeToString(new byte[32])).build());

      var response =
          TestWebhooks.activate(context)
              .verify(TestPayload.post(OdwFixtures.read(OdwFixtures.COMMITTING)));

      assertThat(response.statusCode()).isEqualTo(422);
      var outcome = (EventOutcome) response.body();
      assertThat(outcome.outcome()).isEqualTo("DECRYPTION_FAILED");
      assertThat(outcome.eventId()).isEqualTo("ce52577e-bcf0-5ab5-e91b-c4aaac9fc245");
      assertThat(context.correlations()).isEmpty();
    }

    @Test
    void aBatchIsDecryptedPerEvent() {
      var context = new TestInboundContext(decrypting(OdwFixtures.KEY_BASE64).build());
      // A corrupt first byte (the message format version): parsed and refused by the SDK.
      var corrupt =
          OdwFixtures.read(OdwFixtures.NON_COMMITTING)
              .replace("0b3e6f38-2f1c-4d52-9b51-7d1fb1f0a002", "tampered-1")
              .replaceFirst("\"encrypted_payload\": \"A", "\"encrypted_payload\": \"B");
      var body =
          "["
              + OdwFixtures.read(OdwFixtures.COMMITTING)
              + ","
              + OdwFixtures.read(OdwFixtures.NON_COMMITTING)
              + ","
              + corrupt
              + "]";

      var response = TestWebhooks.activate(context).verify(TestPayload.post(body));

      var answer = (WebhookResponses.BatchAnswer) response.body();
      assertThat(answer.results())
          .extracting(EventOutcome::index, EventOutcome::status, EventOutcome::outcome)
          .containsExactly(
              tuple(0, 200, "PROCESS_INSTANCE_CREATED"),
              tuple(1, 200, "PROCESS_INSTANCE_CREATED"),
              tuple(2, 422, "DECRYPTION_FAILED"));
      assertThat(context.correlations())
          .extracting(r -> r.getMessageId())
          .containsExactly(
              "ce52577e-bcf0-5ab5-e91b-c4aaac9fc245", "0b3e6f38-2f1c-4d52-9b51-7d1fb1f0a002");
      assertThat(response.statusCode()).isEqualTo(422);
    }

    /** Runtimes that never call verify() still get the decrypted event, or a 422. */
    @Test
    void theTriggerWebhookFallbackDecryptsToo() throws Exception {
      var event = OdwFixtures.read(OdwFixtures.COMMITTING);
      var right =
          TestWebhooks.activate(new TestInboundContext(decrypting(OdwFixtures.KEY_BASE64).build()));

      var body =
          RuntimeBinding.asRuntimeSeesIt(
              right.triggerWebhook(TestPayload.post(event)).request().body());
      assertThat(body.get("detail"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry(
              "decrypted_payload", Map.of("worker_link_token", OdwFixtures.COMMITTING_TOKEN));

      var wrong =
          TestWebhooks.activate(
              new TestInboundContext(
                  decrypting(Base64.getEncoder().encodeToString(new byte[32])).build()));
      assertThatThrownBy(() -> wrong.triggerWebhook(TestPayload.post(event)))
          .isInstanceOfSatisfying(
              io.camunda.connector.api.inbound.webhook.WebhookConnectorException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(422));
    }

    @Test
    void aKeyOfTheWrongLengthFailsActivationNamingTheField() {
      var context =
          new TestInboundContext(
              decrypting(Base64.getEncoder().encodeToString(new byte[24])).build());

      TestWebhooks.activate(context);
      assertThat(context.health().getStatus().name()).isEqualTo("DOWN");
      assertThat(context.health().getError().message()).contains("decryptionKey");
    }

    /**
     * The largest time budget: these tests are about decryption, on the real clock, and the first
     * decryption in a JVM (the provider's start-up) took past the default 4 s once on a machine at
     * load 14, which answered the batch's later events NOT_ATTEMPTED.
     */
    private static Properties decrypting(String key) {
      return Properties.webhook()
          .set("filter.eventPattern", "{\"detail-type\":[\"On-Demand Worker Request\"]}")
          .set("decryption.type", "awsEncryptionSdk")
          .set("decryption.key", key)
          .set("timeBudgetMillis", String.valueOf(Defaults.MAX_TIME_BUDGET_MILLIS));
    }
  }

  private static Map<String, Object> body(Object variables) {
    return TestInboundContext.requestBody(variables);
  }

  /**
   * Signs as Control Room does: hex HMAC-SHA256 of the raw body (vectors: SignatureVerifiersTest).
   */
  static TestPayload signed(String body, String secret) {
    return TestPayload.post(body)
        .withHeader(
            WebhookSignatures.CONTROL_ROOM_HEADER, WebhookSignatures.controlRoom(body, secret));
  }
}
