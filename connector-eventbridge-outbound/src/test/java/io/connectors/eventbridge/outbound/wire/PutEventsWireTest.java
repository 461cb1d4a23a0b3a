package io.connectors.eventbridge.outbound.wire;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camunda.connector.api.error.ConnectorException;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.auth.StaticCredentialsAuthentication;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.EventBatch;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.EventInput;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import io.connectors.eventbridge.outbound.send.ErrorCodes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector through the real AWS SDK against a local HTTP server: what goes on the wire, and
 * what the connector makes of each kind of answer.
 */
class PutEventsWireTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static WireMockServer server;
  private static CachingEventBridgeClientSupplier clients;

  private final List<Duration> sleeps = new ArrayList<>();
  private EventBridgePutEventsFunction connector;

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    clients = new CachingEventBridgeClientSupplier(4);
  }

  @AfterAll
  static void stopServer() {
    clients.close();
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    sleeps.clear();
    connector =
        new EventBridgePutEventsFunction(
            clients,
            new OutboundMetrics(new SimpleMeterRegistry(), clients::size),
            sleeps::add,
            System::nanoTime);
  }

  private AwsConfiguration configuration(String region) {
    return new AwsConfiguration(region, server.baseUrl(), null, null, 3);
  }

  private PutEventsRequest request(EventInput input) {
    return new PutEventsRequest(
        new StaticCredentialsAuthentication("AKIDEXAMPLE", SECRET_KEY, null),
        configuration("eu-central-1"),
        input);
  }

  private static SingleEvent orderPlaced() {
    return new SingleEvent(
        "orders",
        "com.example.orders",
        "OrderPlaced",
        Map.of("orderId", "42"),
        List.of("arn:aws:s3:::bucket"),
        "2026-01-31T12:00:00Z",
        null);
  }

  private static EventBatch batchOf(int count, int detailChars) {
    return new EventBatch(
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    new EventEntry(
                        null,
                        "com.example",
                        "Tick",
                        Map.of("n", i, "pad", "x".repeat(detailChars)),
                        null,
                        null,
                        null))
            .toList());
  }

  private static String success(int count, int offset) {
    var entries =
        IntStream.range(0, count)
            .mapToObj(i -> "{\"EventId\":\"id-" + (offset + i) + "\"}")
            .toList();
    return "{\"FailedEntryCount\":0,\"Entries\":[" + String.join(",", entries) + "]}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "req-" + Integer.toHexString(body.hashCode()))
        .withBody(body);
  }

  private List<JsonNode> sentEntries() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (LoggedRequest request : server.findAll(postRequestedFor(urlEqualTo("/")))) {
      JSON.readTree(request.getBodyAsString()).get("Entries").forEach(all::add);
    }
    return all;
  }

  @Test
  void sendsAwsJson11WithSigV4AndTheEntries() throws Exception {
    server.stubFor(post("/").willReturn(json(success(1, 0))));

    PutEventsResult result = connector.putEvents(request(orderPlaced()));

    String requestId = "req-" + Integer.toHexString(success(1, 0).hashCode());
    assertThat(result)
        .isEqualTo(
            new PutEventsResult(
                0,
                List.of(EntryResult.success("id-0")),
                List.of("id-0"),
                requestId,
                List.of(requestId)));
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
            .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-central-1/events/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}"))
            .withRequestBody(
                equalToJson(
                    """
                {"Entries":[{"EventBusName":"orders","Source":"com.example.orders","DetailType":"OrderPlaced",
                 "Detail":"{\\"orderId\\":\\"42\\"}","Resources":["arn:aws:s3:::bucket"],"Time":1769860800}]}
                """)));
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/"))).getFirst().getBodyAsString())
        .doesNotContain(SECRET_KEY);
  }

  @Test
  void signsForTheConfiguredRegionThroughTheEndpointOverride() throws Exception {
    server.stubFor(post("/").willReturn(json(success(1, 0))));
    var inUsWest =
        new PutEventsRequest(
            new StaticCredentialsAuthentication("AKIDEXAMPLE", SECRET_KEY, "session-token-value"),
            configuration("us-west-2"),
            orderPlaced());

    connector.putEvents(inUsWest);

    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Host", equalTo("localhost:" + server.port()))
            .withHeader("X-Amz-Security-Token", equalTo("session-token-value"))
            .withHeader("Authorization", containing("/us-west-2/events/aws4_request")));
  }

  @Test
  void retriesOnlyTheEntriesThatFailedRetryablyAndKeepsRequestOrder() throws Exception {
    server.stubFor(
        post("/")
            .inScenario("partial")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                json(
                    """
            {"FailedEntryCount":2,"Entries":[{"EventId":"id-0"},{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded"},
             {"EventId":"id-2"},{"ErrorCode":"InternalFailure","ErrorMessage":"oops"}]}"""))
            .willSetStateTo("retried"));
    server.stubFor(
        post("/")
            .inScenario("partial")
            .whenScenarioStateIs("retried")
            .willReturn(
                json(
                    "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"id-1\"},{\"EventId\":\"id-3\"}]}")));

    PutEventsResult result = connector.putEvents(request(batchOf(4, 0)));

    assertThat(result.eventIds()).containsExactly("id-0", "id-1", "id-2", "id-3");
    assertThat(result.failedEntryCount()).isZero();
    assertThat(result.requestIds()).hasSize(2);
    List<JsonNode> sent = sentEntries();
    assertThat(sent).hasSize(6);
    assertThat(sent.subList(4, 6))
        .extracting(e -> JSON.readTree(e.get("Detail").asText()).get("n").asInt())
        .containsExactly(1, 3);
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.getFirst()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void throttlingThatPersistsEndsInTheThrottledCodeAfterTheConfiguredAttempts() {
    server.stubFor(
        post("/")
            .willReturn(
                json(
                    "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}]}")));

    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.THROTTLED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "EventBridge rejected 1 of 1 events: event: ThrottlingException \"Rate exceeded\". "
                          + "0 of 1 events were put; a retry of this job sends only the 1 not put.");
              assertThat(e.getErrorVariables())
                  .containsEntry("failedEntryCount", 1)
                  .containsEntry("putEntryCount", 0);
            });
    server.verify(3, postRequestedFor(urlEqualTo("/")));
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void nonRetryableEntryErrorsAreNotResentAndAreListed() {
    server.stubFor(
        post("/")
            .willReturn(
                json(
                    """
        {"FailedEntryCount":2,"Entries":[{"EventId":"id-0"},{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."},
         {"ErrorCode":"AccessDeniedException","ErrorMessage":"not allowed"}]}""")));

    assertThatThrownBy(() -> connector.putEvents(request(batchOf(3, 0))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.PARTIAL_FAILURE);
              // AWS's text is quoted as it came, so its own full stop never doubles ours.
              assertThat(e.getMessage())
                  .isEqualTo(
                      "EventBridge rejected 2 of 3 events: event.events[1]: MalformedDetail \"Detail is malformed.\"; "
                          + "event.events[2]: AccessDeniedException \"not allowed\". 1 of 3 events were put; a retry of this job sends only the 2 not put.")
                  .doesNotContain("..");
              assertThat(e.getErrorVariables()).containsEntry("eventIds", List.of("id-0"));
            });
    server.verify(1, postRequestedFor(urlEqualTo("/")));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void entriesDeniedForTheirSourceGiveTheAccessDeniedCode() {
    server.stubFor(
        post("/")
            .willReturn(
                json(
                    "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"NotAuthorizedForSourceException\",\"ErrorMessage\":\"Not authorized for the source.\"}]}")));

    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.ACCESS_DENIED));
  }

  @Test
  void requestLevelAccessDeniedAndUnknownBusHaveTheirOwnCodes() {
    server.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"AccessDeniedException\",\"Message\":\"User is not authorized to perform: events:PutEvents\"}")));
    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.ACCESS_DENIED);
              assertThat(e.getMessage())
                  .contains("HTTP 400 AccessDeniedException: \"User is not authorized")
                  .doesNotContain(SECRET_KEY);
            });

    server.resetAll();
    server.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Event bus orders does not exist.\"}")));
    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.BUS_NOT_FOUND);
              assertThat(e.getMessage()).contains("Event bus orders does not exist.");
            });
  }

  @Test
  void http5xxFailsTheJobWithTheServiceErrorCodeAfterTheSdkRetries() {
    server.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}")));

    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR);
              assertThat(e.getMessage()).startsWith("EventBridge answered HTTP 503");
            });
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/")))).hasSizeGreaterThan(1);
  }

  @Test
  void anUnreachableEndpointGivesTheConnectionFailedCode() {
    var unreachable =
        new PutEventsRequest(
            new StaticCredentialsAuthentication("AKIDEXAMPLE", SECRET_KEY, null),
            new AwsConfiguration("eu-central-1", "http://127.0.0.1:1", null, null, 1),
            orderPlaced());

    assertThatThrownBy(() -> connector.putEvents(unreachable))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.CONNECTION_FAILED));
  }

  @Test
  void aBatchOf25EventsTakesThreeCallsWithResultsInRequestOrder() throws Exception {
    server.stubFor(
        post("/")
            .inScenario("b")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(success(10, 0)))
            .willSetStateTo("2"));
    server.stubFor(
        post("/")
            .inScenario("b")
            .whenScenarioStateIs("2")
            .willReturn(json(success(10, 10)))
            .willSetStateTo("3"));
    server.stubFor(
        post("/").inScenario("b").whenScenarioStateIs("3").willReturn(json(success(5, 20))));

    PutEventsResult result = connector.putEvents(request(batchOf(25, 0)));

    server.verify(3, postRequestedFor(urlEqualTo("/")));
    assertThat(result.eventIds())
        .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "id-" + i).toList());
    assertThat(sentEntries())
        .extracting(e -> JSON.readTree(e.get("Detail").asText()).get("n").asInt())
        .containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
    assertThat(result.requestIds()).hasSize(3);
  }

  @Test
  void anOversizedBatchIsSplitByTheConfiguredSizeLimit() throws Exception {
    server.stubFor(post("/").willReturn(json(success(2, 0))));
    // Each entry is about 60 KB; a 128 KiB limit allows two per call.
    var smallLimit =
        new PutEventsRequest(
            new StaticCredentialsAuthentication("AKIDEXAMPLE", SECRET_KEY, null),
            new AwsConfiguration("eu-central-1", server.baseUrl(), null, 131_072, 1),
            batchOf(6, 60_000));

    connector.putEvents(smallLimit);

    var calls = server.findAll(postRequestedFor(urlEqualTo("/")));
    assertThat(calls).hasSize(3);
    for (LoggedRequest call : calls) {
      assertThat(JSON.readTree(call.getBodyAsString()).get("Entries")).hasSize(2);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallThatFailsAfterEarlierOnesSucceededSaysHowManyEventsWereAlreadyPut() {
    server.stubFor(
        post("/")
            .inScenario("late")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(success(10, 0)))
            .willSetStateTo("second chunk"));
    server.stubFor(
        post("/")
            .inScenario("late")
            .whenScenarioStateIs("second chunk")
            .willReturn(
                json(
                    """
            {"FailedEntryCount":1,"Entries":[{"EventId":"id-10"},{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded"}]}"""))
            .willSetStateTo("down"));
    server.stubFor(
        post("/")
            .inScenario("late")
            .whenScenarioStateIs("down")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}")));

    assertThatThrownBy(() -> connector.putEvents(request(batchOf(12, 0))))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR);
              // Ten from the first call and one from the first attempt of the second.
              assertThat(e.getMessage())
                  .endsWith(
                      "11 of 12 events were put; a retry of this job sends only the 1 not put.");
              // Every input event has its entry, in input order: the last one was never sent.
              List<EntryResult> entries = (List<EntryResult>) e.getErrorVariables().get("entries");
              assertThat(entries).hasSize(12);
              assertThat(entries.subList(0, 11))
                  .extracting(EntryResult::eventId)
                  .containsExactlyElementsOf(
                      IntStream.range(0, 11).mapToObj(i -> "id-" + i).toList());
              assertThat(entries.get(11).errorCode()).isEqualTo(EntryResult.NOT_SENT);
              assertThat(e.getErrorVariables())
                  .containsEntry("failedEntryCount", 1)
                  .containsEntry("putEntryCount", 11);
            });
  }

  @Test
  void nothingIsSentWhenAnyEventIsInvalid() {
    var mixed =
        new EventBatch(
            List.of(
                new EventEntry(null, "ok", "T", Map.of(), null, null, null),
                new EventEntry(null, "aws.nope", "T", Map.of(), null, null, null)));

    assertThatThrownBy(() -> connector.putEvents(request(mixed)))
        .hasMessageContaining("event.events[1].source: must not start with 'aws.'");
    server.verify(0, postRequestedFor(urlEqualTo("/")));
  }
}
