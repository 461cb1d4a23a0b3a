package io.connectors.eventbridge.runtime.local.bus.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A request-level error in AWS JSON 1.1 form, which the AWS SDKs turn into typed exceptions. */
public record AwsErrorResponse(
    @JsonProperty("__type") String type, @JsonProperty("message") String message) {

  public static AwsErrorResponse validation(String message) {
    return new AwsErrorResponse("ValidationException", message);
  }

  public static AwsErrorResponse serialization(String message) {
    return new AwsErrorResponse("SerializationException", message);
  }

  public static AwsErrorResponse unknownOperation(String message) {
    return new AwsErrorResponse("UnknownOperationException", message);
  }
}
