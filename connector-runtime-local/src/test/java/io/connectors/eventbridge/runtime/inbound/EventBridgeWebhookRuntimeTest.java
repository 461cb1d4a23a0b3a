package io.connectors.eventbridge.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.testsupport.JwksServer;
import io.connectors.eventbridge.testsupport.Jwts;
import io.connectors.eventbridge.testsupport.WebhookSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The EventBridge webhook connector on the real runtime: real HTTP to {@code /inbound/{id}}, the
 * Spring webhook controller, the runtime's correlation, and the in-memory engine, asserting on what
 * the engine recorded.
 *
 * <p>Engine back-pressure (429) and an unavailable engine (503) cannot be produced with the shared
 * in-memory engine without breaking the other tests; their mapping is covered by the connector
 * module's unit tests.
 */
@LocalRuntimeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBridgeWebhookRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTROL_ROOM_SECRET = "runtime-test-secret";

  @Autowired LocalRuntime runtime;

  private final HttpClient http = HttpClient.newHttpClient();
  private JwksServer jwksServer;
  private RSAKey signingKey;

  @BeforeAll
  void deployAndAwaitWebhooks() throws Exception {
    signingKey = Jwts.rsaKey("runtime-test-key");
    jwksServer = JwksServer.serving(signingKey);

    runtime.deployResource("bpmn/inbound/eventbridge-start-event.bpmn");
    runtime.deployResource("bpmn/inbound/eventbridge-message-start-event.bpmn");
    runtime.deployResource("bpmn/inbound/eventbridge-intermediate-catch-event.bpmn");
    var jwtModel =
        resource("bpmn/inbound/eventbridge-jwt-start-event.bpmn")
            .replace("JWKS_PORT", String.valueOf(jwksServer.port()));
    runtime
        .client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(jwtModel, "eventbridge-jwt-start-event.bpmn")
        .send()
        .join();

    for (var webhook : List.of("eb-inbound-start", "eb-inbound-message-start", "eb-inbound-jwt")) {
      runtime.awaitWebhook(webhook, TIMEOUT);
    }
  }

  @AfterAll
  void stopJwks() {
    jwksServer.close();
  }

  @Nested
  class StartEvent {
    @Test
    void anEventCreatesAnInstanceWithItsData() throws Exception {
      var response = post("eb-inbound-start", orderPlaced("evt-start-1", "o-start-1"), Map.of());

      assertThat(response.statusCode()).isEqualTo(200);
      var body = JSON.readTree(response.body());
      assertThat(body.get("outcome").asText()).isEqualTo("PROCESS_INSTANCE_CREATED");
      long key = body.get("processInstanceKey").asLong();
      var completed = runtime.awaitCompleted(key, TIMEOUT);
      assertThat(completed.variables())
          .containsEntry("orderId", "o-start-1")
          .containsEntry("eventId", "evt-start-1");
    }

    @Test
    void aBatchedArrayCorrelatesEachElementAndAnswersPerElement() throws Exception {
      var batch =
          "["
              + orderPlaced("evt-batch-1", "o-batch-1")
              + ","
              + orderPlaced("evt-batch-2", "o-batch-2")
                  .replace("com.example.orders", "com.example.other")
              + ","
              + orderPlaced("evt-batch-3", "o-batch-3")
              + "]";

      var response = post("eb-inbound-start", batch, Map.of());

      var body = JSON.readTree(response.body());
      var results = body.get("results");
      assertThat(results).hasSize(3);
      assertThat(results.get(0).get("outcome").asText()).isEqualTo("PROCESS_INSTANCE_CREATED");
      assertThat(results.get(1).get("outcome").asText()).isEqualTo("NOT_MATCHED");
      assertThat(results.get(1).get("status").asInt()).isEqualTo(422);
      assertThat(results.get(2).get("outcome").asText()).isEqualTo("PROCESS_INSTANCE_CREATED");
      // One element can never match: no point in EventBridge redelivering the batch.
      assertThat(response.statusCode()).isEqualTo(422);
      for (int i : new int[] {0, 2}) {
        var completed =
            runtime.awaitCompleted(results.get(i).get("processInstanceKey").asLong(), TIMEOUT);
        assertThat(completed.variables()).containsEntry("eventId", "evt-batch-" + (i + 1));
      }
    }

    @Test
    void anEventOutsideThePatternIs422AndCreatesNothing() throws Exception {
      var before = runtime.instancesOf("eb-inbound-start");
      var response =
          post(
              "eb-inbound-start",
              orderPlaced("evt-nomatch", "o-nomatch").replace("OrderPlaced", "OrderCancelled"),
              Map.of());

      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(response.body()).get("reason").asText())
          .isEqualTo("event pattern not matched");
      // The pattern is decided before anything is correlated, and the answer comes after that.
      assertThat(runtime.instancesOf("eb-inbound-start")).isEqualTo(before);
    }

    @Test
    void malformedJsonIs400() throws Exception {
      assertThat(post("eb-inbound-start", "{\"id\": ", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
      var big = orderPlaced("evt-big", "x".repeat(5000));
      var response = post("eb-inbound-start", big, Map.of());
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("larger than 4096 bytes");
    }

    @Test
    void aNonJsonContentTypeIs415() throws Exception {
      var response =
          send(
              HttpRequest.newBuilder(runtime.webhookUrl("eb-inbound-start"))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString(orderPlaced("evt-text", "o-text"))));
      assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void aWrongMethodIs405() throws Exception {
      var response =
          send(
              HttpRequest.newBuilder(runtime.webhookUrl("eb-inbound-start"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(orderPlaced("evt-put", "o-put"))));
      assertThat(response.statusCode()).isEqualTo(405);
    }
  }

  @Nested
  class MessageStartEvent {
    @Test
    void aRedeliveredEventIdCreatesNothingTwice() throws Exception {
      var event = orderPlaced("evt-redelivered-1", "o-redelivered-1");

      var first = post("eb-inbound-message-start", event, signed(event));
      var second = post("eb-inbound-message-start", event, signed(event));

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(first.body()).get("outcome").asText())
          .isEqualTo("MESSAGE_PUBLISHED");
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(second.body()).get("outcome").asText()).isEqualTo("DUPLICATE");
      // Both answers came after their correlation: a second instance would exist by now.
      runtime.awaitCompleted("eb-inbound-message-start", TIMEOUT);
      assertThat(instancesWithVariable("eb-inbound-message-start", "eventId", "evt-redelivered-1"))
          .isEqualTo(1);
    }

    @Test
    void aMissingOrWrongSignatureIs401() throws Exception {
      var event = orderPlaced("evt-unsigned", "o-unsigned");

      var unsigned = post("eb-inbound-message-start", event, Map.of());
      assertThat(unsigned.statusCode()).isEqualTo(401);
      assertThat(unsigned.body()).contains("missing signature header x-rc-signature");

      var forged =
          post("eb-inbound-message-start", event, Map.of("x-rc-signature", "00".repeat(32)));
      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(forged.body()).doesNotContain(CONTROL_ROOM_SECRET);
    }
  }

  @Nested
  class IntermediateCatchEvent {
    @Test
    void aPaymentIsCorrelatedToTheWaitingInstanceByOrderId() throws Exception {
      var waiting =
          runtime
              .client()
              .newCreateInstanceCommand()
              .bpmnProcessId("eb-inbound-catch")
              .latestVersion()
              .variables(Map.of("orderId", "o-catch-1"))
              .send()
              .join()
              .getProcessInstanceKey();
      runtime.awaitWebhook("eb-inbound-catch", TIMEOUT);
      var payment =
          orderPlaced("evt-payment-1", "o-catch-1")
              .replace("OrderPlaced", "PaymentConfirmed")
              .replace("\"amount\":42", "\"paymentId\":\"pay-1\"");

      var response =
          LocalRuntime.await(
              "the message to be correlated",
              TIMEOUT,
              () -> {
                var attempt =
                    postQuietly(
                        "eb-inbound-catch", payment, Map.of("x-api-key", "runtime-test-api-key"));
                return attempt.statusCode() == 200 ? Optional.of(attempt) : Optional.empty();
              });

      assertThat(JSON.readTree(response.body()).get("outcome").asText())
          .isEqualTo("MESSAGE_PUBLISHED");
      var completed = runtime.awaitCompleted(waiting, TIMEOUT);
      assertThat(completed.variables()).containsEntry("paymentId", "pay-1");
    }

    @Test
    void aWrongApiKeyIs401() throws Exception {
      runtime
          .client()
          .newCreateInstanceCommand()
          .bpmnProcessId("eb-inbound-catch")
          .latestVersion()
          .variables(Map.of("orderId", "o-catch-2"))
          .send()
          .join();
      runtime.awaitWebhook("eb-inbound-catch", TIMEOUT);

      var response =
          post(
              "eb-inbound-catch",
              orderPlaced("evt-payment-2", "o-catch-2"),
              Map.of("x-api-key", "wrong"));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body())
          .contains("invalid API key")
          .doesNotContain("runtime-test-api-key");
    }
  }

  @Nested
  class JwtStartEvent {
    @Test
    void aValidTokenWithTheRequiredRoleCreatesAnInstance() throws Exception {
      var response =
          post(
              "eb-inbound-jwt",
              orderPlaced("evt-jwt-1", "o-jwt-1"),
              Map.of("Authorization", "Bearer " + token(List.of("order-publisher"))));

      assertThat(response.statusCode()).isEqualTo(200);
      runtime.awaitCompleted(
          JSON.readTree(response.body()).get("processInstanceKey").asLong(), TIMEOUT);
    }

    @Test
    void aTokenWithoutTheRoleIs403() throws Exception {
      var response =
          post(
              "eb-inbound-jwt",
              orderPlaced("evt-jwt-2", "o-jwt-2"),
              Map.of("Authorization", "Bearer " + token(List.of("reader"))));

      assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void noTokenOrAnUnsignedOneIs401NeverA500() throws Exception {
      assertThat(post("eb-inbound-jwt", orderPlaced("evt-jwt-3", "o-jwt-3"), Map.of()).statusCode())
          .isEqualTo(401);
      var unsigned =
          new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().subject("x").build())
              .serialize();
      assertThat(
              post(
                      "eb-inbound-jwt",
                      orderPlaced("evt-jwt-4", "o-jwt-4"),
                      Map.of("Authorization", "Bearer " + unsigned))
                  .statusCode())
          .isEqualTo(401);
    }

    /** For the model's issuer and audience, which are {@link Jwts}'s. */
    private String token(List<String> roles) {
      return Jwts.rs256(
          signingKey, Jwts.claims().claim("realm_access", Map.of("roles", roles)).build());
    }
  }

  private static String orderPlaced(String id, String orderId) {
    return """
    {"version":"0","id":"%s","detail-type":"OrderPlaced","source":"com.example.orders",\
    "account":"111122223333","time":"2026-01-01T00:00:00Z","region":"eu-west-1","resources":[],\
    "detail":{"orderId":"%s","amount":42}}\
    """
        .formatted(id, orderId);
  }

  /** What Control Room sends: hex HMAC-SHA256 of the raw body in x-rc-signature. */
  private static Map<String, String> signed(String body) {
    return Map.of(
        WebhookSignatures.CONTROL_ROOM_HEADER,
        WebhookSignatures.controlRoom(body, CONTROL_ROOM_SECRET));
  }

  private HttpResponse<String> post(String webhookId, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(runtime.webhookUrl(webhookId))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Amazon/EventBridge/ApiDestinations")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  private HttpResponse<String> postQuietly(
      String webhookId, String body, Map<String, String> headers) {
    try {
      return post(webhookId, body, headers);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private long instancesWithVariable(String bpmnProcessId, String name, String value) {
    return runtime.instanceKeys(bpmnProcessId).stream()
        .filter(key -> value.equals(runtime.variables(key).get(name)))
        .count();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in =
        EventBridgeWebhookRuntimeTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
