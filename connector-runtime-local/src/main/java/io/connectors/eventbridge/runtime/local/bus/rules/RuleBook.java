package io.connectors.eventbridge.runtime.local.bus.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;

/**
 * The loaded rules, with one event-ruler machine per bus: the same matching library and pattern
 * language as EventBridge, so a pattern that works here works on AWS.
 */
public final class RuleBook {

  private final Map<String, GenericMachine<String>> machinesByBus = new HashMap<>();
  private final Map<String, BusRule> rulesByKey = new LinkedHashMap<>();

  private RuleBook() {}

  public static RuleBook empty() {
    return new RuleBook();
  }

  /**
   * Builds the machines.
   *
   * @throws InvalidRulesException naming the rule whose pattern event-ruler rejects, or a name used
   *     twice on one bus
   */
  public static RuleBook of(List<BusRule> rules) {
    var book = new RuleBook();
    for (BusRule rule : rules) {
      String key = key(rule.eventBusName(), rule.name());
      if (book.rulesByKey.putIfAbsent(key, rule) != null) {
        throw new InvalidRulesException(
            "rule '" + rule.name() + "' is defined twice on bus '" + rule.eventBusName() + "'");
      }
      var machine =
          book.machinesByBus.computeIfAbsent(rule.eventBusName(), bus -> new GenericMachine<>());
      try {
        machine.addRule(key, rule.eventPattern());
      } catch (IOException | RuntimeException e) {
        throw new InvalidRulesException(
            "rule '" + rule.name() + "': the event pattern is not valid: " + e.getMessage());
      }
    }
    return book;
  }

  /** The rules on {@code eventBusName} whose pattern matches the event envelope. */
  public List<BusRule> matching(String eventBusName, JsonNode envelope) {
    var machine = machinesByBus.get(eventBusName);
    if (machine == null) {
      return List.of();
    }
    try {
      return machine.rulesForJSONEvent(envelope).stream().distinct().map(rulesByKey::get).toList();
    } catch (RuntimeException unmatchable) {
      // event-ruler throws on some edge cases of event content; such an event matches no rule,
      // as on AWS, instead of failing the PutEvents call.
      return List.of();
    }
  }

  public int size() {
    return rulesByKey.size();
  }

  public List<BusRule> rules() {
    return List.copyOf(rulesByKey.values());
  }

  private static String key(String bus, String rule) {
    return bus + "/" + rule;
  }
}
