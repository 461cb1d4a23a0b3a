package io.connectors.eventbridge.testsupport;

/**
 * How PutEvents fails a whole call: an HTTP error status with an AWS error type and message.
 *
 * @param messageField the member that carries the message; AWS services spell it {@code message} or
 *     {@code Message} depending on the error, and clients must read both
 */
public record CallError(int status, String type, String message, String messageField) {

  public static final CallError INTERNAL_FAILURE =
      new CallError(500, "InternalFailure", "We encountered an internal error. Please try again.");
  public static final CallError SERVICE_UNAVAILABLE =
      new CallError(503, "ServiceUnavailableException", "try later");

  public CallError(int status, String type, String message) {
    this(status, type, message, "message");
  }
}
