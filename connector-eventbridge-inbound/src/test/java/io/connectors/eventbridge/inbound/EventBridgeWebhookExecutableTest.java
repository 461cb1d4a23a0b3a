package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.webhook.MappedHttpRequest;
import io.camunda.connector.api.inbound.webhook.WebhookConnectorException;
import io.camunda.connector.api.inbound.webhook.WebhookHttpResponse;
import io.camunda.connector.api.inbound.webhook.WebhookTriggerResultContext;
import io.camunda.connector.feel.FeelEngineWrapperException;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.WebhookResponses;
import io.connectors.eventbridge.inbound.support.Events;
import io.connectors.eventbridge.inbound.support.Properties;
import io.connectors.eventbridge.inbound.support.TestWebhooks;
import io.connectors.eventbridge.testsupport.RuntimeBinding;
import io.connectors.eventbridge.testsupport.TestInboundContext;
import io.connectors.eventbridge.testsupport.TestPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The whole request path through {@code verify}, with the runtime's correlation scripted. */
class EventBridgeWebhookExecutableTest {

  private static final String EVENT =
      Events.orderPlaced("6a7e8feb-b491-4cf7-a9f1-bf3703467718", "o-1");

  @Nested
  class Accepted {
    @Test
    void aSingleEventIsCorrelatedWithItsIdAsMessageId() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .answer(
                  new CorrelationResult.Success.ProcessInstanceCreated(
                      null, 2251799813685249L, "<default>"));

      var response = TestWebhooks.activate(context).verify(TestPayload.post(EVENT));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat((EventOutcome) response.body())
          .extracting(
              EventOutcome::outcome, EventOutcome::processInstanceKey, EventOutcome::eventId)
          .containsExactly(
              "PROCESS_INSTANCE_CREATED",
              2251799813685249L,
              "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
      var request = context.correlations().getFirst();
      assertThat(request.getMessageId()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
      var body = TestInboundContext.requestBody(request.getVariables());
      assertThat(body)
          .containsEntry("detail-type", "OrderPlaced")
          .containsEntry("unknown-field", Map.of("kept", true));
    }

    @Test
    void aDuplicateIsStillA2xx() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .answer(new CorrelationResult.Success.MessageAlreadyCorrelated(null));

      var response = TestWebhooks.activate(context).verify(TestPayload.post(EVENT));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("DUPLICATE");
    }

    @Test
    void credentialHeadersNeverBecomeProcessVariables() {
      var context =
          new TestInboundContext(
              Properties.webhook()
                  .set("auth.type", "basic")
                  .set("auth.username", "u")
                  .set("auth.password", "p")
                  .build());

      TestWebhooks.activate(context)
          .verify(
              TestPayload.post(EVENT)
                  .withHeader(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString("u:p".getBytes(StandardCharsets.UTF_8)))
                  .withHeader("X-Trace", "t-1"));

      MappedHttpRequest request =
          ((WebhookTriggerResultContext) context.correlations().getFirst().getVariables())
              .request();
      assertThat(request.headers())
          .containsEntry("x-trace", "t-1")
          .doesNotContainKey("authorization");
    }
  }

