package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.client.ClientsClosedException;
import io.connectors.eventbridge.outbound.custombus.CustomBusClosedException;
import io.connectors.eventbridge.outbound.custombus.CustomBusConfigurationException;
import io.connectors.eventbridge.outbound.custombus.CustomBusMalformedAnswerException;
import io.connectors.eventbridge.outbound.custombus.CustomBusServiceException;
import io.connectors.eventbridge.outbound.custombus.CustomBusUnreachableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Classifies a failed PutEvents call by the SDK's exception type, HTTP status and AWS error code.
 */
final class RequestFailures {

  record Failure(String code, String reason) {}

  private RequestFailures() {}

  static Failure classify(RuntimeException cause) {
    return switch (cause) {
      case RuntimeException marked when MissingCredentials.isCause(marked) ->
          new Failure(
              ErrorCodes.AUTHENTICATION_FAILED,
              "No AWS credentials could be resolved: " + quote(MissingCredentials.message(marked)));
      case AwsServiceException aws ->
          answered(
              aws.statusCode(),
              aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode(),
              aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage());
      case SdkClientException client -> unreachable(client);
      // The Custom Event Bus's own exceptions, read as their classic counterparts are.
      case CustomBusServiceException bus ->
          answered(bus.httpStatus(), bus.errorCode(), bus.serviceMessage().orElse(null));
      case CustomBusUnreachableException bus -> unreachable(bus);
      case CustomBusMalformedAnswerException bus ->
          new Failure(ErrorCodes.SERVICE_ERROR, bus.getMessage());
      case CustomBusConfigurationException bus ->
          new Failure(ErrorCodes.INVALID_REQUEST, bus.getMessage());
      case UnexpectedResponseException unexpected ->
          new Failure(ErrorCodes.SERVICE_ERROR, unexpected.getMessage());
      // Failing the job (with its retries) hands it to a runtime that is still running.
      case ClientsClosedException closed ->
          new Failure(ErrorCodes.SERVICE_ERROR, closed.getMessage());
      case CustomBusClosedException closed ->
          new Failure(ErrorCodes.SERVICE_ERROR, closed.getMessage());
      default ->
          new Failure(
              ErrorCodes.SERVICE_ERROR,
              "PutEvents failed unexpectedly: " + quote(cause.getMessage()));
    };
  }

  private static Failure answered(int status, String awsCode, String awsMessage) {
    return new Failure(
        codeForService(awsCode, status),
        "EventBridge answered HTTP "
            + status
            + (awsCode == null ? "" : " " + awsCode)
            + (awsMessage == null ? "" : ": " + quote(awsMessage)));
  }

  private static Failure unreachable(RuntimeException cause) {
    return new Failure(
        ErrorCodes.CONNECTION_FAILED,
        "EventBridge could not be reached: " + quote(cause.getMessage()));
  }

  /**
   * A 5xx is a service error whatever its code: an {@code InternalFailure} answer that outlived the
   * SDK's retries is not throttling. Request-level throttling is a 400 with {@code
   * ThrottlingException} on a classic bus; a 429 is throttling whatever its code, since an answer
   * without {@code __type} (a proxy's, or the bus's own without a body) is named by its status
   * alone. A Custom Event Bus's {@code InvalidStateException} (409) stays an invalid request: its
   * model marks it neither retryable nor transient ("The resource is not in a state that allows the
   * operation. For example, an event bus that is still being created cannot accept events."), so a
   * retry of the job decides, not the connector.
   */
  static String codeForService(String awsCode, int status) {
    if (status == 429) {
      return ErrorCodes.THROTTLED;
    }
    if (awsCode != null) {
      if (ErrorCodes.ACCESS_DENIED_ENTRY_CODES.contains(awsCode)) {
        return ErrorCodes.ACCESS_DENIED;
      }
      if (ErrorCodes.NOT_FOUND_CODES.contains(awsCode)) {
        return ErrorCodes.BUS_NOT_FOUND;
      }
      if (ErrorCodes.AUTHENTICATION_CODES.contains(awsCode)) {
        return ErrorCodes.AUTHENTICATION_FAILED;
      }
    }
    if (status >= 500) {
      return ErrorCodes.SERVICE_ERROR;
    }
    if (awsCode != null && ErrorCodes.THROTTLING_CODES.contains(awsCode)) {
      return ErrorCodes.THROTTLED;
    }
    return status == 403 ? ErrorCodes.ACCESS_DENIED : ErrorCodes.INVALID_REQUEST;
  }

  /** AWS's text as it came, in quotes, so that its own punctuation never runs into ours. */
  static String quote(String text) {
    return text == null ? "(no message)" : "\"" + text.strip() + "\"";
  }
}
