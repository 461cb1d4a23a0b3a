package io.connectors.eventbridge.inbound.binding;

import io.camunda.connector.api.error.ConnectorInputException;

/** What an operator is told when a webhook's settings cannot be used. */
public final class ActivationFailure {

  /** The health error code of a webhook whose settings cannot be used. */
  public static final String CODE = "INVALID_CONFIGURATION";

  private ActivationFailure() {}

  /**
   * Our own input errors name the property and the problem and are passed on; any other exception's
   * text comes from a library and may quote a value (a substituted secret), so only a fixed
   * sentence is.
   */
  public static String reason(Throwable failure) {
    return failure instanceof ConnectorInputException && failure.getMessage() != null
        ? failure.getMessage()
        : "the webhook's settings were refused; check the payload decryption and authorization"
            + " settings";
  }
}
