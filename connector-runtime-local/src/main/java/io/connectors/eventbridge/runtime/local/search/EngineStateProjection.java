package io.connectors.eventbridge.runtime.local.search;

import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import io.connectors.eventbridge.runtime.local.engine.EmbeddedZeebeEngine;
import io.connectors.eventbridge.runtime.local.engine.EngineEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the connector runtime would ask Camunda's search API, rebuilt from the engine's record
 * stream: deployed process definitions, active element instances and process variables.
 *
 * <p>It reads only the records added since its last read, so polling every half second stays cheap
 * however long the engine runs. It keeps the active state only: element instances and variables are
 * dropped when their process instance ends.
 */
public final class EngineStateProjection {

  private static final Set<ValueType> READ =
      Set.of(ValueType.PROCESS, ValueType.PROCESS_INSTANCE, ValueType.VARIABLE);

  // All fields are guarded by "this".
  private final EngineEvents events;
  private final Map<String, NavigableMap<Integer, DeployedProcess>> versionsByProcessId =
      new HashMap<>();
  private final Map<Long, DeployedProcess> processesByKey = new HashMap<>();
  private final Map<Long, ActiveElement> activeElements = new HashMap<>();
  private final Map<Long, Map<String, ProcessVariable>> variablesByInstance = new HashMap<>();

  public EngineStateProjection(EmbeddedZeebeEngine engine) {
    this.events = engine.newEventReader(READ);
  }

  /** The latest version of each deployed process, newest key first (as Camunda's search sorts). */
  public synchronized List<DeployedProcess> latestProcesses() {
    catchUp();
    return versionsByProcessId.values().stream()
        .map(NavigableMap::lastEntry)
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparingLong(DeployedProcess::key).reversed())
        .toList();
  }

  public synchronized Optional<DeployedProcess> process(long processDefinitionKey) {
    catchUp();
    return Optional.ofNullable(processesByKey.get(processDefinitionKey));
  }

  public synchronized List<ActiveElement> activeElements(
      long processDefinitionKey, String elementId) {
    catchUp();
    return activeElements.values().stream()
        .filter(e -> e.processDefinitionKey() == processDefinitionKey)
        .filter(e -> e.elementId().equals(elementId))
        .sorted(Comparator.comparingLong(ActiveElement::key))
        .toList();
  }

  public synchronized List<ProcessVariable> variables(long processInstanceKey) {
    catchUp();
    return List.copyOf(variablesByInstance.getOrDefault(processInstanceKey, Map.of()).values());
  }

  private void catchUp() {
    events.readNew(READ, this::apply);
  }

  private void apply(
      ValueType valueType, Intent intent, long key, long timestamp, RecordValue value) {
    switch (valueType) {
      case PROCESS -> applyProcess(intent, (Process) value);
      case PROCESS_INSTANCE ->
          applyElement(intent, key, timestamp, (ProcessInstanceRecordValue) value);
      case VARIABLE -> applyVariable(intent, key, (VariableRecordValue) value);
      default -> {}
    }
  }

  private void applyProcess(Intent intent, Process process) {
    if (intent == ProcessIntent.CREATED) {
      var deployed =
          new DeployedProcess(
              process.getProcessDefinitionKey(),
              process.getBpmnProcessId(),
              process.getVersion(),
              process.getVersionTag(),
              process.getResourceName(),
              process.getTenantId(),
              process.getResource());
      versionsByProcessId
          .computeIfAbsent(deployed.bpmnProcessId(), id -> new TreeMap<>())
          .put(deployed.version(), deployed);
      processesByKey.put(deployed.key(), deployed);
    } else if (intent == ProcessIntent.DELETED) {
      var versions = versionsByProcessId.get(process.getBpmnProcessId());
      if (versions != null) {
        versions.remove(process.getVersion());
        if (versions.isEmpty()) {
          versionsByProcessId.remove(process.getBpmnProcessId());
        }
      }
      processesByKey.remove(process.getProcessDefinitionKey());
    }
  }

  private void applyElement(
      Intent intent, long key, long timestamp, ProcessInstanceRecordValue element) {
    if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      activeElements.put(
          key,
          new ActiveElement(
              key,
              element.getProcessDefinitionKey(),
              element.getBpmnProcessId(),
              element.getProcessInstanceKey(),
              element.getElementId(),
              typeOf(element.getBpmnElementType()),
              OffsetDateTime.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC),
              element.getTenantId()));
    } else if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED
        || intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
      activeElements.remove(key);
      if (element.getBpmnElementType() == BpmnElementType.PROCESS) {
        variablesByInstance.remove(element.getProcessInstanceKey());
      }
    }
  }

  private void applyVariable(Intent intent, long key, VariableRecordValue variable) {
    // The runtime reads only variables of the process instance's own scope.
    boolean processScope = variable.getScopeKey() == variable.getProcessInstanceKey();
    if (processScope && (intent == VariableIntent.CREATED || intent == VariableIntent.UPDATED)) {
      variablesByInstance
          .computeIfAbsent(variable.getProcessInstanceKey(), instance -> new LinkedHashMap<>())
          .put(
              variable.getName(),
              new ProcessVariable(
                  key,
                  variable.getName(),
                  variable.getValue(),
                  variable.getProcessInstanceKey(),
                  variable.getTenantId()));
    }
  }

  private static ElementInstanceType typeOf(BpmnElementType type) {
    try {
      return ElementInstanceType.valueOf(type.name());
    } catch (IllegalArgumentException e) {
      return ElementInstanceType.UNKNOWN;
    }
  }
}
