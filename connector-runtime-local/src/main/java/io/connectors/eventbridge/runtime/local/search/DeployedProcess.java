package io.connectors.eventbridge.runtime.local.search;

import io.camunda.client.api.search.response.ProcessDefinition;

/** A process definition as the engine recorded it, with its BPMN resource. */
record DeployedProcess(
    long key,
    String bpmnProcessId,
    int version,
    String versionTag,
    String resourceName,
    String tenantId,
    byte[] resource)
    implements ProcessDefinition {

  @Override
  public long getProcessDefinitionKey() {
    return key;
  }

  @Override
  public String getName() {
    // The record stream carries no process name; the runtime only displays it.
    return null;
  }

  @Override
  public String getResourceName() {
    return resourceName;
  }

  @Override
  public int getVersion() {
    return version;
  }

  @Override
  public String getVersionTag() {
    return versionTag;
  }

  @Override
  public String getProcessDefinitionId() {
    return bpmnProcessId;
  }

  @Override
  public String getTenantId() {
    return tenantId;
  }

  @Override
  public Boolean getHasStartForm() {
    return false;
  }

  @Override
  public String toString() {
    return "DeployedProcess[%s v%d, key %d, %s]"
        .formatted(bpmnProcessId, version, key, resourceName);
  }
}
