package io.connectors.eventbridge.runtime.local.bus.api;

/** A PutEvents request that fails as a whole, carrying the AWS error to answer with. */
public final class MalformedRequestException extends Exception {

  private final transient AwsErrorResponse error;

  public MalformedRequestException(AwsErrorResponse error) {
    super(error.type() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public AwsErrorResponse error() {
    return error;
  }
}
