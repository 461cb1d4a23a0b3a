package io.connectors.eventbridge.inbound.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.binding.ConfigurationWarnings;
import software.amazon.event.ruler.Machine;

/**
 * An EventBridge event pattern, matched by AWS's own event-ruler so that a pattern pasted from a
 * rule behaves exactly as it does on the bus. Compiled once at activation; the compiled machine is
 * safe for concurrent matching.
 */
public final class EventPatternFilter {

  private static final String RULE_NAME = "eventPattern";

  /** Accepts everything; used when no pattern is configured. */
  public static final EventPatternFilter MATCH_ALL =
      new EventPatternFilter(null, ConfigurationWarnings.SILENT);

  private final Machine machine;
  private final ConfigurationWarnings warnings;

  private EventPatternFilter(Machine machine, ConfigurationWarnings warnings) {
    this.machine = machine;
    this.warnings = warnings;
  }

  /**
   * @throws ConnectorInputException naming the field when the pattern is not a valid EventBridge
   *     pattern, so the activation fails with a message the modeller can act on
   */
  public static EventPatternFilter compile(String pattern) {
    return compile(pattern, ConfigurationWarnings.SILENT);
  }

  /**
   * @param warnings told when the matcher cannot apply the pattern to an event
   */
  public static EventPatternFilter compile(String pattern, ConfigurationWarnings warnings) {
    if (pattern == null || pattern.isBlank()) {
      return MATCH_ALL;
    }
    var machine = new Machine();
    try {
      machine.addRule(RULE_NAME, pattern);
    } catch (Exception invalid) {
      // event-ruler signals bad patterns with IOException, JSON parse errors and
      // IllegalArgumentException alike; all mean the same thing to the user.
      throw new ConnectorInputException(
          "eventPattern: not a valid EventBridge event pattern (each field's value must be an"
              + " array of values or matchers)",
          invalid);
    }
    return new EventPatternFilter(machine, warnings);
  }

  /**
   * An event the matcher cannot evaluate (event-ruler throws on some edge cases) does not match.
   */
  public boolean matches(JsonNode event) {
    if (machine == null) {
      return true;
    }
    try {
      return !machine.rulesForJSONEvent(event).isEmpty();
    } catch (RuntimeException unmatchable) {
      warnings.report("inbound.filter.eventPattern", unmatchable);
      return false;
    }
  }
}
