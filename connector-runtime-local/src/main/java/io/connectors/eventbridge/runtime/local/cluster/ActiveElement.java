package io.connectors.eventbridge.runtime.local.cluster;

import java.time.OffsetDateTime;

/**
 * An element instance the engine has activated and not yet completed or terminated.
 *
 * @param type the engine's BPMN element type name (as the search API's element instance type)
 */
record ActiveElement(
    long key,
    long processDefinitionKey,
    String bpmnProcessId,
    long processInstanceKey,
    long flowScopeKey,
    String elementId,
    String type,
    OffsetDateTime startDate,
    String tenantId) {}
