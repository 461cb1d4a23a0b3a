package io.connectors.eventbridge.runtime.local.bus.rules;

import java.util.List;

/**
 * Everything the rules file declares: the classic bus's rules and the Custom Event Bus's
 * subscribers.
 */
public record RulesFile(List<BusRule> rules, List<Subscriber> subscribers) {

  public RulesFile {
    rules = List.copyOf(rules);
    subscribers = List.copyOf(subscribers);
  }
}
