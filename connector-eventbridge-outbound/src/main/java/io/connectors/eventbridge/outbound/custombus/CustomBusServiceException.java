package io.connectors.eventbridge.outbound.custombus;

import java.util.Optional;

/**
 * The bus answered with an error status.
 *
 * @see ErrorAnswer for how the code is read
 */
public final class CustomBusServiceException extends CustomBusException {

  private final transient ErrorAnswer answer;

  CustomBusServiceException(ErrorAnswer answer) {
    super(
        "The Custom Event Bus answered HTTP " + answer.httpStatus() + " " + answer.errorCode(),
        null);
    this.answer = answer;
  }

  public int httpStatus() {
    return answer.httpStatus();
  }

  /** The error's name, as botocore reads it; the HTTP status as text when the answer has none. */
  public String errorCode() {
    return answer.errorCode();
  }

  /** One of the model's errors for PutEvents, or empty for any other code. */
  public Optional<ModeledError> modeledError() {
    return ModeledError.forCode(answer.errorCode());
  }

  /** The service's own explanation, or empty; AWS's text, to be quoted as such. */
  public Optional<String> serviceMessage() {
    return Optional.ofNullable(answer.message());
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(answer.requestId());
  }
}
