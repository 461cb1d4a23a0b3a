package io.connectors.eventbridge.runtime.support;

import java.util.Map;

/**
 * A process instance that reached its end, with the final values of its process-level variables
 * (JSON values turned into maps, lists, strings, numbers and booleans).
 */
public record CompletedInstance(
    long processInstanceKey, String bpmnProcessId, Map<String, Object> variables) {}
