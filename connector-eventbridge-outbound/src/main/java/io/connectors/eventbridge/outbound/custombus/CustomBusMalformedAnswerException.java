package io.connectors.eventbridge.outbound.custombus;

/** An answer that does not follow the protocol or the model. */
public final class CustomBusMalformedAnswerException extends CustomBusException {

  CustomBusMalformedAnswerException(String what) {
    super("The Custom Event Bus answered something unexpected: " + what, null);
  }

  CustomBusMalformedAnswerException(String what, Throwable cause) {
    super("The Custom Event Bus answered something unexpected: " + what, cause);
  }
}
