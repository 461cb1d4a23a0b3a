package io.connectors.eventbridge.outbound.auth;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Marks a failure to resolve credentials with {@link CredentialsUnavailableException}. */
record FailureMarkingCredentialsProvider(AwsCredentialsProvider delegate)
    implements AwsCredentialsProvider {

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return delegate.resolveCredentials();
    } catch (CredentialsUnavailableException alreadyMarked) {
      throw alreadyMarked;
    } catch (RuntimeException e) {
      throw new CredentialsUnavailableException(e);
    }
  }
}
