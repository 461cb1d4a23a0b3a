package io.connectors.eventbridge.runtime.local.bus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetter;
import io.connectors.eventbridge.runtime.local.bus.delivery.DeadLetterLog;
import io.connectors.eventbridge.runtime.support.CompletedInstance;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Rule matching and API-destination-style delivery to a real HTTP target (WireMock), with the
 * runtime's fast test retry settings: 3 attempts, 50 ms initial backoff.
 */
@LocalRuntimeTest
@ExtendWith(OutputCaptureExtension.class)
class LocalEventBusDeliveryTest {

  private static final String API_KEY = "api-key-" + UUID.randomUUID();
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static WireMockServer target;

  @Autowired LocalRuntime runtime;
  private static final String DELIVERIES = "eventbridge_localbus_deliveries_total";

  @Autowired DeadLetterLog deadLetters;

  @BeforeAll
  static void startTarget() {
    target = new WireMockServer(options().dynamicPort());
    target.start();
    target.stubFor(post("/orders").willReturn(ok()));
    target.stubFor(post("/slow").willReturn(ok().withFixedDelay(1500)));
    target.stubFor(post("/rejecting").willReturn(aResponse().withStatus(400)));
    target.stubFor(
        post("/down").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
    target.stubFor(
        post("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    target.stubFor(
        post("/flaky").inScenario("flaky").whenScenarioStateIs("recovered").willReturn(ok()));
  }

  @AfterAll
  static void stopTarget() {
    target.stop();
  }

  @Autowired
  void writeRules(LocalRuntime runtime) {
    // Secrets come from placeholders, as a user would take them from the environment.
    System.setProperty("LOCAL_BUS_TEST_API_KEY", API_KEY);
    System.setProperty("LOCAL_BUS_TEST_PASSWORD", PASSWORD);
    // A secret pasted with its trailing newline: no valid header can carry it.
    System.setProperty("LOCAL_BUS_TEST_BROKEN_KEY", "broken-key-value\n");
    String base = "http://localhost:" + target.port();
    runtime.writeBusRules(
        """
        rules:
          - name: orders-to-fulfilment
            eventPattern:
              source: ["shop.checkout"]
              detail-type: ["OrderPlaced"]
              detail:
                amount: [{ "numeric": [">", 100] }]
            targets:
              - url: %1$s/orders
                auth:
                  apiKey: { header: x-api-key, value: "${LOCAL_BUS_TEST_API_KEY}" }
          - name: slow
            eventPattern: '{"detail-type": ["Slow"]}'
            targets: [{ url: "%1$s/slow" }]
          - name: rejecting
            eventPattern: { detail-type: ["Rejected"] }
            targets: [{ url: "%1$s/rejecting" }]
          - name: broken-header
            eventPattern: { detail-type: ["BrokenHeader"] }
            targets:
              - url: %1$s/broken
                auth:
                  apiKey: { header: x-api-key, value: "${LOCAL_BUS_TEST_BROKEN_KEY}" }
          - name: down
            eventPattern: { detail-type: ["Down"] }
            targets: [{ url: "%1$s/down" }]
          - name: to-own-webhook
            eventPattern: { source: ["shop.checkout"], detail-type: ["RoundTrip"] }
            targets: [{ url: "http://localhost:${local.server.port}/inbound/rt-bus-round-trip" }]
          - name: flaky
            eventBusName: orders-bus
            eventPattern: { detail-type: ["Flaky"] }
            targets:
              - url: %1$s/flaky
                auth:
                  basic: { username: bus, password: "${LOCAL_BUS_TEST_PASSWORD}" }
        """
            .formatted(base));
  }

  @Test
  void matchingEventIsDeliveredAsAnApiDestinationWould(CapturedOutput output) throws Exception {
    String eventId = putEvent("default", "OrderPlaced", "{\"orderId\":\"42\",\"amount\":250}");
    String unmatched = putEvent("default", "OrderPlaced", "{\"orderId\":\"43\",\"amount\":5}");

    LoggedRequest request = awaitRequests("/orders", 1).getFirst();

    assertThat(request.getHeader("User-Agent")).isEqualTo("Amazon/EventBridge/ApiDestinations");
    // WireMock's Jetty reports the charset upper-cased; the value sent is "utf-8", as AWS sends.
    assertThat(request.getHeader("Content-Type"))
        .isEqualToIgnoringCase("application/json; charset=utf-8");
    assertThat(request.getHeader("x-api-key")).isEqualTo(API_KEY);
    JsonNode event = JSON.readTree(request.getBodyAsString());
    assertThat(event.get("version").asText()).isEqualTo("0");
    assertThat(event.get("id").asText()).isEqualTo(eventId);
    assertThat(event.get("detail-type").asText()).isEqualTo("OrderPlaced");
    assertThat(event.get("source").asText()).isEqualTo("shop.checkout");
    assertThat(event.get("account").asText()).isEqualTo("000000000000");
    assertThat(event.get("region").asText()).isEqualTo("us-east-1");
    assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(event.get("resources").isArray()).isTrue();
    assertThat(event.get("detail").get("orderId").asText()).isEqualTo("42");
    // The amount 5 event does not match the numeric pattern. Rules are matched before PutEvents
    // answers, so by now the bus has decided not to deliver it.
    assertThat(output.getAll()).contains("event " + unmatched + " (shop.checkout / OrderPlaced)");
    assertThat(output.getAll()).containsPattern("event " + unmatched + " .* matched no rule");
    assertThat(target.findAll(postRequestedFor(urlEqualTo("/orders")))).hasSize(1);
    assertThat(output.getAll()).doesNotContain(API_KEY);
  }

  @Test
  void eventCrossesTheBusToAWebhookThatStartsAProcess() throws Exception {
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            TestProcesses.webhookStart("rt-bus-round-trip", "rt-bus-round-trip"), "rt-bus.bpmn")
        .send()
        .join();
    runtime.awaitWebhook("rt-bus-round-trip", Duration.ofSeconds(5));

    String eventId = putEvent("default", "RoundTrip", "{\"orderId\":\"rt-1\"}");

    CompletedInstance done = runtime.awaitCompleted("rt-bus-round-trip", Duration.ofSeconds(10));
    @SuppressWarnings("unchecked")
    var webhook = (Map<String, Object>) done.variables().get("webhook");
    @SuppressWarnings("unchecked")
    var body = (Map<String, Object>) ((Map<String, Object>) webhook.get("request")).get("body");
    assertThat(body).containsEntry("id", eventId).containsEntry("detail-type", "RoundTrip");
    assertThat(body.get("detail")).isEqualTo(Map.of("orderId", "rt-1"));
  }

  @Test
  void putEventsDoesNotWaitForTheTarget() throws Exception {
    Instant start = Instant.now();
    putEvent("default", "Slow", "{}");

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1000));
    awaitRequests("/slow", 1);
  }

  @Test
  void serverErrorIsRetriedUntilTheTargetRecovers(CapturedOutput output) throws Exception {
    target.resetScenarios();
    int before = requestCount("/flaky");
    double delivered = runtime.metric(DELIVERIES, "outcome=\"delivered\"");
    String eventId =
        putEvent("arn:aws:events:us-east-1:000000000000:event-bus/orders-bus", "Flaky", "{}");

    List<LoggedRequest> requests = awaitRequests("/flaky", before + 2);

    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("bus:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(requests).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic));
    // Once the bus counts the delivery as done, no further attempt can follow.
    awaitMetricAbove(DELIVERIES, delivered, "outcome=\"delivered\"");
    assertThat(requestCount("/flaky")).isEqualTo(before + 2);
    assertThat(deadLetters.recent()).noneMatch(d -> d.eventId().equals(eventId));
    assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(basic);
  }

  @Test
  void prometheusCountsDeliveriesRetriesAndDeadLetters() throws Exception {
    target.resetScenarios();
    double delivered = runtime.metric(DELIVERIES, "outcome=\"delivered\"");
    double retries = runtime.metric("eventbridge_localbus_delivery_retries_total");
    double rejected = runtime.metric(DELIVERIES, "cause=\"not_retryable\"");
    double exhausted = runtime.metric(DELIVERIES, "cause=\"retries_exhausted\"");

    putEvent("arn:aws:events:us-east-1:000000000000:event-bus/orders-bus", "Flaky", "{}");
    putEvent("default", "Rejected", "{}");
    putEvent("default", "Down", "{}");

    awaitMetricAbove(DELIVERIES, delivered, "outcome=\"delivered\"");
    awaitMetricAbove(DELIVERIES, rejected, "cause=\"not_retryable\"");
    awaitMetricAbove(DELIVERIES, exhausted, "cause=\"retries_exhausted\"");
    assertThat(runtime.metric(DELIVERIES, "outcome=\"delivered\"")).isEqualTo(delivered + 1);
    assertThat(runtime.metric(DELIVERIES, "cause=\"not_retryable\"")).isEqualTo(rejected + 1);
    assertThat(runtime.metric(DELIVERIES, "cause=\"retries_exhausted\"")).isEqualTo(exhausted + 1);
    // One retry for the flaky target, two for the one that stays down (3 attempts).
    assertThat(runtime.metric("eventbridge_localbus_delivery_retries_total"))
        .isEqualTo(retries + 3);
  }

  @Test
  void clientErrorIsNotRetriedAndGoesToTheDeadLetterLog() throws Exception {
    int before = requestCount("/rejecting");
    String eventId = putEvent("default", "Rejected", "{}");

    DeadLetter letter = awaitDeadLetter(eventId);

    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(letter.reason()).contains("HTTP 400").contains("not retryable");
    assertThat(letter.rule()).isEqualTo("rejecting");
    assertThat(requestCount("/rejecting")).isEqualTo(before + 1);
  }

  @Test
  void aHeaderThatCannotBeSentIsDeadLetteredWithoutEchoingItAndTheBusKeepsWorking()
      throws Exception {
    String eventId = putEvent("default", "BrokenHeader", "{}");

    DeadLetter letter = awaitDeadLetter(eventId);

    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(letter.reason())
        .contains("could not be built or sent")
        .doesNotContain("broken-key-value");
    assertThat(target.findAll(postRequestedFor(urlEqualTo("/broken")))).isEmpty();
    // The delivery slot was released: the next event of another rule is still delivered.
    int before = target.findAll(postRequestedFor(urlEqualTo("/slow"))).size();
    putEvent("default", "Slow", "{}");
    awaitRequests("/slow", before + 1);
  }

  @Test
  void exhaustedRetriesEndInTheDeadLetterLogAndEndpoint() throws Exception {
    String eventId = putEvent("default", "Down", "{\"n\":1}");

    DeadLetter letter = awaitDeadLetter(eventId);

    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.reason()).contains("HTTP 503").contains("retries exhausted");
    assertThat(letter.target()).isEqualTo("http://localhost:" + target.port() + "/down");
    assertThat(letter.event().get("id").asText()).isEqualTo(eventId);
    var endpoint =
        HTTP.send(
            HttpRequest.newBuilder(
                    runtime.baseUrl().resolve(LocalEventBusController.DEAD_LETTERS_PATH))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(endpoint.statusCode()).isEqualTo(200);
    assertThat(endpoint.body()).contains(eventId);
  }

  private String putEvent(String bus, String detailType, String detail) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "Entries",
                List.of(
                    Map.of(
                        "Source", "shop.checkout",
                        "DetailType", detailType,
                        "Detail", detail,
                        "EventBusName", bus))));
    var response =
        HTTP.send(
            HttpRequest.newBuilder(runtime.localBusEndpoint())
                .header("X-Amz-Target", "AWSEvents.PutEvents")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("FailedEntryCount").asInt()).isZero();
    return answer.get("Entries").get(0).get("EventId").asText();
  }

  private List<LoggedRequest> awaitRequests(String path, int count) {
    return LocalRuntime.await(
        count + " request(s) to " + path,
        Duration.ofSeconds(5),
        () -> {
          var requests = target.findAll(postRequestedFor(urlEqualTo(path)));
          return requests.size() >= count ? Optional.of(requests) : Optional.empty();
        });
  }

  private static int requestCount(String path) {
    return target.findAll(postRequestedFor(urlEqualTo(path))).size();
  }

  private void awaitMetricAbove(String metric, double value, String... labels) {
    LocalRuntime.await(
        metric + " above " + value,
        Duration.ofSeconds(5),
        () -> runtime.metric(metric, labels) > value ? Optional.of(true) : Optional.empty());
  }

  private DeadLetter awaitDeadLetter(String eventId) {
    return LocalRuntime.await(
        "a dead letter for " + eventId,
        Duration.ofSeconds(5),
        () -> deadLetters.recent().stream().filter(d -> d.eventId().equals(eventId)).findFirst());
  }
}
