package io.connectors.eventbridge.outbound.custombus;

import java.util.Arrays;
import java.util.Optional;

/** The errors the model lists for PutEvents, with the HTTP status the model gives each. */
public enum ModeledError {
  ACCESS_DENIED("AccessDeniedException", 403),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
  /** Retryable (throttling) in the model. */
  THROTTLING("ThrottlingException", 429),
  INVALID_INPUT("InvalidInputException", 400),
  /** A fault, retryable in the model. */
  INTERNAL("InternalException", 500),
  /** For example a bus that is still being created. */
  INVALID_STATE("InvalidStateException", 409);

  private final String code;
  private final int httpStatus;

  ModeledError(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  static Optional<ModeledError> forCode(String code) {
    return Arrays.stream(values()).filter(error -> error.code.equals(code)).findFirst();
  }
}
