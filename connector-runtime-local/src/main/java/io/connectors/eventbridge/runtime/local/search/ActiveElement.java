package io.connectors.eventbridge.runtime.local.search;

import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import java.time.OffsetDateTime;

/** An element instance the engine has activated and not yet completed or terminated. */
record ActiveElement(
    long key,
    long processDefinitionKey,
    String bpmnProcessId,
    long processInstanceKey,
    String elementId,
    ElementInstanceType type,
    OffsetDateTime startDate,
    String tenantId)
    implements ElementInstance {

  @Override
  public Long getElementInstanceKey() {
    return key;
  }

  @Override
  public Long getProcessDefinitionKey() {
    return processDefinitionKey;
  }

  @Override
  public String getProcessDefinitionId() {
    return bpmnProcessId;
  }

  @Override
  public Long getProcessInstanceKey() {
    return processInstanceKey;
  }

  @Override
  public String getElementId() {
    return elementId;
  }

  @Override
  public String getElementName() {
    return null;
  }

  @Override
  public OffsetDateTime getStartDate() {
    return startDate;
  }

  @Override
  public OffsetDateTime getEndDate() {
    return null;
  }

  @Override
  public Boolean getIncident() {
    return false;
  }

  @Override
  public Long getIncidentKey() {
    return null;
  }

  @Override
  public ElementInstanceState getState() {
    return ElementInstanceState.ACTIVE;
  }

  @Override
  public String getTenantId() {
    return tenantId;
  }

  @Override
  public ElementInstanceType getType() {
    return type;
  }
}
