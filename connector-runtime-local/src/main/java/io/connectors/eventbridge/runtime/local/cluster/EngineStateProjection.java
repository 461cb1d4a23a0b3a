package io.connectors.eventbridge.runtime.local.cluster;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
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
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Camunda's search API would answer, rebuilt from the engine's record stream: deployed process
 * definitions, active element instances and the variables of running process instances.
 *
 * <p>It reads only the records added since its last read, so polling every half second stays cheap
 * however long the engine runs. It keeps the active state only: element instances are dropped when
 * they end, and variables when their process instance ends.
 */
public final class EngineStateProjection {

  private static final Logger LOG = LoggerFactory.getLogger(EngineStateProjection.class);
  private static final Set<ValueType> READ =
      Set.of(ValueType.PROCESS, ValueType.PROCESS_INSTANCE, ValueType.VARIABLE);

  /** All deployed versions, and the keys of the latest version of each process and tenant. */
  record Processes(List<DeployedProcess> all, Set<Long> latestKeys) {}

  private record VersionsOf(String tenantId, String bpmnProcessId) {}

  private record VariableId(long scopeKey, String name) {}

  // All fields are guarded by "this".
  private final EngineEvents events;
  private final Map<VersionsOf, NavigableMap<Integer, DeployedProcess>> versions = new HashMap<>();
  private final Map<Long, DeployedProcess> processesByKey = new LinkedHashMap<>();
  private final Map<Long, ActiveElement> activeElements = new LinkedHashMap<>();
  private final Map<Long, Map<VariableId, ProcessVariable>> variablesByInstance = new HashMap<>();

  public EngineStateProjection(EmbeddedZeebeEngine engine) {
    this.events = engine.newEventReader(READ);
  }

  synchronized Processes processes() {
    catchUp();
    Set<Long> latest = new HashSet<>();
    versions.values().forEach(byVersion -> latest.add(byVersion.lastEntry().getValue().key()));
    return new Processes(List.copyOf(processesByKey.values()), Set.copyOf(latest));
  }

  synchronized Optional<DeployedProcess> process(long processDefinitionKey) {
    catchUp();
    return Optional.ofNullable(processesByKey.get(processDefinitionKey));
  }

  /** The active element instances, with the name of each element where the BPMN gives one. */
  synchronized List<Map.Entry<ActiveElement, String>> activeElements() {
    catchUp();
    List<Map.Entry<ActiveElement, String>> out = new ArrayList<>(activeElements.size());
    for (ActiveElement element : activeElements.values()) {
      DeployedProcess process = processesByKey.get(element.processDefinitionKey());
      String name = process == null ? null : process.elementNames().get(element.elementId());
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(element, name));
    }
    return out;
  }

  synchronized List<ProcessVariable> variables() {
    catchUp();
    List<ProcessVariable> out = new ArrayList<>();
    variablesByInstance.values().forEach(byId -> out.addAll(byId.values()));
    return out;
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
    var id = new VersionsOf(process.getTenantId(), process.getBpmnProcessId());
    if (intent == ProcessIntent.CREATED) {
      var deployed = describe(process);
      versions.computeIfAbsent(id, ignored -> new TreeMap<>()).put(deployed.version(), deployed);
      processesByKey.put(deployed.key(), deployed);
    } else if (intent == ProcessIntent.DELETED) {
      var byVersion = versions.get(id);
      if (byVersion != null) {
        byVersion.remove(process.getVersion());
        if (byVersion.isEmpty()) {
          versions.remove(id);
        }
      }
      processesByKey.remove(process.getProcessDefinitionKey());
    }
  }

  private static DeployedProcess describe(Process process) {
    String name = null;
    boolean hasStartForm = false;
    Map<String, String> elementNames = new HashMap<>();
    try {
      BpmnModelInstance model =
          Bpmn.readModelFromStream(new ByteArrayInputStream(process.getResource()));
      if (model.getModelElementById(process.getBpmnProcessId())
          instanceof io.camunda.zeebe.model.bpmn.instance.Process bpmnProcess) {
        name = bpmnProcess.getName();
        hasStartForm =
            bpmnProcess.getChildElementsByType(StartEvent.class).stream()
                .anyMatch(
                    start -> start.getSingleExtensionElement(ZeebeFormDefinition.class) != null);
      }
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if (element.getName() != null) {
          elementNames.put(element.getId(), element.getName());
        }
      }
    } catch (RuntimeException e) {
      // The engine accepted it, so this should not happen; the search then reports no names.
      LOG.debug("Could not read the BPMN of {}: {}", process.getBpmnProcessId(), e.toString());
    }
    return new DeployedProcess(
        process.getProcessDefinitionKey(),
        process.getBpmnProcessId(),
        process.getVersion(),
        process.getVersionTag(),
        process.getResourceName(),
        process.getTenantId(),
        process.getResource(),
        name,
        hasStartForm,
        Map.copyOf(elementNames));
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
              element.getFlowScopeKey(),
              element.getElementId(),
              element.getBpmnElementType().name(),
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
    if (intent == VariableIntent.CREATED || intent == VariableIntent.UPDATED) {
      variablesByInstance
          .computeIfAbsent(variable.getProcessInstanceKey(), instance -> new LinkedHashMap<>())
          .put(
              new VariableId(variable.getScopeKey(), variable.getName()),
              new ProcessVariable(
                  key,
                  variable.getName(),
                  variable.getValue(),
                  variable.getScopeKey(),
                  variable.getProcessInstanceKey(),
                  variable.getTenantId()));
    }
  }
}
