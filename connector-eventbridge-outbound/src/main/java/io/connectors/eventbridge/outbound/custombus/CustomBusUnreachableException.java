package io.connectors.eventbridge.outbound.custombus;

import java.io.IOException;

/** No answer: the connection failed or broke, or the HTTP client timed out. */
public final class CustomBusUnreachableException extends CustomBusException {

  CustomBusUnreachableException(String host, IOException cause) {
    super("The Custom Event Bus endpoint " + host + " could not be reached", cause);
  }
}
