package io.connectors.eventbridge.runtime.local.cluster;

import java.util.Map;

/**
 * A process definition as the engine recorded it, with its BPMN resource and what the search API
 * reports that the record stream does not carry (read from the BPMN once, at deployment).
 *
 * @param name the process's name in the BPMN, or null
 * @param hasStartForm whether the process's none start event links a form
 * @param elementNames names of the process's flow elements by id (elements without a name absent)
 */
record DeployedProcess(
    long key,
    String bpmnProcessId,
    int version,
    String versionTag,
    String resourceName,
    String tenantId,
    byte[] resource,
    String name,
    boolean hasStartForm,
    Map<String, String> elementNames) {

  @Override
  public String toString() {
    return "DeployedProcess[%s v%d, key %d, %s]"
        .formatted(bpmnProcessId, version, key, resourceName);
  }
}
