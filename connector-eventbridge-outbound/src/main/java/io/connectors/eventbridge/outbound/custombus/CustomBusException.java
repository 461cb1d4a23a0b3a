package io.connectors.eventbridge.outbound.custombus;

/**
 * A PutEvents call that failed as a whole. Messages are the connector's own words: the text of a
 * library's exception stays in the cause, for logs, and the service's own message is a separate
 * field of {@link CustomBusServiceException}.
 */
public abstract sealed class CustomBusException extends RuntimeException
    permits CustomBusServiceException,
        CustomBusUnreachableException,
        CustomBusMalformedAnswerException,
        CustomBusConfigurationException,
        CustomBusClosedException {

  CustomBusException(String message, Throwable cause) {
    super(message, cause);
  }
}
