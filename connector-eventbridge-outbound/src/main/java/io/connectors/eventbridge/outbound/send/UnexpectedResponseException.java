package io.connectors.eventbridge.outbound.send;

/** The service answered in a shape PutEvents never should; results cannot be mapped back safely. */
public class UnexpectedResponseException extends RuntimeException {
  public UnexpectedResponseException(String message) {
    super(message);
  }
}
