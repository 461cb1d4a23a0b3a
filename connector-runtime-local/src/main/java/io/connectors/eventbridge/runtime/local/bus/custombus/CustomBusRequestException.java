package io.connectors.eventbridge.runtime.local.bus.custombus;

import io.connectors.eventbridge.outbound.custombus.ModeledError;

/**
 * A Custom Event Bus request the local bus refuses as a whole, answered as one of the model's
 * errors (a client raises it as that error's exception). The message never quotes event content.
 */
public final class CustomBusRequestException extends Exception {

  private final ModeledError error;

  public CustomBusRequestException(ModeledError error, String message) {
    super(message);
    this.error = error;
  }

  public ModeledError error() {
    return error;
  }
}