  @Nested
  class Batches {
    @Test
    void anEventWhoseBudgetRanOutInTheEngineIsOutcomeUnknownAndTheRestNotAttempted()
        throws Exception {
      var release = new java.util.concurrent.CountDownLatch(1);
      var calls = new java.util.concurrent.atomic.AtomicInteger();
      var context =
          new TestInboundContext(Properties.webhook().set("timeBudgetMillis", "200").build())
              .answerAlways(
                  request -> {
                    if (calls.incrementAndGet() > 1) {
                      // The second event hangs, as a stuck engine would, until the watchdog
                      // interrupts it; the bound only keeps a broken watchdog from hanging the
                      // build.
                      try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        // What the 8.8 runtime returns when its wait on the gRPC client ends so.
                        return new CorrelationResult.Failure.Other(
                            new ClientException(
                                "Unexpectedly interrupted awaiting client response", e));
                      }
                    }
                    return new CorrelationResult.Success.MessagePublished(null, 7L, "<default>");
                  });
      var body =
          "["
              + Events.orderPlaced("e-1", "o-1")
              + ","
              + Events.orderPlaced("e-2", "o-2")
              + ","
              + Events.orderPlaced("e-3", "o-3")
              + "]";
      try {
        var executable = TestWebhooks.activate(context);
        long start = System.nanoTime();
        var response = executable.verify(TestPayload.post(body));
        var elapsed = java.time.Duration.ofNanos(System.nanoTime() - start);

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        // 200 ms of budget, then at most one watchdog period; the rest is slack for a busy
        // machine, far below the 30 s the call would hang without the watchdog.
        assertThat(elapsed)
            .isLessThan(
                java.time.Duration.ofMillis(200).plus(CorrelationWatchdog.PERIOD).plusMillis(1000));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "5");
        assertThat(((WebhookResponses.BatchAnswer) response.body()).results())
            .extracting(EventOutcome::outcome)
            .containsExactly("MESSAGE_PUBLISHED", "OUTCOME_UNKNOWN", "NOT_ATTEMPTED");
        // The third event was not started after the budget ran out.
        assertThat(calls).hasValue(2);
      } finally {
        release.countDown();
      }
    }

    @Test
    void eachElementIsCorrelatedOnItsOwnAndAnsweredPerElement() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .answer(
                  new CorrelationResult.Success.MessagePublished(null, 11L, "<default>"),
                  new CorrelationResult.Success.MessageAlreadyCorrelated(null),
                  new CorrelationResult.Failure.ActivationConditionNotMet(false));
      var body =
          "["
              + Events.orderPlaced("e-1", "o-1")
              + ","
              + Events.orderPlaced("e-2", "o-2")
              + ","
              + Events.orderPlaced("e-3", "o-3")
              + "]";

      var response = TestWebhooks.activate(context).verify(TestPayload.post(body));

      assertThat(context.correlations())
          .extracting(r -> r.getMessageId())
          .containsExactly("e-1", "e-2", "e-3");
      var answer = (WebhookResponses.BatchAnswer) response.body();
      assertThat(answer.results())
          .extracting(
              EventOutcome::index,
              EventOutcome::eventId,
              EventOutcome::status,
              EventOutcome::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(0, "e-1", 200, "MESSAGE_PUBLISHED"),
              org.assertj.core.groups.Tuple.tuple(1, "e-2", 200, "DUPLICATE"),
              org.assertj.core.groups.Tuple.tuple(2, "e-3", 422, "NOT_MATCHED"));
      // Nothing to retry, one element permanently rejected: the sender must not redeliver.
      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(answer.accepted()).isEqualTo(2);
      var data =
          ((WebhookTriggerResultContext) context.correlations().get(1).getVariables())
              .connectorData();
      assertThat(data).containsEntry("batchIndex", 1).containsEntry("batchSize", 3);
    }

    @Test
    void backPressureStopsTheBatchAndAsksForARetry() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .answer(
                  new CorrelationResult.Success.MessagePublished(null, 11L, "<default>"),
                  new CorrelationResult.Failure.ZeebeClientStatus("RESOURCE_EXHAUSTED", "busy"));
      var body =
          "["
              + Events.orderPlaced("e-1", "o-1")
              + ","
              + Events.orderPlaced("e-2", "o-2")
              + ","
              + Events.orderPlaced("e-3", "o-3")
              + "]";

      var response = TestWebhooks.activate(context).verify(TestPayload.post(body));

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers()).containsEntry("Retry-After", "5");
      assertThat(context.correlations()).hasSize(2);
      assertThat(((WebhookResponses.BatchAnswer) response.body()).results())
          .extracting(EventOutcome::outcome)
          .containsExactly("MESSAGE_PUBLISHED", "ENGINE_BACK_PRESSURE", "NOT_ATTEMPTED");
    }

    @Test
    void nonObjectElementsAndEmptyBatchesAre400() {
      var executable = TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()));

      assertThat(executable.verify(TestPayload.post("[1, 2]")).statusCode()).isEqualTo(400);
      assertThat(executable.verify(TestPayload.post("[]")).statusCode()).isEqualTo(400);
      assertThat(executable.verify(TestPayload.post("\"text\"")).statusCode()).isEqualTo(400);
    }
  }

  @Nested
  class Statuses {
    @Test
    void malformedJsonIs400() {
      assertStatus(Properties.webhook(), TestPayload.post("{\"id\": "), 400, "malformed JSON");
    }

    @Test
    void wrongMethodIs405() {
      var response =
          TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()))
              .verify(TestPayload.post(EVENT).withMethod("PUT"));
      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers()).containsEntry("Allow", "POST");
    }

    @Test
    void anyMethodAcceptsGetWithAnEventButNeverWithoutOne() {
      var context = new TestInboundContext(Properties.webhook().set("method", "any").build());
      var response =
          TestWebhooks.activate(context).verify(TestPayload.post(EVENT).withMethod("GET"));
      assertThat(response.statusCode()).isEqualTo(200);
      // A body is required: an empty request creates nothing.
      var empty =
          TestWebhooks.activate(context)
              .verify(
                  new TestPayload(
                      "GET",
                      Map.of("Content-Type", "application/json"),
                      Map.of("q", "1"),
                      new byte[0]));
      assertThat(empty.statusCode()).isEqualTo(400);
      // A HEAD probe never starts a process, even with "any".
      var head =
          TestWebhooks.activate(context)
              .verify(new TestPayload("HEAD", Map.of(), Map.of(), new byte[0]));
      assertThat(head.statusCode()).isEqualTo(405);
    }

    @Test
    void oversizedBodyIs413() {
      assertStatus(
          Properties.webhook().set("maxBodyBytes", "100"),
          TestPayload.post(EVENT),
          413,
          "larger than 100 bytes");
    }

    @Test
    void theDefaultLimitIsOneMebibyte() {
      var big = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
      assertStatus(Properties.webhook(), TestPayload.post(big), 413, "1048576");
    }

    @Test
    void theRequestContractCarriesTheTimeBudget() {
      var configured =
          TestWebhooks.activate(
              new TestInboundContext(Properties.webhook().set("timeBudgetMillis", "1500").build()));
      var defaulted = TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()));

      assertThat(configured.requestContract().orElseThrow().timeBudget())
          .isEqualTo(Duration.ofMillis(1500));
      assertThat(defaulted.requestContract().orElseThrow().timeBudget())
          .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void nonJsonContentTypeIs415() {
      assertStatus(
          Properties.webhook(),
          TestPayload.post(EVENT).withHeader("Content-Type", "text/plain"),
          415,
          "application/json");
      assertStatus(
          Properties.webhook(),
          TestPayload.post(EVENT).withoutHeader("Content-Type"),
          415,
          "application/json");
      assertStatus(
          Properties.webhook(),
          TestPayload.post(EVENT).withHeader("Content-Type", "application/cloudevents+json"),
          200,
          null);
    }

    @Test
    void missingCredentialsAre401NeverA500() {
      assertStatus(
          Properties.webhook()
              .set("auth.type", "basic")
              .set("auth.username", "u")
              .set("auth.password", "p"),
          TestPayload.post(EVENT),
          401,
          "missing Basic credentials");
      assertStatus(
          Properties.webhook()
              .set("auth.type", "apiKey")
              .set("auth.apiKey", "k")
              .set("auth.apiKeyLocator", "=get value(request.headers, \"x-api-key\")"),
          TestPayload.post(EVENT),
          401,
          "missing API key");
      assertStatus(
          Properties.webhook()
              .set("auth.type", "jwt")
              .set("auth.jwksUrl", "http://127.0.0.1:9/jwks"),
          TestPayload.post(EVENT),
          401,
          "missing bearer token");
      assertStatus(
          Properties.webhook().set("signature.type", "controlRoom").set("signature.secret", "s"),
          TestPayload.post(EVENT),
          401,
          "missing signature header x-rc-signature");
    }

    @Test
    void signatureIsCheckedBeforeTheBodyIsParsed() {
      // Not JSON, but unsigned: the caller learns nothing about our parser.
      assertStatus(
          Properties.webhook().set("signature.type", "github").set("signature.secret", "s"),
          TestPayload.post("{not json"),
          401,
          "missing signature");
    }

    @Test
    void unmatchedPatternIs422Or202WhenConsumed() {
      var pattern = "{\"source\": [\"com.example.payments\"]}";
      var context =
          new TestInboundContext(Properties.webhook().set("filter.eventPattern", pattern).build());
      var response = TestWebhooks.activate(context).verify(TestPayload.post(EVENT));
      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(((EventOutcome) response.body()).reason()).isEqualTo("event pattern not matched");
      assertThat(context.correlations()).isEmpty();

      var consuming =
          new TestInboundContext(
              Properties.webhook().set("filter.eventPattern", pattern).consumeUnmatched().build());
      assertThat(TestWebhooks.activate(consuming).verify(TestPayload.post(EVENT)).statusCode())
          .isEqualTo(202);
      assertThat(consuming.correlations()).isEmpty();

      var matching =
          new TestInboundContext(
              Properties.webhook()
                  .set("filter.eventPattern", "{\"source\": [\"com.example.orders\"]}")
                  .build());
      assertThat(TestWebhooks.activate(matching).verify(TestPayload.post(EVENT)).statusCode())
          .isEqualTo(200);
    }

    @Test
    void unmetActivationConditionIs422Or202AsTheElementSays() {
      assertCorrelationStatus(
          new CorrelationResult.Failure.ActivationConditionNotMet(false), 422, "NOT_MATCHED");
      // The runtime reads Modeler's "=true" as false; the element's setting, as we bind it, wins.
      var response =
          TestWebhooks.activate(
                  new TestInboundContext(Properties.webhook().consumeUnmatched("=true").build())
                      .answer(new CorrelationResult.Failure.ActivationConditionNotMet(false)))
              .verify(TestPayload.post(EVENT));
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("IGNORED");
    }

    @Test
    void engineFailuresMapToRetryableStatuses() {
      assertCorrelationStatus(
          new CorrelationResult.Failure.ZeebeClientStatus("RESOURCE_EXHAUSTED", "x"),
          429,
          "ENGINE_BACK_PRESSURE");
      assertCorrelationStatus(
          new CorrelationResult.Failure.ZeebeClientStatus("UNAVAILABLE", "x"),
          503,
          "ENGINE_UNAVAILABLE");
      // The command was sent; its answer did not come in time: maybe applied, so not worded as
      // if nothing happened (the sender still retries).
      assertCorrelationStatus(
          new CorrelationResult.Failure.ZeebeClientStatus("DEADLINE_EXCEEDED", "x"),
          503,
          "OUTCOME_UNKNOWN");
      assertCorrelationStatus(
          new CorrelationResult.Failure.ZeebeClientStatus("INVALID_ARGUMENT", "x"),
          422,
          "ENGINE_REJECTED");
      // What the REST transport's errors become: Failure.Other, which the stock controller turns
      // into 500.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(new ClientHttpException(429, "Too Many Requests")),
          429,
          "ENGINE_BACK_PRESSURE");
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(new ClientHttpException(503, "Unavailable")),
          503,
          "ENGINE_UNAVAILABLE");
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(new ClientHttpException(409, "Conflict")),
          200,
          "DUPLICATE");
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(new ClientHttpException(504, "Gateway Timeout")),
          503,
          "OUTCOME_UNKNOWN");
      // A client timeout, however wrapped, ends the wait and not the command.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(
              new ClientException("timeout", new java.util.concurrent.TimeoutException())),
          503,
          "OUTCOME_UNKNOWN");
      // A connection failure of the client is the engine's trouble: nothing was applied.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(
              new ClientException("connect", new java.net.ConnectException("refused"))),
          503,
          "ENGINE_UNAVAILABLE");
      // What the 8.8 runtime returns when its activity-log write after a successful correlation
      // races another one: the message was published, so never a final 422.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(new java.util.NoSuchElementException()),
          503,
          "OUTCOME_UNKNOWN");
    }

    @Test
    void anActivityLogThatThrowsDoesNotChangeTheAnswer() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .failActivityLog(new java.util.NoSuchElementException());
      var response = TestWebhooks.activate(context).verify(TestPayload.post(EVENT));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(((EventOutcome) response.body()).outcome()).isEqualTo("PROCESS_INSTANCE_CREATED");
    }

    @Test
    void failuresAboutTheEventAre422WithAFixedReason() {
      // What the 8.8 runtime returns for a failing result expression: Failure.Other, not a throw.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(
              new FeelEngineWrapperException(
                  "no such key", "=request.body.detail.decrypted_payload", Map.of("secret", "s3"))),
          422,
          "CORRELATION_FAILED");
      // A message ID expression that evaluates to null fails while the command is built.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(new NullPointerException("messageId")),
          422,
          "CORRELATION_FAILED");
      // Variables computed from the event that the client cannot serialise.
      assertCorrelationStatus(
          new CorrelationResult.Failure.Other(
              new io.camunda.client.api.command.InternalClientException("not serialisable")),
          422,
          "CORRELATION_FAILED");
      var invalid =
          TestWebhooks.activate(
                  new TestInboundContext(Properties.webhook().build())
                      .answer(
                          new CorrelationResult.Failure.InvalidInput(
                              "context {worker_link_token: s3cr3t}", null)))
              .verify(TestPayload.post(EVENT));
      assertThat(invalid.statusCode()).isEqualTo(422);
      var outcome = (EventOutcome) invalid.body();
      assertThat(outcome.outcome()).isEqualTo("CORRELATION_FAILED");
      // The runtime's message can embed the evaluated FEEL context: never passed on.
      assertThat(outcome.reason()).doesNotContain("s3cr3t").doesNotContain("context");
    }

    @Test
    void aFailingElementExpressionIs422() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .answerAlways(
                  request -> {
                    throw new ConnectorInputException("Failed to evaluate expression");
                  });
      var response = TestWebhooks.activate(context).verify(TestPayload.post(EVENT));
      assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void aFailingResultExpressionInABatchIsAnsweredPerElement() {
      var context =
          new TestInboundContext(Properties.webhook().build())
              .answer(new CorrelationResult.Success.MessagePublished(null, 11L, "<default>"))
              .answerAlways(
                  request -> {
                    throw new FeelEngineWrapperException("no such key", "=request.body.x.y", null);
                  });
      var body =
          "[" + Events.orderPlaced("e-1", "o-1") + "," + Events.orderPlaced("e-2", "o-2") + "]";

      var response = TestWebhooks.activate(context).verify(TestPayload.post(body));

      assertThat(((WebhookResponses.BatchAnswer) response.body()).results())
          .extracting(EventOutcome::outcome)
          .containsExactly("MESSAGE_PUBLISHED", "CORRELATION_FAILED");
      assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void anApiKeyReadFromACustomHeaderOrAQueryParameterNeverReachesTheProcess() {
      var context =
          new TestInboundContext(
              Properties.webhook()
                  .set("auth.type", "apiKey")
                  .set("auth.apiKey", "very-secret-key")
                  .set(
                      "auth.apiKeyLocator",
                      "=if get value(request.params, \"token\") != null then get value(request.params, \"token\")"
                          + " else substring after(get value(request.headers, \"x-my-auth\"), \"ApiKey \")")
                  .build());
      var webhook = TestWebhooks.activate(context);

      assertThat(
              webhook
                  .verify(
                      TestPayload.post(EVENT)
                          .withHeader("X-My-Auth", "ApiKey very-secret-key")
                          .withHeader("X-Trace", "t-1"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              webhook
                  .verify(
                      TestPayload.post(Events.orderPlaced("e-2", "o-2"))
                          .withParam("token", "very-secret-key")
                          .withParam("page", "1"))
                  .statusCode())
          .isEqualTo(200);

      MappedHttpRequest fromHeader =
          ((WebhookTriggerResultContext) context.correlations().get(0).getVariables()).request();
      MappedHttpRequest fromParam =
          ((WebhookTriggerResultContext) context.correlations().get(1).getVariables()).request();
      assertThat(fromHeader.headers())
          .containsEntry("x-trace", "t-1")
          .doesNotContainKey("x-my-auth");
      assertThat(fromParam.params()).containsEntry("page", "1").doesNotContainKey("token");
      assertThat(String.valueOf(fromHeader) + fromParam).doesNotContain("very-secret-key");
    }

    @Test
    void responsesNeverEchoSecrets() {
      var response =
          TestWebhooks.activate(
                  new TestInboundContext(
                      Properties.webhook()
                          .set("auth.type", "apiKey")
                          .set("auth.apiKey", "very-secret-key")
                          .set("auth.apiKeyLocator", "=get value(request.headers, \"x-api-key\")")
                          .build()))
              .verify(TestPayload.post(EVENT).withHeader("x-api-key", "wrong-key"));
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(String.valueOf(response.body()))
          .doesNotContain("very-secret-key")
          .doesNotContain("wrong-key");
    }
  }

  @Nested
  class Activation {
    @Test
    void anInvalidPatternFailsActivationNamingTheField() {
      var context =
          new TestInboundContext(
              Properties.webhook().set("filter.eventPattern", "{\"source\": 1}").build());
      assertDownNaming(context, "eventPattern:");
    }

    @Test
    void anInvalidWebhookIdFailsActivation() {
      var context = new TestInboundContext(Properties.webhook().set("context", "../admin").build());
      assertDownNaming(context, "inbound.context");
    }

    @Test
    void hsAlgorithmsCannotBeConfigured() {
      var context =
          new TestInboundContext(
              Properties.webhook()
                  .set("auth.type", "jwt")
                  .set("auth.jwksUrl", "https://issuer.example/jwks")
                  .set("auth.allowedAlgorithms", "RS256,HS256")
                  .build());
      assertDownNaming(context, "jwtAllowedAlgorithms");
    }

    /**
     * A failed activation must not throw: the runtime has already registered the webhook ID and
     * only releases it when an activated executable is deactivated.
     */
    private static void assertDownNaming(TestInboundContext context, String field) {
      var executable = TestWebhooks.activate(context);
      assertThat(context.health().getStatus()).hasToString("DOWN");
      assertThat(context.health().getError().code()).isEqualTo("INVALID_CONFIGURATION");
      assertThat(context.health().getError().message()).contains(field);
      assertThat(executable.verify(TestPayload.post(EVENT)).statusCode()).isEqualTo(503);
    }

    @Test
    void anInactiveWebhookAnswers503() {
      assertThat(new EventBridgeWebhookExecutable().verify(TestPayload.post(EVENT)).statusCode())
          .isEqualTo(503);
    }
  }

  @Nested
  class TriggerWebhookFallback {
    @Test
    void admitsASingleEventForRuntimesThatDoNotCallVerify() {
      var executable = TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()));

      var result =
          executable.triggerWebhook(TestPayload.post(EVENT).withHeader("Authorization", "x"));

      var body = RuntimeBinding.asRuntimeSeesIt(result.request().body());
      assertThat(body).containsEntry("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
      assertThat(result.request().headers()).doesNotContainKey("authorization");
    }

    @Test
    void rejectionsKeepTheirStatusAndBatchesAreRefused() {
      var executable =
          TestWebhooks.activate(
              new TestInboundContext(
                  Properties.webhook()
                      .set("signature.type", "github")
                      .set("signature.secret", "s")
                      .build()));

      assertThatThrownBy(() -> executable.triggerWebhook(TestPayload.post(EVENT)))
          .isInstanceOfSatisfying(
              WebhookConnectorException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
      var open = TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()));
      assertThatThrownBy(() -> open.triggerWebhook(TestPayload.post("[" + EVENT + "]")))
          .isInstanceOfSatisfying(
              WebhookConnectorException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));
    }

    @Test
    void theEventPatternAppliesOnThisPathToo() {
      var filtered =
          TestWebhooks.activate(
              new TestInboundContext(
                  Properties.webhook()
                      .set("filter.eventPattern", "{\"source\": [\"other.source\"]}")
                      .build()));

      assertThatThrownBy(() -> filtered.triggerWebhook(TestPayload.post(EVENT)))
          .isInstanceOfSatisfying(
              WebhookConnectorException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));
    }
  }

  private static void assertStatus(
      Properties properties, TestPayload payload, int status, String reasonPart) {
    WebhookHttpResponse response =
        TestWebhooks.activate(new TestInboundContext(properties.build())).verify(payload);
    assertThat(response.statusCode()).isEqualTo(status);
    if (reasonPart != null) {
      assertThat(((WebhookResponses.Rejection) response.body()).reason()).contains(reasonPart);
    }
  }

  private static void assertCorrelationStatus(
      CorrelationResult result, int status, String outcome) {
    var response =
        TestWebhooks.activate(new TestInboundContext(Properties.webhook().build()).answer(result))
            .verify(TestPayload.post(EVENT));
    assertThat(response.statusCode()).as(result.toString()).isEqualTo(status);
    assertThat(((EventOutcome) response.body()).outcome()).isEqualTo(outcome);
  }
}
