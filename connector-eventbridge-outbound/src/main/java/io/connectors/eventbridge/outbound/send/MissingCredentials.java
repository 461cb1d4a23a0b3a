package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.auth.CredentialsUnavailableException;

/** Finds a {@link CredentialsUnavailableException} in a failure's causes. */
final class MissingCredentials {

  private MissingCredentials() {}

  static boolean isCause(Throwable failure) {
    return find(failure) != null;
  }

  static String message(Throwable failure) {
    CredentialsUnavailableException found = find(failure);
    return found == null ? failure.getMessage() : found.getMessage();
  }

  private static CredentialsUnavailableException find(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof CredentialsUnavailableException marked) {
        return marked;
      }
    }
    return null;
  }
}
