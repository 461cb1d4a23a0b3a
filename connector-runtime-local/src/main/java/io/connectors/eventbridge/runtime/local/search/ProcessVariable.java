package io.connectors.eventbridge.runtime.local.search;

import io.camunda.client.api.search.response.Variable;

/** The current value of a process-instance-scoped variable, as JSON text. */
record ProcessVariable(
    long key, String name, String value, long processInstanceKey, String tenantId)
    implements Variable {

  @Override
  public Long getVariableKey() {
    return key;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getValue() {
    return value;
  }

  @Override
  public Long getScopeKey() {
    return processInstanceKey;
  }

  @Override
  public Long getProcessInstanceKey() {
    return processInstanceKey;
  }

  @Override
  public String getTenantId() {
    return tenantId;
  }

  @Override
  public Boolean isTruncated() {
    return false;
  }

  @Override
  public String toString() {
    // Variable values may hold payloads with personal data or tokens: keep them out of logs.
    return "ProcessVariable[" + name + " of instance " + processInstanceKey + "]";
  }
}
