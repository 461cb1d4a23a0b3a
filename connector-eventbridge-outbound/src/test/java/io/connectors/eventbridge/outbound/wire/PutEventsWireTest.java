package io.connectors.eventbridge.outbound.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.connectors.eventbridge.testsupport.CallError;
import io.connectors.eventbridge.testsupport.CallFaults;
import io.connectors.eventbridge.testsupport.EntryError;
import io.connectors.eventbridge.testsupport.EntryFaults;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import io.connectors.eventbridge.testsupport.RecordedRequest;
import io.connectors.eventbridge.testsupport.SentEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private static FakeEventBridge server;
  private static CachingEventBridgeClientSupplier clients;

  private final List<Duration> sleeps = new ArrayList<>();
  private EventBridgePutEventsFunction connector;

  @BeforeAll
  static void startServer() {
    server = FakeEventBridge.start();
    clients = new CachingEventBridgeClientSupplier(4);
  }

  @AfterAll
  static void stopServer() {
    clients.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
    sleeps.clear();
    connector =
        new EventBridgePutEventsFunction(
            clients,
            new OutboundMetrics(new SimpleMeterRegistry(), clients::size),
            sleeps::add,
            System::nanoTime);
  }

  private AwsConfiguration configuration(String region) {
    return new AwsConfiguration(region, server.endpoint(), null, null, 3);
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

  /**
   * Equal JSON, numbers compared by value: the SDK writes the timestamp as a double, and JSON does
   * not tell 1769860800 from 1.7698608E9.
   */
  private static void assertSameJson(byte[] actual, String expected) throws Exception {
    Comparator<JsonNode> numbersByValue =
        (a, b) ->
            a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue())
                : a.equals(b) ? 0 : 1;
    JsonNode sent = JSON.readTree(actual);
    JsonNode wanted = JSON.readTree(expected);
    assertThat(sent.equals(numbersByValue, wanted)).as("%s equals %s", sent, wanted).isTrue();
  }

  /** Event n is rejected with the error on its first send; every other send is accepted. */
  private static EntryFaults onFirstSend(Map<Integer, EntryError> errors) {
    return (n, send) -> send == 1 ? Optional.ofNullable(errors.get(n)) : Optional.empty();
  }

  /** The ID event n was accepted with, for events accepted once. */
  private static List<String> acceptedIdsInOrder(int count) {
    return IntStream.range(0, count).mapToObj(n -> server.accepted().get(n).getFirst()).toList();
  }

  @Test
  void sendsAwsJson11WithSigV4AndTheEntries() throws Exception {
    PutEventsResult result = connector.putEvents(request(orderPlaced()));

    String eventId = server.acceptedEventIds().getFirst();
    assertThat(result)
        .isEqualTo(
            new PutEventsResult(
                0,
                List.of(EntryResult.success(eventId)),
                List.of(eventId),
                "req-1",
                List.of("req-1")));
    assertThat(server.requests()).hasSize(1);
    RecordedRequest sent = server.requests().getFirst();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/");
    assertThat(sent.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
    assertThat(sent.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
    assertThat(sent.header("Authorization"))
        .matches(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-central-1/events/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}");
    assertSameJson(
        sent.body(),
        """
                {"Entries":[{"EventBusName":"orders","Source":"com.example.orders","DetailType":"OrderPlaced",
                 "Detail":"{\\"orderId\\":\\"42\\"}","Resources":["arn:aws:s3:::bucket"],"Time":1769860800}]}
                """);
    assertThat(sent.bodyAsString()).doesNotContain(SECRET_KEY);
  }

  @Test
  void signsForTheConfiguredRegionThroughTheEndpointOverride() throws Exception {
    var inUsWest =
        new PutEventsRequest(
            new StaticCredentialsAuthentication("AKIDEXAMPLE", SECRET_KEY, "session-token-value"),
            configuration("us-west-2"),
            orderPlaced());

    connector.putEvents(inUsWest);

    RecordedRequest sent = server.requests().getFirst();
    assertThat(sent.header("Host")).isEqualTo(URI.create(server.endpoint()).getAuthority());
    assertThat(sent.header("X-Amz-Security-Token")).isEqualTo("session-token-value");
    assertThat(sent.header("Authorization")).contains("/us-west-2/events/aws4_request");
  }

  @Test
  void retriesOnlyTheEntriesThatFailedRetryablyAndKeepsRequestOrder() throws Exception {
    server.failEntries(
        onFirstSend(Map.of(1, EntryError.THROTTLED, 3, new EntryError("InternalFailure", "oops"))));

    PutEventsResult result = connector.putEvents(request(batchOf(4, 0)));

    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(4));
    assertThat(result.failedEntryCount()).isZero();
    assertThat(result.requestIds()).hasSize(2);
    List<SentEntry> sent = server.sentEntries();
    assertThat(sent).hasSize(6);
    assertThat(sent.subList(4, 6)).extracting(SentEntry::n).containsExactly(1, 3);
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.getFirst()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void throttlingThatPersistsEndsInTheThrottledCodeAfterTheConfiguredAttempts() {
    server.failEntries(EntryFaults.always(EntryError.THROTTLED));

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
    assertThat(server.calls()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void nonRetryableEntryErrorsAreNotResentAndAreListed() {
    server.failEntries(
        (n, send) ->
            Optional.ofNullable(
                Map.of(
                        1, new EntryError("MalformedDetail", "Detail is malformed."),
                        2, new EntryError("AccessDeniedException", "not allowed"))
                    .get(n)));

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
              assertThat(e.getErrorVariables()).containsEntry("eventIds", acceptedIdsInOrder(1));
            });
    assertThat(server.calls()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void entriesDeniedForTheirSourceGiveTheAccessDeniedCode() {
    server.failEntries(
        EntryFaults.always(
            new EntryError("NotAuthorizedForSourceException", "Not authorized for the source.")));

    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.ACCESS_DENIED));
  }

  @Test
  void requestLevelAccessDeniedAndUnknownBusHaveTheirOwnCodes() {
    server.failCalls(
        CallFaults.always(
            new CallError(
                400,
                "AccessDeniedException",
                "User is not authorized to perform: events:PutEvents",
                "Message")));
    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.ACCESS_DENIED);
              assertThat(e.getMessage())
                  .contains("HTTP 400 AccessDeniedException: \"User is not authorized")
                  .doesNotContain(SECRET_KEY);
            });

    server.failCalls(
        CallFaults.always(
            new CallError(400, "ResourceNotFoundException", "Event bus orders does not exist.")));
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
    server.failCalls(CallFaults.always(CallError.SERVICE_UNAVAILABLE));

    assertThatThrownBy(() -> connector.putEvents(request(orderPlaced())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR);
              assertThat(e.getMessage()).startsWith("EventBridge answered HTTP 503");
            });
    assertThat(server.calls()).isGreaterThan(1);
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
    PutEventsResult result = connector.putEvents(request(batchOf(25, 0)));

    assertThat(server.calls()).isEqualTo(3);
    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(25));
    assertThat(server.sentEntries())
        .extracting(SentEntry::n)
        .containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
    assertThat(result.requestIds()).hasSize(3);
  }

  @Test
  void anOversizedBatchIsSplitByTheConfiguredSizeLimit() throws Exception {
    // Each entry is about 60 KB; a 128 KiB limit allows two per call.
    var smallLimit =
        new PutEventsRequest(
            new StaticCredentialsAuthentication("AKIDEXAMPLE", SECRET_KEY, null),
            new AwsConfiguration("eu-central-1", server.endpoint(), null, 131_072, 1),
            batchOf(6, 60_000));

    connector.putEvents(smallLimit);

    var calls = server.requests();
    assertThat(calls).hasSize(3);
    for (RecordedRequest call : calls) {
      assertThat(JSON.readTree(call.body()).get("Entries")).hasSize(2);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallThatFailsAfterEarlierOnesSucceededSaysHowManyEventsWereAlreadyPut() {
    // The first call is accepted, the second throttles event 11, and from then on the service is
    // down.
    server.failEntries(onFirstSend(Map.of(11, EntryError.THROTTLED)));
    server.failCalls(CallFaults.when(call -> call >= 3, CallError.SERVICE_UNAVAILABLE));

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
                  .containsExactlyElementsOf(acceptedIdsInOrder(11));
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
    assertThat(server.requests()).isEmpty();
  }
}
