package io.connectors.eventbridge.runtime.support.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.JobBatchRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * What the engine did with the fleet's events, read from local mode's record stream: the process
 * instances of the webhook's process per event {@code id} (the process's variable {@code eventId},
 * set from the event by the webhook's result expression), and which process instances completed.
 * Reads only the records it has not seen yet, so polling it stays cheap as records pile up.
 */
public final class EngineLedger {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedZeebeEngine engine;
  private final String webhookProcessId;
  private final String eventIdVariable;
  private final Map<String, Set<Long>> instancesByEventId = new HashMap<>();
  private final Map<Long, Long> completed = new HashMap<>();
  private final Map<Long, List<JobEvent>> jobHistory = new HashMap<>();

  /**
   * A job record of a process instance.
   *
   * @param intent e.g. {@code CREATED}, {@code ACTIVATED} (pushed or polled), {@code TIMED_OUT}
   * @param timestamp the record's time (engine clock, epoch ms)
   * @param deadline the job's deadline (epoch ms), -1 if none
   */
  public record JobEvent(
      String intent, long jobKey, long timestamp, String worker, long deadline) {}

  private int seen;

  public EngineLedger(EmbeddedZeebeEngine engine, String webhookProcessId, String eventIdVariable) {
    this.engine = engine;
    this.webhookProcessId = webhookProcessId;
    this.eventIdVariable = eventIdVariable;
  }

  /** Reads the records written since the last call. */
  public synchronized void refresh() {
    var records = engine.records().recordsFrom(seen);
    seen += records.size();
    for (var record : records) {
      if (record.getRecordType() != RecordType.EVENT) {
        continue;
      }
      if (record.getValueType() == ValueType.VARIABLE
          && record.getIntent() == VariableIntent.CREATED) {
        var variable = (VariableRecordValue) record.getValue();
        if (webhookProcessId.equals(variable.getBpmnProcessId())
            && eventIdVariable.equals(variable.getName())
            && variable.getScopeKey() == variable.getProcessInstanceKey()) {
          instancesByEventId
              .computeIfAbsent(text(variable.getValue()), id -> new HashSet<>())
              .add(variable.getProcessInstanceKey());
        }
      } else if (record.getValueType() == ValueType.JOB) {
        var job = (JobRecordValue) record.getValue();
        jobEvent(
            job.getProcessInstanceKey(),
            new JobEvent(
                record.getIntent().name(),
                record.getKey(),
                record.getTimestamp(),
                job.getWorker(),
                job.getDeadline()));
      } else if (record.getValueType() == ValueType.JOB_BATCH) {
        var batch = (JobBatchRecordValue) record.getValue();
        for (int i = 0; i < batch.getJobs().size(); i++) {
          var job = batch.getJobs().get(i);
          jobEvent(
              job.getProcessInstanceKey(),
              new JobEvent(
                  record.getIntent().name(),
                  batch.getJobKeys().get(i),
                  record.getTimestamp(),
                  batch.getWorker(),
                  job.getDeadline()));
        }
      } else if (record.getValueType() == ValueType.PROCESS_INSTANCE
          && record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED) {
        var value = (ProcessInstanceRecordValue) record.getValue();
        if (value.getBpmnElementType() == BpmnElementType.PROCESS) {
          completed.put(value.getProcessInstanceKey(), record.getTimestamp());
        }
      }
    }
  }

  /** Instances of the webhook's process started for this event, as of the last refresh. */
  public synchronized int instancesOf(String eventId) {
    var keys = instancesByEventId.get(eventId);
    return keys == null ? 0 : keys.size();
  }

  /** The job records of a process instance, in order. */
  public synchronized List<JobEvent> jobHistory(long processInstanceKey) {
    return List.copyOf(jobHistory.getOrDefault(processInstanceKey, List.of()));
  }

  private void jobEvent(long processInstanceKey, JobEvent event) {
    jobHistory.computeIfAbsent(processInstanceKey, key -> new java.util.ArrayList<>()).add(event);
  }

  public synchronized boolean completed(long processInstanceKey) {
    return completed.containsKey(processInstanceKey);
  }

  /** When the process instance completed (engine clock, epoch ms), if it has. */
  public synchronized Optional<Long> completedAt(long processInstanceKey) {
    return Optional.ofNullable(completed.get(processInstanceKey));
  }

  /**
   * Refreshes until every one of {@code eventIds} has an instance, or {@code timeout} passes; then
   * returns either way (what is missing is counted as lost by the report).
   */
  public void awaitEffects(Collection<String> eventIds, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      refresh();
      boolean all;
      synchronized (this) {
        all = eventIds.stream().allMatch(instancesByEventId::containsKey);
      }
      if (all || System.nanoTime() > deadline) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }

  private static String text(String jsonValue) {
    try {
      return JSON.readValue(jsonValue, String.class);
    } catch (JsonProcessingException e) {
      return jsonValue;
    }
  }
}
