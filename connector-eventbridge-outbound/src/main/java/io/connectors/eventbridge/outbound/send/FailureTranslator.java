package io.connectors.eventbridge.outbound.send;

import io.camunda.connector.api.error.ConnectorException;
import io.camunda.connector.api.error.ConnectorExceptionBuilder;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Maps what went wrong to a {@link ConnectorException} with a stable code. Messages carry AWS's
 * error codes and messages and the entry paths, never credentials or event payloads.
 */
final class FailureTranslator {

  private static final int MAX_LISTED_FAILURES = 20;

  private FailureTranslator() {}

  static ConnectorException entriesFailed(PutEventsResult result, List<PreparedEntry> entries) {
    List<String> failures = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < result.entries().size(); i++) {
      EntryResult entry = result.entries().get(i);
      if (entry.failed()) {
        codes.add(entry.errorCode());
        if (failures.size() < MAX_LISTED_FAILURES) {
          failures.add(entries.get(i).path() + ": " + entry.errorCode() + " - " + entry.errorMessage());
        }
      }
    }
    int more = result.failedEntryCount() - failures.size();
    String message =
        "EventBridge rejected " + result.failedEntryCount() + " of " + result.entries().size() + " events: "
            + String.join("; ", failures) + (more > 0 ? "; and " + more + " more" : "");

    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("failedEntryCount", result.failedEntryCount());
    variables.put("entries", result.entries());
    variables.put("eventIds", result.eventIds());
    variables.put("requestIds", result.requestIds());
    return new ConnectorExceptionBuilder()
        .errorCode(codeForEntries(codes))
        .message(message)
        .errorVariables(variables)
        .build();
  }

  private static String codeForEntries(List<String> codes) {
    if (codes.stream().allMatch(RetryPolicy::isRetryable)) {
      return ErrorCodes.THROTTLED;
    }
    if (codes.stream().allMatch(ErrorCodes.ACCESS_DENIED_ENTRY_CODES::contains)) {
      return ErrorCodes.ACCESS_DENIED;
    }
    if (codes.stream().allMatch(ErrorCodes.NOT_FOUND_CODES::contains)) {
      return ErrorCodes.BUS_NOT_FOUND;
    }
    return ErrorCodes.PARTIAL_FAILURE;
  }

  /**
   * A whole PutEvents call failed. Earlier calls of the same task may already have put their
   * events; the message says how many, because a job retry will put them again.
   */
  static ConnectorException requestFailed(RuntimeException cause, List<EntryResult> alreadySent, int total) {
    String code;
    String reason;
    switch (cause) {
      case AwsServiceException aws -> {
        String awsCode = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        code = codeForService(awsCode, aws.statusCode());
        reason = "EventBridge answered HTTP " + aws.statusCode() + (awsCode == null ? "" : " " + awsCode) + ": "
            + (aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage());
      }
      case SdkClientException client when isMissingCredentials(client) -> {
        code = ErrorCodes.AUTHENTICATION_FAILED;
        reason = "No AWS credentials could be resolved: " + client.getMessage();
      }
      case SdkClientException client -> {
        code = ErrorCodes.CONNECTION_FAILED;
        reason = "EventBridge could not be reached: " + client.getMessage();
      }
      case UnexpectedResponseException unexpected -> {
        code = ErrorCodes.SERVICE_ERROR;
        reason = unexpected.getMessage();
      }
      default -> throw cause;
    }
    String sent =
        alreadySent.isEmpty()
            ? ""
            : " " + alreadySent.size() + " of " + total + " events had already been put by earlier calls of this task.";
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("entries", alreadySent);
    return new ConnectorExceptionBuilder()
        .errorCode(code)
        .message(reason + "." + sent)
        .errorVariables(variables)
        .cause(cause)
        .build();
  }

  private static String codeForService(String awsCode, int status) {
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
      if (RetryPolicy.isRetryable(awsCode)) {
        return ErrorCodes.THROTTLED;
      }
    }
    if (status == 403) {
      return ErrorCodes.ACCESS_DENIED;
    }
    return status >= 500 ? ErrorCodes.SERVICE_ERROR : ErrorCodes.INVALID_REQUEST;
  }

  private static boolean isMissingCredentials(SdkClientException e) {
    String message = e.getMessage();
    return message != null && message.contains("Unable to load credentials");
  }
}
