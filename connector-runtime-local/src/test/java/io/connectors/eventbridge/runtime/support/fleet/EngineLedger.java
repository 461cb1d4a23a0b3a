package io.connectors.eventbridge.runtime.support.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.JobBatchRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.local.engine.EngineEvents;
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
 * What the engine did with the fleet's events, read from local mode's engine log: the process
 * instances of the webhook's process per event {@code id} (the process's variable {@code eventId},
 * set from the event by the webhook's result expression), which process instances completed, and
 * their jobs. Reads only the events it has not seen yet and keeps only what it extracts, so polling
 * stays cheap and the heap stays flat as the log grows (the engine's record stream keeps every
 * record it ever decoded: at RocksDB speed, the long form's 4x phase filled a 6 GiB heap).
 */
public final class EngineLedger {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<ValueType> VALUE_TYPES =
      Set.of(ValueType.VARIABLE, ValueType.JOB, ValueType.JOB_BATCH, ValueType.PROCESS_INSTANCE);

  private final EngineEvents events;
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

  public EngineLedger(EmbeddedZeebeEngine engine, String webhookProcessId, String eventIdVariable) {
    this.events = engine.newEventReader(VALUE_TYPES);
    this.webhookProcessId = webhookProcessId;
    this.eventIdVariable = eventIdVariable;
  }

  /** Reads the events written since the last call. */
  public synchronized void refresh() {
    events.readNew(VALUE_TYPES, this::read);
  }

  private void read(
      ValueType valueType, Intent intent, long key, long timestamp, RecordValue value) {
    switch (value) {
      case VariableRecordValue variable
          when intent == VariableIntent.CREATED
              && webhookProcessId.equals(variable.getBpmnProcessId())
              && eventIdVariable.equals(variable.getName())
              && variable.getScopeKey() == variable.getProcessInstanceKey() ->
          instancesByEventId
              .computeIfAbsent(text(variable.getValue()), id -> new HashSet<>())
              .add(variable.getProcessInstanceKey());
      case JobRecordValue job ->
          jobEvent(
              job.getProcessInstanceKey(),
              new JobEvent(intent.name(), key, timestamp, job.getWorker(), job.getDeadline()));
      case JobBatchRecordValue batch -> {
        for (int i = 0; i < batch.getJobs().size(); i++) {
          var job = batch.getJobs().get(i);
          jobEvent(
              job.getProcessInstanceKey(),
              new JobEvent(
                  intent.name(),
                  batch.getJobKeys().get(i),
                  timestamp,
                  batch.getWorker(),
                  job.getDeadline()));
        }
      }
      case ProcessInstanceRecordValue instance
          when intent == ProcessInstanceIntent.ELEMENT_COMPLETED
              && instance.getBpmnElementType() == BpmnElementType.PROCESS ->
          completed.put(instance.getProcessInstanceKey(), timestamp);
      default -> {
        // another variable or element: not the ledger's
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
