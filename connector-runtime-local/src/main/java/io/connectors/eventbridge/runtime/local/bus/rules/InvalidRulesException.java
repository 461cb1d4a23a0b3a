package io.connectors.eventbridge.runtime.local.bus.rules;

/** The rules file cannot be used; the message names the rule and field, never a secret value. */
public final class InvalidRulesException extends RuntimeException {

  public InvalidRulesException(String message) {
    super(message);
  }
}
