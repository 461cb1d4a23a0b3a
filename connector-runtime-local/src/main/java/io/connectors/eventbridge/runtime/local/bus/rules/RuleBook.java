package io.connectors.eventbridge.runtime.local.bus.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;

/**
 * The loaded rules, with one event-ruler machine per bus, and the Custom Event Bus subscribers,
 * with one machine per filter: the same matching library and pattern language as EventBridge, so a
 * pattern that works here works on AWS.
 */
public final class RuleBook {

  private final Map<String, GenericMachine<String>> machinesByBus = new HashMap<>();
  private final Map<String, BusRule> rulesByKey = new LinkedHashMap<>();
  private final Map<String, List<SubscriberMatcher>> subscribersByBus = new LinkedHashMap<>();

  /** A subscriber with one machine per filter: an event must match them all. */
  private record SubscriberMatcher(
      Subscriber subscriber, Map<Subscriber.Scope, GenericMachine<String>> filters) {}

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
    return of(new RulesFile(rules, List.of()));
  }

  /**
   * Builds the machines of the rules and of the subscribers' filters.
   *
   * @throws InvalidRulesException naming the rule or subscriber whose pattern event-ruler rejects,
   *     or a name used twice on one bus
   */
  public static RuleBook of(RulesFile file) {
    var book = new RuleBook();
    book.addRules(file.rules());
    for (Subscriber subscriber : file.subscribers()) {
      book.addSubscriber(subscriber);
    }
    return book;
  }

  private void addRules(List<BusRule> rules) {
    for (BusRule rule : rules) {
      String key = key(rule.eventBusName(), rule.name());
      if (rulesByKey.putIfAbsent(key, rule) != null) {
        throw new InvalidRulesException(
            "rule '" + rule.name() + "' is defined twice on bus '" + rule.eventBusName() + "'");
      }
      var machine =
          machinesByBus.computeIfAbsent(rule.eventBusName(), bus -> new GenericMachine<>());
      addPattern(machine, key, rule.eventPattern(), "rule '" + rule.name() + "'");
    }
  }

  private void addSubscriber(Subscriber subscriber) {
    String where = "subscriber '" + subscriber.name() + "'";
    var onBus =
        subscribersByBus.computeIfAbsent(subscriber.eventBusName(), bus -> new ArrayList<>());
    if (onBus.stream().anyMatch(m -> m.subscriber().name().equals(subscriber.name()))) {
      throw new InvalidRulesException(
          where + " is defined twice on bus '" + subscriber.eventBusName() + "'");
    }
    var filters = new EnumMap<Subscriber.Scope, GenericMachine<String>>(Subscriber.Scope.class);
    for (Subscriber.Filter filter : subscriber.filters()) {
      var machine = new GenericMachine<String>();
      addPattern(machine, subscriber.name(), filter.pattern(), where + " (" + filter.scope() + ")");
      filters.put(filter.scope(), machine);
    }
    onBus.add(new SubscriberMatcher(subscriber, filters));
  }

  private static void addPattern(
      GenericMachine<String> machine, String key, String pattern, String where) {
    try {
      machine.addRule(key, pattern);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRulesException(
          where + ": the event pattern is not valid: " + e.getMessage());
    }
  }

  /**
   * The subscribers on {@code eventBusName} whose filters all match the event's parts, as {@code
   * CreateSubscriber}'s filter scopes address them.
   */
  public List<Subscriber> subscribers(String eventBusName, Map<Subscriber.Scope, JsonNode> parts) {
    return subscribersByBus.getOrDefault(eventBusName, List.of()).stream()
        .filter(
            m ->
                m.filters().entrySet().stream()
                    .allMatch(f -> matches(f.getValue(), parts.get(f.getKey()))))
        .map(SubscriberMatcher::subscriber)
        .toList();
  }

  private static boolean matches(GenericMachine<String> machine, JsonNode part) {
    try {
      return !machine.rulesForJSONEvent(part).isEmpty();
    } catch (RuntimeException unmatchable) {
      // As for rules: content event-ruler cannot handle matches nothing.
      return false;
    }
  }

  public List<Subscriber> subscribers() {
    return subscribersByBus.values().stream()
        .flatMap(List::stream)
        .map(SubscriberMatcher::subscriber)
        .toList();
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
