package io.connectors.eventbridge.outbound.auth;

/**
 * Thrown by the provider {@link AwsCredentialsProviders} builds when its source could not produce
 * credentials, so the failure is told apart by type, whatever the SDK wraps it in and whatever its
 * message says.
 */
public final class CredentialsUnavailableException extends RuntimeException {
  public CredentialsUnavailableException(RuntimeException cause) {
    super(cause.getMessage(), cause);
  }
}
