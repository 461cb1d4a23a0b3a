package io.connectors.eventbridge.outbound.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.error.ConnectorException;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.outbound.auth.StaticCredentialsAuthentication;
import io.connectors.eventbridge.outbound.client.CachingEventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.EventBatch;
import io.connectors.eventbridge.outbound.model.EventEntry;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.progress.PriorProgress;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import io.connectors.eventbridge.outbound.send.ErrorCodes;
import io.connectors.eventbridge.outbound.send.InvalidEventsException;
import io.connectors.eventbridge.testsupport.CallError;
import io.connectors.eventbridge.testsupport.CallFaults;
import io.connectors.eventbridge.testsupport.EntryFaults;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Job retries through the real SDK against an endpoint that remembers what it accepted: each job
 * attempt gets the variables the 8.8 runtime would hand it after the previous attempt failed, and
 * no event may arrive twice.
 */
class JobRetryWireTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ELEMENT_INSTANCE_KEY = 2251799813685321L;
  private static FakeEventBridge endpoint;
  private static CachingEventBridgeClientSupplier clients;

  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private EventBridgePutEventsFunction connector;

  @BeforeAll
  static void startServer() {
    endpoint = FakeEventBridge.start();
    clients = new CachingEventBridgeClientSupplier(4);
  }

  @AfterAll
  static void stopServer() {
    clients.close();
    endpoint.close();
  }

  @BeforeEach
  void reset() {
    endpoint.reset();
    sleeps.clear();
    connector = newRuntime();
  }

  /**
   * A connector instance as another runtime would have it: nothing shared but the job's variables.
   */
  private EventBridgePutEventsFunction newRuntime() {
    // Time moves only when the connector pauses between retries, by 400 ms a pause.
    return new EventBridgePutEventsFunction(
        clients,
        new OutboundMetrics(new SimpleMeterRegistry(), clients::size),
        pause -> {
          sleeps.add(pause);
          nanos.addAndGet(Duration.ofMillis(400).toNanos());
        },
        nanos::get);
  }

  private PutEventsResult put(PutEventsRequest request, JobAttempt attempt) throws Exception {
    return connector.putEvents(request, attempt);
  }

  private PutEventsRequest batch(int count, AwsConfiguration configuration) {
    return new PutEventsRequest(
        new StaticCredentialsAuthentication(
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null),
        configuration,
        new EventBatch(
            IntStream.range(0, count)
                .mapToObj(
                    n ->
                        new EventEntry(
                            null, "com.example", "Tick", Map.of("n", n), null, null, null))
                .toList()));
  }

  private AwsConfiguration entryAttempts(int attempts) {
    return new AwsConfiguration("eu-central-1", endpoint.endpoint(), null, null, attempts);
  }

  /**
   * The next attempt, run by another runtime instance, with the variables the 8.8 runtime gives it:
   * FailJob sets {@code error} on the task. Only the job variables carry the progress here.
   */
  private JobAttempt nextAttempt(ConnectorException failure) throws Exception {
    connector = newRuntime();
    return connector.attemptOf(ELEMENT_INSTANCE_KEY, jobVariablesAfter(failure));
  }

  private static String jobVariablesAfter(ConnectorException failure) throws Exception {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", failure.getClass().getName());
    error.put("message", failure.getMessage());
    error.put("code", failure.getErrorCode());
    error.put("variables", failure.getErrorVariables());
    return JSON.writeValueAsString(Map.of("event", Map.of("mode", "batch"), "error", error));
  }

  private ConnectorException failedAttempt(PutEventsRequest request, JobAttempt attempt) {
    return catchThrowableOfType(
        ConnectorException.class, () -> connector.putEvents(request, attempt));
  }

  private static void assertEachEventArrivedOnce(int count) {
    assertThat(endpoint.accepted()).hasSize(count);
    endpoint.accepted().forEach((n, ids) -> assertThat(ids).as("event %d", n).hasSize(1));
  }

  private static List<String> acceptedIdsInOrder(int count) {
    return IntStream.range(0, count).mapToObj(n -> endpoint.accepted().get(n).getFirst()).toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void throttledEntriesAcrossThreeJobAttemptsArriveExactlyOnce() throws Exception {
    // Event n is throttled on its first n % 6 sends; two sends per job attempt.
    endpoint.failEntries(EntryFaults.throttleFirstSends(n -> n % 6));
    PutEventsRequest request = batch(30, entryAttempts(2));
    JobAttempt first = new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE);

    ConnectorException firstFailure = failedAttempt(request, first);
    assertThat(firstFailure.getErrorCode()).isEqualTo(ErrorCodes.THROTTLED);
    assertThat(firstFailure.getErrorVariables())
        .containsEntry("putEntryCount", 10)
        .containsEntry("failedEntryCount", 20);

    ConnectorException secondFailure = failedAttempt(request, nextAttempt(firstFailure));
    assertThat(secondFailure.getErrorCode()).isEqualTo(ErrorCodes.THROTTLED);
    assertThat(secondFailure.getMessage())
        .endsWith(
            "20 of 30 events were put (10 by earlier attempts of this job); a retry of this job sends only the 10 not put.");
    List<EntryResult> entries =
        (List<EntryResult>) secondFailure.getErrorVariables().get("entries");
    assertThat(entries).hasSize(30);
    for (int n = 0; n < 30; n++) {
      assertThat(entries.get(n).failed()).as("event %d", n).isEqualTo(n % 6 > 3);
    }

    PutEventsResult result = put(request, nextAttempt(secondFailure));

    assertEachEventArrivedOnce(30);
    assertThat(result.failedEntryCount()).isZero();
    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(30));
    assertThat(result.requestIds()).hasSize(endpoint.calls());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAttemptThatDiesAfterTheFirstOfSeveralCallsIsContinuedByTheNext() throws Exception {
    endpoint.failCalls(CallFaults.when(call -> call > 1, CallError.INTERNAL_FAILURE));
    PutEventsRequest request = batch(25, entryAttempts(4));

    ConnectorException failure =
        failedAttempt(request, new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE));

    assertThat(failure.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR);
    assertThat(failure.getMessage())
        .isEqualTo(
            "EventBridge answered HTTP 500 InternalFailure: \"We encountered an internal error. Please try again.\". "
                + "10 of 25 events were put; a retry of this job sends only the 15 not put.");
    Map<String, Object> variables = failure.getErrorVariables();
    assertThat(variables)
        .containsKeys(
            "failedEntryCount", "putEntryCount", "entries", "eventIds", "requestIds", "progress");
    assertThat(variables)
        .containsEntry("failedEntryCount", 15)
        .containsEntry("putEntryCount", 10)
        .containsEntry("eventIds", acceptedIdsInOrder(10))
        .containsEntry("requestIds", List.of("req-1"));
    List<EntryResult> entries = (List<EntryResult>) variables.get("entries");
    assertThat(entries).hasSize(25);
    assertThat(entries.subList(10, 25))
        .allSatisfy(e -> assertThat(e.errorCode()).isEqualTo(EntryResult.NOT_SENT));

    endpoint.failCalls(CallFaults.NONE);
    int callsBefore = endpoint.calls();
    PutEventsResult result = put(request, nextAttempt(failure));

    assertEachEventArrivedOnce(25);
    assertThat(endpoint.calls() - callsBefore).isEqualTo(2); // 15 events: 10 + 5
    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(25));
    assertThat(result.requestIds()).first().isEqualTo("req-1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void persistentHttp500IsAServiceErrorWithEveryErrorVariable() {
    endpoint.failCalls(CallFaults.always(CallError.INTERNAL_FAILURE));

    ConnectorException failure = failedAttempt(batch(3, entryAttempts(4)), JobAttempt.STANDALONE);

    assertThat(failure.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR);
    assertThat(endpoint.calls()).isGreaterThan(1); // the SDK retried before giving up
    Map<String, Object> variables = failure.getErrorVariables();
    assertThat(variables)
        .containsEntry("failedEntryCount", 3)
        .containsEntry("putEntryCount", 0)
        .containsEntry("eventIds", List.of())
        .containsEntry("requestIds", List.of());
    assertThat((List<EntryResult>) variables.get("entries"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.errorCode()).isEqualTo(EntryResult.NOT_SENT));
    assertThat(failure.getMessage()).doesNotContain("..");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDeadlineReachedMidBatchStopsSafelyAndTheRetrySendsTheRest() throws Exception {
    // Event 12 (second call) is throttled three times; each pause moves the clock 400 ms of a 1 s
    // budget.
    endpoint.failEntries(EntryFaults.throttleFirstSends(n -> n == 12 ? 3 : 0));
    PutEventsRequest request =
        batch(
            25, new AwsConfiguration("eu-central-1", endpoint.endpoint(), null, null, 4, null, 1));

    ConnectorException failure =
        failedAttempt(request, new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE));

    assertThat(failure.getErrorCode()).isEqualTo(ErrorCodes.DEADLINE_REACHED);
    assertThat(failure.getMessage())
        .isEqualTo(
            "The task's time budget of 1 s ran out before every event was put. Rejected: event.events[12]: ThrottlingException \"Rate exceeded\". "
                + "19 of 25 events were put; a retry of this job sends only the 6 not put.");
    assertThat(sleeps).hasSize(2);
    List<EntryResult> entries = (List<EntryResult>) failure.getErrorVariables().get("entries");
    assertThat(entries.get(12).errorCode()).isEqualTo("ThrottlingException");
    assertThat(entries.subList(20, 25))
        .allSatisfy(
            e -> {
              assertThat(e.errorCode()).isEqualTo(EntryResult.NOT_SENT);
              assertThat(e.errorMessage())
                  .isEqualTo("not sent: the task's time budget of 1 s ran out");
            });
    assertThat(endpoint.accepted()).hasSize(19).doesNotContainKeys(12, 20, 21, 22, 23, 24);

    PutEventsResult result = put(request, nextAttempt(failure));

    assertEachEventArrivedOnce(25);
    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(25));
  }

  @Test
  void progressOfAnotherElementInstanceOrOfChangedEventsIsNotTrusted() throws Exception {
    endpoint.failEntries(EntryFaults.throttleFirstSends(n -> n == 1 ? 1 : 0));
    PutEventsRequest request = batch(2, entryAttempts(1));
    ConnectorException failure =
        failedAttempt(request, new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE));
    JobAttempt retry = nextAttempt(failure);

    assertThat(retry.prior().accepted()).hasSize(1);

    // The task ran again (a loop) with the old error still in scope: a new element instance sends
    // everything.
    JobAttempt otherInstance =
        connector.attemptOf(ELEMENT_INSTANCE_KEY + 1, jobVariablesAfter(failure));
    assertThat(otherInstance.prior()).isEqualTo(PriorProgress.NONE);
    connector.putEvents(request, otherInstance);
    assertThat(endpoint.accepted().get(0)).hasSize(2);

    // Event 0 changed since it was put: it is sent again.
    var changed =
        new PutEventsRequest(
            request.authentication(),
            request.configuration(),
            new EventBatch(
                List.of(
                    new EventEntry(
                        null,
                        "com.example",
                        "Tick",
                        Map.of("n", 0, "changed", true),
                        null,
                        null,
                        null),
                    new EventEntry(
                        null, "com.example", "Tick", Map.of("n", 1), null, null, null))));
    connector.putEvents(changed, retry);
    assertThat(endpoint.accepted().get(0)).hasSize(3);
  }

  @Test
  void anAttemptOnARuntimeThatIsShuttingDownKeepsTheEarlierProgress() throws Exception {
    endpoint.failEntries(EntryFaults.throttleFirstSends(n -> n % 2));
    PutEventsRequest request = batch(10, entryAttempts(1));
    ConnectorException first =
        failedAttempt(request, new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE));

    // The second attempt lands on a runtime whose clients are already closed.
    var closed = new CachingEventBridgeClientSupplier(1);
    closed.close();
    connector =
        new EventBridgePutEventsFunction(
            closed,
            new OutboundMetrics(new SimpleMeterRegistry(), closed::size),
            pause -> {},
            nanos::get);
    JobAttempt second = connector.attemptOf(ELEMENT_INSTANCE_KEY, jobVariablesAfter(first));
    ConnectorException shuttingDown = failedAttempt(request, second);

    assertThat(shuttingDown.getErrorCode()).isEqualTo(ErrorCodes.SERVICE_ERROR);
    assertThat(shuttingDown.getMessage())
        .isEqualTo(
            "The EventBridge client cache is closed: the runtime is shutting down. "
                + "5 of 10 events were put (5 by earlier attempts of this job); a retry of this job sends only the 5 not put.");
    assertThat(shuttingDown.getErrorVariables()).containsEntry("putEntryCount", 5);

    PutEventsResult result = put(request, nextAttempt(shuttingDown));

    assertEachEventArrivedOnce(10);
    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(10));
  }

  @Test
  void aRetryOnTheSameRuntimeContinuesEvenWhenTheJobVariablesLostTheProgress() throws Exception {
    endpoint.failEntries(EntryFaults.throttleFirstSends(n -> n % 2));
    PutEventsRequest request = batch(20, entryAttempts(1));
    failedAttempt(request, new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE));

    // An error expression raised jobError without the progress, or the gateway dropped it.
    PutEventsResult result =
        connector.putEvents(request, connector.attemptOf(ELEMENT_INSTANCE_KEY, "{}"));

    assertEachEventArrivedOnce(20);
    assertThat(result.eventIds()).containsExactlyElementsOf(acceptedIdsInOrder(20));
  }

  /**
   * The acceptance figures: 200 events, the template's defaults (3 job attempts, 4 attempts
   * per entry), seeded failures; prints one line per scenario for docs/benchmarks.md.
   */
  @Test
  @SuppressWarnings("unchecked")
  void twoHundredEventsUnderHeavyFailuresArriveAtMostOnceAndAreAllAccountedFor() throws Exception {
    java.util.Random entries = new java.util.Random(30);
    endpoint.failEntries(EntryFaults.throttleWhen((n, send) -> entries.nextDouble() < 0.30));
    runThreeJobAttempts("30 % of entries throttled");

    endpoint.reset();
    connector = newRuntime();
    java.util.Random calls = new java.util.Random(60);
    endpoint.failCalls(
        CallFaults.when(call -> calls.nextDouble() < 0.60, CallError.INTERNAL_FAILURE));
    runThreeJobAttempts("60 % of calls fail with HTTP 500");
  }

  private void runThreeJobAttempts(String scenario) throws Exception {
    PutEventsRequest request =
        batch(200, new AwsConfiguration("eu-central-1", endpoint.endpoint(), null, null, null));
    JobAttempt attempt = new JobAttempt(ELEMENT_INSTANCE_KEY, PriorProgress.NONE);
    List<EntryResult> reported = null;
    String outcome = "completed";
    int jobAttempts = 0;
    for (int job = 1; job <= 3; job++) {
      jobAttempts = job;
      try {
        reported = put(request, attempt).entries();
        outcome = "completed";
        break;
      } catch (ConnectorException failure) {
        reported = (List<EntryResult>) failure.getErrorVariables().get("entries");
        outcome = failure.getErrorCode();
        if (job < 3) {
          attempt = nextAttempt(failure);
        }
      }
    }
    int arrivals = endpoint.accepted().values().stream().mapToInt(List::size).sum();
    int put = (int) reported.stream().filter(e -> !e.failed()).count();
    System.out.printf(
        "[figures] %s: %d job attempts, %d HTTP requests (SDK retries included), %d entries arrived for %d distinct events, "
            + "%d put and %d named in the final error (%s)%n",
        scenario,
        jobAttempts,
        endpoint.calls(),
        arrivals,
        endpoint.accepted().size(),
        put,
        200 - put,
        outcome);

    endpoint.accepted().forEach((n, ids) -> assertThat(ids).as("event %d", n).hasSize(1));
    assertThat(reported).hasSize(200);
    for (int n = 0; n < 200; n++) {
      EntryResult entry = reported.get(n);
      if (entry.failed()) {
        assertThat(endpoint.accepted()).as("event %d reported failed", n).doesNotContainKey(n);
      } else {
        assertThat(entry.eventId())
            .as("event %d", n)
            .isEqualTo(endpoint.accepted().get(n).getFirst());
      }
    }
  }

  @Test
  void moreEventsThanTheCapFailBeforeAnythingIsSent() {
    var tooMany =
        batch(6, new AwsConfiguration("eu-central-1", endpoint.endpoint(), null, null, 4, 5, null));

    var failure =
        catchThrowableOfType(InvalidEventsException.class, () -> connector.putEvents(tooMany));

    assertThat(failure.getMessage())
        .isEqualTo(
            "Invalid EventBridge events: event.events: has 6 events, more than the 5 allowed per task (configuration.maxEvents); "
                + "split the list over several tasks, e.g. a multi-instance");
    assertThat(endpoint.calls()).isZero();
  }
}
