package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.error.ConnectorException;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.auth.AssumeRoleAuthentication;
import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.auth.StaticCredentialsAuthentication;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.ClassicBus;
import io.connectors.eventbridge.outbound.model.CustomEventBus;
import io.connectors.eventbridge.outbound.model.EventBatch;
import io.connectors.eventbridge.outbound.model.EventBus;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.model.SingleEvent;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import io.connectors.eventbridge.outbound.send.ErrorCodes;
import io.connectors.eventbridge.outbound.send.InvalidEventsException;
import io.connectors.eventbridge.testsupport.CallError;
import io.connectors.eventbridge.testsupport.CallFaults;
import io.connectors.eventbridge.testsupport.EntryError;
import io.connectors.eventbridge.testsupport.EntryFaults;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import io.connectors.eventbridge.testsupport.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * The Put events connector on a Custom Event Bus, end to end through its client cache, the wire
 * layer and {@link FakeEventBridge} in the bus's place, which answers and deduplicates as the bus
 * does: what goes on the wire, how answers become results and errors, and how job retries are
 * deduplicated.
 */
class CustomBusConnectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN =
      "arn:aws:events:eu-central-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy";
  private static final long ELEMENT_INSTANCE_KEY = 2251799813685321L;

  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final FakeEventBridge bus = FakeEventBridge.start();
  private final URI endpoint = TestClients.endpointOf(bus);
  private CachingEventBridgeClientSupplier clients;
  private EventBridgePutEventsFunction connector;

  @BeforeEach
  void start() {
    clients = new CachingEventBridgeClientSupplier(4);
    connector = newRuntime();
  }

  @AfterEach
  void stop() {
    clients.close();
    bus.close();
  }

  /** A connector instance as another runtime would have it: the job's variables are all it has. */
  private EventBridgePutEventsFunction newRuntime() {
    return newRuntime(meters);
  }

  private EventBridgePutEventsFunction newRuntime(MeterRegistry meters) {
    // Time moves only when the connector pauses between entry retries.
    return new EventBridgePutEventsFunction(
        clients,
        new OutboundMetrics(meters, clients::size),
        pause -> {
          sleeps.add(pause);
          nanos.addAndGet(pause.toNanos());
        },
        nanos::get);
  }

  @Test
  void aSingleEventGoesToTheBusArnWithItsGroupAndAnIdDerivedFromTheJob() throws Exception {
    PutEventsResult result =
        connector.putEvents(
            single(customBus("order-42", EventBus.DEDUPLICATE_BY_JOB, null)), job());

    Map<String, Object> request = sentRequest(0);
    assertThat(bus.requests().getFirst().path())
        .isEqualTo("/local-eventbridge/service/AWSEventsV2/operation/PutEvents");
    assertThat(request)
        .containsEntry("EventBusArn", ARN)
        .doesNotContainKey("DeduplicationConfiguration");
    Map<String, Object> entry = entries(request).getFirst();
    assertThat(entry)
        .containsEntry("Source", "com.example.orders")
        .containsEntry("DetailType", "OrderPlaced")
        .containsEntry("Detail", "{\"orderId\":\"order-42\"}");
    assertThat(systemMetadata(entry)).containsEntry("EventGroupId", "order-42");
    assertThat((String) systemMetadata(entry).get("DeduplicationId"))
        .matches(ELEMENT_INSTANCE_KEY + "-0-[0-9a-f]{32}");
    assertThat(result.entries())
        .containsExactly(
            new EntryResult(
                bus.acceptedEventIds().getFirst(), null, null, "1", EntryResult.PUBLISHED));
    assertThat(result.eventIds()).containsExactlyElementsOf(bus.acceptedEventIds());
    assertThat(result.failedEntryCount()).isZero();
  }

  @Test
  void aBatchOf150GoesInCallsOf100AndEachEventMayNameItsGroup() throws Exception {
    PutEventsResult result =
        connector.putEvents(
            batch(
                customBus("fallback", EventBus.DEDUPLICATE_BY_JOB, null),
                IntStream.range(0, 150)
                    .mapToObj(n -> event(n, n % 2 == 0 ? "group-" + (n % 3) : null, null))
                    .toList()),
            job());

    assertThat(bus.calls()).isEqualTo(2);
    List<Map<String, Object>> first = entries(sentRequest(0));
    assertThat(first).hasSize(100);
    assertThat(entries(sentRequest(1))).hasSize(50);
    assertThat(systemMetadata(first.get(0))).containsEntry("EventGroupId", "group-0");
    assertThat(systemMetadata(first.get(1))).containsEntry("EventGroupId", "fallback");
    assertThat(systemMetadata(first.get(4))).containsEntry("EventGroupId", "group-1");
    assertThat(first.stream().map(e -> systemMetadata(e).get("DeduplicationId")).distinct())
        .hasSize(100);
    assertThat(result.eventIds()).hasSize(150);
  }

  @Test
  void aRetryOfTheSameJobSendsTheSameIdsAndADeduplicatedAnswerIsASuccess() throws Exception {
    PutEventsRequest request = twoEvents(customBus(null, EventBus.DEDUPLICATE_BY_JOB, null));
    PutEventsResult first = connector.putEvents(request, job());

    // The runtime that put them died before it could complete the job (kill -9): the retry runs
    // elsewhere, with no progress to go on, and puts everything again.
    PutEventsResult retried = newRuntime().putEvents(request, job());

    assertThat(deduplicationIds(1)).isEqualTo(deduplicationIds(0));
    assertThat(bus.acceptedEventIds()).as("put on the bus once").hasSize(2);
    assertThat(retried.failedEntryCount()).isZero();
    assertThat(retried.eventIds()).containsExactlyElementsOf(first.eventIds());
    assertThat(retried.entries())
        .extracting(EntryResult::successCode)
        .containsExactly(EntryResult.DEDUPLICATED, EntryResult.DEDUPLICATED);
    // Put once, by the first attempt; the retry's answers are counted as what they are.
    assertThat(events("put")).isEqualTo(2);
    assertThat(events("deduplicated")).isEqualTo(2);
  }

  @Test
  void anEventAnEarlierAttemptHadDeduplicatedIsNotCountedAgainByTheRetry() throws Exception {
    PutEventsRequest request = twoEvents(customBus(null, EventBus.DEDUPLICATE_BY_JOB, null));
    // A runtime put the first event, was refused the second and died (kill -9) before it could
    // fail the job, its metrics with it; the job's next attempt finds the first event
    // deduplicated and is refused the second again.
    refuseTheSecondEventOnItsFirstSends(2);
    catchThrowableOfType(
        ConnectorException.class,
        () -> newRuntime(new SimpleMeterRegistry()).putEvents(request, job()));
    var failure =
        catchThrowableOfType(ConnectorException.class, () -> connector.putEvents(request, job()));

    JobAttempt next = newRuntime().attemptOf(ELEMENT_INSTANCE_KEY, jobVariablesAfter(failure));
    PutEventsResult retried = newRuntime().putEvents(request, next);

    assertThat(retried.entries())
        .extracting(EntryResult::successCode)
        .containsExactly(EntryResult.DEDUPLICATED, EntryResult.PUBLISHED);
    assertThat(events("put")).isEqualTo(1);
    assertThat(events("deduplicated")).isEqualTo(1);
  }

  private double events(String outcome) {
    return meters
        .counter("eventbridge.outbound.events", "outcome", outcome, "error_code", "none")
        .count();
  }

  @Test
  void anotherElementInstanceOrOtherContentGetsOtherIds() throws Exception {
    EventBus customBus = customBus(null, EventBus.DEDUPLICATE_BY_JOB, null);
    connector.putEvents(twoEvents(customBus), job());
    connector.putEvents(
        twoEvents(customBus), new JobAttempt(ELEMENT_INSTANCE_KEY + 1, job().prior()));
    connector.putEvents(
        batch(customBus, List.of(event(0, null, null), event(99, null, null))), job());

    List<Object> first = deduplicationIds(0);
    assertThat(deduplicationIds(1)).doesNotContainAnyElementsOf(first);
    List<Object> changed = deduplicationIds(2);
    assertThat(changed.get(0)).isEqualTo(first.get(0));
    assertThat(changed.get(1)).isNotEqualTo(first.get(1));
  }

  @Test
  void contentBasedDeduplicationIsRequestLevelAndSendsNoIds() throws Exception {
    connector.putEvents(twoEvents(customBus("g", EventBus.DEDUPLICATE_BY_CONTENT, null)), job());

    Map<String, Object> request = sentRequest(0);
    assertThat(request)
        .containsEntry("DeduplicationConfiguration", Map.of("DeduplicationType", "CONTENT_BASED"));
    assertThat(entries(request))
        .allSatisfy(
            entry -> assertThat(systemMetadata(entry)).isEqualTo(Map.of("EventGroupId", "g")));
  }

  @Test
  void givenIdsComeFromTheBusFieldForASingleEventAndFromEachEventInABatch() throws Exception {
    connector.putEvents(
        single(customBus(null, EventBus.DEDUPLICATE_BY_GIVEN_ID, "order-42-placed")), job());
    connector.putEvents(
        batch(
            customBus(null, EventBus.DEDUPLICATE_BY_GIVEN_ID, null),
            List.of(event(0, null, "tick-0"), event(1, null, "tick-1"))),
        job());

    assertThat(deduplicationIds(0)).containsExactly("order-42-placed");
    assertThat(deduplicationIds(1)).containsExactly("tick-0", "tick-1");
  }

  @Test
  void givenIdsThatAreMissingOrRepeatedFailBeforeAnythingIsSent() {
    assertThat(
            violations(
                batch(
                    customBus(null, EventBus.DEDUPLICATE_BY_GIVEN_ID, null),
                    List.of(event(0, null, "same"), event(1, null, null), event(2, null, "same")))))
        .containsExactly(
            "event.events[1].deduplicationId: is required when deduplication is givenId (bus.deduplicationId for a single event, deduplicationId in each event's context for a batch)",
            "event.events[2].deduplicationId: repeats the ID of event.events[0], so the bus would drop this event as a duplicate of that one");
  }

  @Test
  void badIdsOfTheBusAreNamedOnceAsTheBusFieldsAndAnEventsOwnUnderTheEvent() {
    String tooLong = "x".repeat(129);
    String mustBe = ": must be 1 to 128 characters, not only white space";
    assertThat(
            violations(
                batch(
                    customBus(tooLong, EventBus.DEDUPLICATE_BY_GIVEN_ID, tooLong),
                    List.of(
                        event(0, null, "ok-0"), event(1, tooLong, tooLong), event(2, null, null)))))
        .containsExactly(
            "bus.eventGroupId" + mustBe,
            "bus.deduplicationId" + mustBe,
            "event.events[1].eventGroupId" + mustBe,
            "event.events[1].deduplicationId" + mustBe);
  }

  @Test
  void aSingleEventsMissingIdIsTheBusFields() {
    assertThat(violations(single(customBus(null, EventBus.DEDUPLICATE_BY_GIVEN_ID, null))))
        .containsExactly(
            "bus.deduplicationId: is required when deduplication is givenId (bus.deduplicationId for a single event, deduplicationId in each event's context for a batch)");
  }

  @Test
  void aClassicBusRefusesEventGroupsAndDeduplicationIdsInsteadOfDroppingThem() {
    assertThat(
            violations(
                batch(
                    new ClassicBus(),
                    List.of(event(0, "g-0", null), event(1, null, null), event(2, null, "d")))))
        .containsExactly(
            "event.events[0].eventGroupId: applies to a Custom Event Bus only; a classic bus has no event groups and does not deduplicate (choose the Custom Event Bus as bus kind, or remove the field)",
            "event.events[2].deduplicationId: applies to a Custom Event Bus only; a classic bus has no event groups and does not deduplicate (choose the Custom Event Bus as bus kind, or remove the field)");
  }

  @Test
  void whatAClassicBusHasAndACustomEventBusDoesNotIsRefused() {
    var request =
        new PutEventsRequest(
            keys(),
            new AwsConfiguration("eu-west-1", endpoint.toString(), "abcde.veo", null, null),
            new SingleEvent(
                "orders",
                "com.example",
                "Ping",
                Map.of(),
                null,
                null,
                "Root=1-5759e988-bd862e3fe1be46a994272793"),
            customBus(null, EventBus.DEDUPLICATE_BY_JOB, null));

    var failure =
        catchThrowableOfType(
            InvalidEventsException.class, () -> connector.putEvents(request, job()));

    assertThat(failure.violations())
        .containsExactly(
            "configuration.endpointId: global endpoints serve classic buses only; leave it empty for a Custom Event Bus",
            "bus.eventBusArn: the bus is in eu-central-1, the configuration's region is eu-west-1; they must be the same",
            "event.eventBusName: names a classic bus; a Custom Event Bus is addressed by bus.eventBusArn",
            "event.traceHeader: a Custom Event Bus has no trace header");
    assertThat(bus.requests()).isEmpty();
  }

  @Test
  void throttledEntriesAloneAreSentAgainWithTheirIds() throws Exception {
    bus.failEntries(EntryFaults.throttleWhen((n, send) -> n == 1 && send == 1));

    PutEventsResult result =
        connector.putEvents(
            batch(
                customBus(null, EventBus.DEDUPLICATE_BY_JOB, null),
                List.of(event(0, null, null), event(1, null, null), event(2, null, null))),
            job());

    assertThat(entries(sentRequest(1))).hasSize(1);
    assertThat(deduplicationIds(1)).containsExactly(deduplicationIds(0).get(1));
    assertThat(sleeps).hasSize(1);
    assertThat(result.eventIds())
        .containsExactly(acceptedIdOf(0), acceptedIdOf(1), acceptedIdOf(2));
  }

  @Test
  void aRejectedEntryFailsTheJobAsOnAClassicBusAndTheRetrySendsOnlyThatOne() throws Exception {
    refuseTheSecondEventOnItsFirstSends(1);
    PutEventsRequest request = twoEvents(customBus(null, EventBus.DEDUPLICATE_BY_JOB, null));

    var failure =
        catchThrowableOfType(ConnectorException.class, () -> connector.putEvents(request, job()));

    assertThat(failure.getErrorCode()).isEqualTo(ErrorCodes.PARTIAL_FAILURE);
    assertThat(failure.getMessage())
        .startsWith(
            "EventBridge rejected 1 of 2 events: event.events[1]: InvalidInputException \"Detail is not an object\"");
    assertThat(failure.getErrorVariables())
        .containsKeys(
            "failedEntryCount", "putEntryCount", "entries", "eventIds", "requestIds", "progress");

    JobAttempt next = newRuntime().attemptOf(ELEMENT_INSTANCE_KEY, jobVariablesAfter(failure));
    PutEventsResult retried = newRuntime().putEvents(request, next);

    assertThat(entries(sentRequest(1))).hasSize(1);
    assertThat(deduplicationIds(1)).containsExactly(deduplicationIds(0).get(1));
    assertThat(retried.eventIds()).containsExactly(acceptedIdOf(0), acceptedIdOf(1));
    // The event the first attempt put reads as the bus answered it then.
    assertThat(retried.entries())
        .containsExactly(
            new EntryResult(acceptedIdOf(0), null, null, "1", EntryResult.PUBLISHED),
            new EntryResult(acceptedIdOf(1), null, null, "2", EntryResult.PUBLISHED));
  }

  @Test
  void progressWrittenWithoutSequenceNumbersStillSkipsWhatWasPut() throws Exception {
    PutEventsRequest request = twoEvents(customBus(null, EventBus.DEDUPLICATE_BY_JOB, null));
    var failure = firstOfTwoPutThenRejected(request);
    // What an earlier version wrote: index, eventId and hash of each accepted event, nothing else.
    String variables =
        jobVariablesAfter(failure)
            .replace(",\"sequenceNumber\":\"1\"", "")
            .replace(",\"successCode\":\"PUBLISHED\"", "");
    assertThat(variables)
        .contains("\"eventId\":\"" + acceptedIdOf(0) + "\"")
        .doesNotContain("sequenceNumber\":\"1");

    PutEventsResult retried =
        newRuntime().putEvents(request, newRuntime().attemptOf(ELEMENT_INSTANCE_KEY, variables));

    assertThat(entries(sentRequest(1))).hasSize(1);
    assertThat(retried.entries())
        .containsExactly(
            EntryResult.success(acceptedIdOf(0)),
            new EntryResult(acceptedIdOf(1), null, null, "2", EntryResult.PUBLISHED));
  }

  @Test
  void errorAnswersMapToTheClassicCodes() throws Exception {
    Map<String, String> codes =
        Map.of(
            "AccessDeniedException", ErrorCodes.ACCESS_DENIED,
            "ResourceNotFoundException", ErrorCodes.BUS_NOT_FOUND,
            "InvalidInputException", ErrorCodes.INVALID_REQUEST);
    Map<String, Integer> statuses =
        Map.of(
            "AccessDeniedException", 403,
            "ResourceNotFoundException", 404,
            "InvalidInputException", 400);
    for (var code : codes.entrySet()) {
      bus.failCalls(
          CallFaults.always(new CallError(statuses.get(code.getKey()), code.getKey(), "no")));

      var failure =
          catchThrowableOfType(
              ConnectorException.class,
              () ->
                  connector.putEvents(
                      single(customBus(null, EventBus.DEDUPLICATE_BY_JOB, null)), job()));

      assertThat(failure.getErrorCode()).as(code.getKey()).isEqualTo(code.getValue());
      assertThat(failure.getMessage())
          .startsWith(
              "EventBridge answered HTTP "
                  + statuses.get(code.getKey())
                  + " "
                  + code.getKey()
                  + ": \"no\"");
    }
  }

  @Test
  void credentialsThatCannotBeHadFailAsOnAClassicBus() {
    // STS, at the fake's address too, is refused (the fake answers only PutEvents): no
    // credentials, nothing is put.
    var role =
        new AssumeRoleAuthentication(
            "arn:aws:iam::123456789012:role/put-events",
            null,
            null,
            AwsAuthentication.CREDENTIALS,
            "AKIDEXAMPLE",
            TestClients.SECRET_KEY,
            endpoint.toString());

    var failure =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                connector.putEvents(
                    new PutEventsRequest(
                        role,
                        configuration(),
                        new SingleEvent(null, "com.example", "Ping", Map.of(), null, null, null),
                        customBus(null, EventBus.DEDUPLICATE_BY_JOB, null)),
                    job()));

    assertThat(failure.getErrorCode()).isEqualTo(ErrorCodes.AUTHENTICATION_FAILED);
    assertThat(failure.getMessage()).startsWith("No AWS credentials could be resolved");
    assertThat(bus.requests())
        .hasSize(1)
        .extracting(RecordedRequest::path)
        .noneMatch(path -> path.endsWith("/operation/PutEvents"));
  }

  @Test
  void theTemplatesVariablesBindToTheBusKindAndATaskWithoutOneIsOnAClassicBus() throws Exception {
    var custom =
        JSON.readValue(
            "{\"bus\": {\"kind\": \"customEventBus\", \"eventBusArn\": \""
                + ARN
                + "\", \"deduplication\": \"\"}}",
            PutEventsRequest.class);
    var classic = JSON.readValue("{\"bus\": {\"kind\": \"classic\"}}", PutEventsRequest.class);
    var before = JSON.readValue("{}", PutEventsRequest.class);

    assertThat(custom.bus())
        .isEqualTo(new CustomEventBus(ARN, null, EventBus.DEDUPLICATE_BY_JOB, null));
    assertThat(classic.bus()).isEqualTo(new ClassicBus());
    assertThat(before.bus()).isEqualTo(new ClassicBus());
  }

  /** What a request that fails validation is refused for; nothing may have been sent. */
  private List<String> violations(PutEventsRequest request) {
    var failure =
        catchThrowableOfType(
            InvalidEventsException.class, () -> connector.putEvents(request, job()));
    assertThat(bus.requests()).isEmpty();
    return failure.violations();
  }

  /** A first attempt at two events in which the bus takes the first and rejects the second. */
  private ConnectorException firstOfTwoPutThenRejected(PutEventsRequest request) {
    refuseTheSecondEventOnItsFirstSends(1);
    return catchThrowableOfType(
        ConnectorException.class, () -> connector.putEvents(request, job()));
  }

  /** The bus rejects event 1 on its first {@code sends} sends, then takes it. */
  private void refuseTheSecondEventOnItsFirstSends(int sends) {
    bus.failEntries(
        (n, send) ->
            n == 1 && send <= sends
                ? Optional.of(new EntryError("InvalidInputException", "Detail is not an object"))
                : Optional.empty());
  }

  private JobAttempt job() {
    return connector.attemptOf(ELEMENT_INSTANCE_KEY, "{}");
  }

  private static EventBus customBus(String group, String deduplication, String deduplicationId) {
    return new CustomEventBus(ARN, group, deduplication, deduplicationId);
  }

  private PutEventsRequest single(EventBus customBus) {
    return new PutEventsRequest(
        keys(),
        configuration(),
        new SingleEvent(
            "default",
            "com.example.orders",
            "OrderPlaced",
            Map.of("orderId", "order-42"),
            null,
            null,
            null),
        customBus);
  }

  private PutEventsRequest twoEvents(EventBus customBus) {
    return batch(customBus, List.of(event(0, null, null), event(1, null, null)));
  }

  private PutEventsRequest batch(EventBus customBus, List<EventEntry> events) {
    return new PutEventsRequest(keys(), configuration(), new EventBatch(events), customBus);
  }

  private static EventEntry event(int n, String group, String deduplicationId) {
    return new EventEntry(
        null, "com.example", "Tick", Map.of("n", n), null, null, null, group, deduplicationId);
  }

  private AwsConfiguration configuration() {
    return new AwsConfiguration("eu-central-1", endpoint.toString(), null, null, null);
  }

  private static StaticCredentialsAuthentication keys() {
    return new StaticCredentialsAuthentication("AKIDEXAMPLE", TestClients.SECRET_KEY, null);
  }

  /** The job's variables after a failed attempt, as the 8.8 runtime hands them to the next one. */
  private static String jobVariablesAfter(ConnectorException failure) throws Exception {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", failure.getErrorCode());
    error.put("message", failure.getMessage());
    error.put("variables", failure.getErrorVariables());
    return JSON.writeValueAsString(Map.of("error", error));
  }

  // What the fake received, decoded as the wire layer decodes the bus's answers.

  private Map<String, Object> sentRequest(int call) {
    try {
      return cast(new CborValues(new CBORFactory()).read(bus.requests().get(call).body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> entries(Map<String, Object> request) {
    return cast(request.get("Entries"));
  }

  private static Map<String, Object> systemMetadata(Map<String, Object> entry) {
    return cast(entry.getOrDefault("SystemMetadata", Map.of()));
  }

  private List<Object> deduplicationIds(int call) {
    return entries(sentRequest(call)).stream()
        .map(entry -> systemMetadata(entry).get("DeduplicationId"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  /** The ID event {@code n} was first put with. */
  private String acceptedIdOf(int n) {
    return bus.accepted().get(n).getFirst();
  }
}
