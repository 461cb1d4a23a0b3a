package io.connectors.eventbridge.runtime.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.connectors.eventbridge.outbound.EventBridgePutEventsFunction;
import io.connectors.eventbridge.runtime.support.CompletedInstance;
import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.testsupport.EntryFaults;
import io.connectors.eventbridge.testsupport.FakeEventBridge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Put events connector in the real runtime on the in-memory engine, against a PutEvents
 * endpoint that throttles events and remembers what it accepted: a batch job fails twice and
 * completes on its third attempt, and no event arrives twice.
 *
 * <p>The in-memory engine's gateway (zeebe-process-test 8.8) drops the variables of a FailJob
 * command, so here the progress comes from the connector's in-runtime store; that the runtime's
 * FailJob variables carry it to another runtime is shown by JobRetryWireTest with the exact
 * variable shape the 8.8 runtime writes.
 */
@LocalRuntimeTest
class PutEventsJobRetryTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static FakeEventBridge endpoint;

  @Autowired LocalRuntime runtime;

  @BeforeAll
  static void startEndpoint() {
    endpoint = FakeEventBridge.start();
  }

  @AfterAll
  static void stopEndpoint() {
    endpoint.close();
  }

  @BeforeEach
  void resetEndpoint() {
    endpoint.reset();
  }

  /** A service task as the template configures it, with one attempt per entry and 3 job retries. */
  private static BpmnModelInstance putEvents(
      String processId, String eventsExpression, String region) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask(
            "put",
            task ->
                task.zeebeJobType(EventBridgePutEventsFunction.TYPE)
                    .zeebeJobRetries("3")
                    .zeebeInputExpression("\"credentials\"", "authentication.type")
                    .zeebeInputExpression("\"AKIDEXAMPLE\"", "authentication.accessKey")
                    .zeebeInputExpression(
                        "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"", "authentication.secretKey")
                    .zeebeInputExpression("\"" + region + "\"", "configuration.region")
                    .zeebeInputExpression(
                        "\"" + endpoint.endpoint() + "\"", "configuration.endpoint")
                    .zeebeInputExpression("1", "configuration.entryAttempts")
                    .zeebeInputExpression("\"batch\"", "event.mode")
                    .zeebeInputExpression(eventsExpression, "event.events")
                    .zeebeTaskHeader("resultVariable", "put"))
        .endEvent()
        .done();
  }

  private long start(BpmnModelInstance model, String processId) {
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(model, processId + ".bpmn")
        .send()
        .join();
    return runtime
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private List<JobRecordValue> failedJobs(long processInstanceKey) {
    return runtime.engine().records().recordsFrom(0).stream()
        .filter(
            r ->
                r.getRecordType() == RecordType.EVENT
                    && r.getValueType() == ValueType.JOB
                    && r.getIntent() == JobIntent.FAILED)
        .map(r -> (JobRecordValue) r.getValue())
        .filter(job -> job.getProcessInstanceKey() == processInstanceKey)
        .toList();
  }

  private String awaitIncident(long processInstanceKey) {
    return LocalRuntime.await(
        "an incident in " + processInstanceKey,
        TIMEOUT,
        () -> {
          for (Record<?> r : runtime.engine().records().recordsFrom(0)) {
            if (r.getRecordType() == RecordType.EVENT
                && r.getValueType() == ValueType.INCIDENT
                && r.getIntent() == IncidentIntent.CREATED
                && ((IncidentRecordValue) r.getValue()).getProcessInstanceKey()
                    == processInstanceKey) {
              return Optional.of(((IncidentRecordValue) r.getValue()).getErrorMessage());
            }
          }
          return Optional.<String>empty();
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchJobThatFailsTwiceAndSucceedsOnItsThirdAttemptPutsEveryEventExactlyOnce() {
    // Event n is throttled on its first n % 3 sends: a third of the batch gets through per attempt.
    endpoint.failEntries(EntryFaults.throttleFirstSends(n -> n % 3));
    String processId = "put-events-job-retry";
    long instance =
        start(
            putEvents(
                processId,
                "for n in 0..24 return {source: \"com.example\", detailType: \"Tick\", detail: {n: n}}",
                "eu-central-1"),
            processId);

    CompletedInstance completed = runtime.awaitCompleted(instance, TIMEOUT);

    List<JobRecordValue> failures = failedJobs(instance);
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).getErrorMessage())
        .endsWith("9 of 25 events were put; a retry of this job sends only the 16 not put.");
    assertThat(failures.get(1).getErrorMessage())
        .endsWith(
            "17 of 25 events were put (9 by earlier attempts of this job); a retry of this job sends only the 8 not put.");
    assertThat(endpoint.accepted()).hasSize(25);
    endpoint.accepted().forEach((n, ids) -> assertThat(ids).as("event %d", n).hasSize(1));
    Map<String, Object> put = (Map<String, Object>) completed.variables().get("put");
    assertThat(put).containsEntry("failedEntryCount", 0);
    assertThat((List<String>) put.get("eventIds"))
        .containsExactlyElementsOf(
            IntStream.range(0, 25).mapToObj(n -> endpoint.accepted().get(n).getFirst()).toList());
  }

  @Test
  void eventsGivenAsTextFailWithTheFieldPathAndNoJavaNames() {
    String processId = "put-events-events-as-text";
    long instance = start(putEvents(processId, "\"not a list\"", "eu-central-1"), processId);

    assertThat(awaitIncident(instance))
        // The runtime's mapper reads a lone value as a one-element list, so the first element is
        // named.
        .isEqualTo("Invalid input: event.events[0]: must be a context (an object with fields)")
        .doesNotContain("io.connectors", "java.", "Exception", "EventEntry");
    assertThat(endpoint.requests()).isEmpty();
  }

  @Test
  void anInvalidRegionFailsWithTheFieldPathAndNoJavaNames() {
    String processId = "put-events-bad-region";
    long instance =
        start(
            putEvents(
                processId,
                "[{source: \"com.example\", detailType: \"T\", detail: {n: 0}}]",
                "Frankfurt"),
            processId);

    assertThat(awaitIncident(instance))
        .isEqualTo(
            "Invalid input: configuration.region: must be an AWS region code such as eu-central-1");
  }
}
