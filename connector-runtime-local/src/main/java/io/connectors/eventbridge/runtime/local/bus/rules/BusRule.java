package io.connectors.eventbridge.runtime.local.bus.rules;

import java.util.List;

/**
 * A rule of the local bus: an EventBridge event pattern on one bus, and its targets.
 *
 * @param eventPattern the pattern as JSON, exactly as EventBridge takes it
 */
public record BusRule(
    String name, String eventBusName, String eventPattern, List<RuleTarget> targets) {

  public static final String DEFAULT_BUS = "default";
}
