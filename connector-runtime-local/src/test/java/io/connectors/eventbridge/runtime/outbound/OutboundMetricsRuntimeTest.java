package io.connectors.eventbridge.runtime.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.eventbridge.runtime.support.LocalRuntime;
import io.connectors.eventbridge.runtime.support.LocalRuntimeTest;
import io.connectors.eventbridge.runtime.support.TestProcesses;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbound connector's meters, scraped from /actuator/prometheus after a real task. */
@LocalRuntimeTest
class OutboundMetricsRuntimeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Autowired LocalRuntime runtime;

  @Test
  void aTaskIsCountedWithItsEventsAndCalls() {
    String processId = "rt-outbound-metrics-" + UUID.randomUUID().toString().substring(0, 8);
    runtime
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            TestProcesses.putEventsTaskWithSecrets(processId)
                .zeebeInput("batch", "event.mode")
                .zeebeInput(
                    "=[{source: \"com.example.metrics\", detailType: \"A\", detail: {n: 1}},"
                        + " {source: \"com.example.metrics\", detailType: \"B\", detail: {n: 2}}]",
                    "event.events")
                .endEvent()
                .done(),
            processId + ".bpmn")
        .send()
        .join();
    double put = runtime.metric("eventbridge_outbound_events_total", "outcome=\"put\"");
    double calls =
        runtime.metric("eventbridge_putevents_calls_seconds_count", "outcome=\"success\"");
    double tasks =
        runtime.metric("eventbridge_outbound_tasks_seconds_count", "outcome=\"completed\"");

    long instance =
        runtime
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    runtime.awaitCompleted(instance, TIMEOUT);

    assertThat(runtime.metric("eventbridge_outbound_events_total", "outcome=\"put\""))
        .isEqualTo(put + 2);
    assertThat(runtime.metric("eventbridge_putevents_calls_seconds_count", "outcome=\"success\""))
        .isEqualTo(calls + 1);
    assertThat(runtime.metric("eventbridge_outbound_tasks_seconds_count", "outcome=\"completed\""))
        .isEqualTo(tasks + 1);
    assertThat(runtime.metric("eventbridge_putevents_calls_seconds_bucket", "le=\"+Inf\""))
        .isGreaterThanOrEqualTo(calls + 1);
    assertThat(runtime.metric("eventbridge_outbound_client_cache_size")).isGreaterThanOrEqualTo(1);
  }
}
