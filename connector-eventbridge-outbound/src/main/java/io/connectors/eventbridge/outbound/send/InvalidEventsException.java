package io.connectors.eventbridge.outbound.send;

import io.camunda.connector.api.error.ConnectorInputException;
import java.util.List;

/** Input that EventBridge would reject; not retried, since the same input fails the same way. */
public class InvalidEventsException extends ConnectorInputException {

  private final List<String> violations;

  public InvalidEventsException(List<String> violations) {
    super("Invalid EventBridge events: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
