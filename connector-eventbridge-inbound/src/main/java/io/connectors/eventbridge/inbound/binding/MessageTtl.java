package io.connectors.eventbridge.inbound.binding;

import io.camunda.connector.api.error.ConnectorInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Checks the runtime's {@code messageTtl} property when the webhook activates. The template leaves
 * the check to us (see tools/element-templates/finalize-templates.mjs); without it, a typo would
 * surface only when the first event arrives.
 */
public final class MessageTtl {

  static final String PROPERTY = "messageTtl";

  private MessageTtl() {}

  /** Empty, an ISO-8601 duration, or a FEEL expression (which the runtime evaluates). */
  public static void check(Map<String, Object> properties) {
    if (!(properties.get(PROPERTY) instanceof String value)
        || value.isBlank()
        || value.startsWith("=")) {
      return;
    }
    try {
      Duration.parse(value.strip());
    } catch (DateTimeParseException notADuration) {
      throw new ConnectorInputException(
          PROPERTY + " (Message TTL): must be an ISO-8601 duration such as PT1H");
    }
  }
}
