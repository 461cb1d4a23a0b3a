package io.connectors.eventbridge.inbound.crypto;

/**
 * An event whose payload cannot be decrypted. Permanent for that event: a redelivery carries the
 * same bytes, so the sender is told 422 and nothing is correlated.
 *
 * <p>The reason is shown to the sender. It names the field and the kind of failure only: never the
 * key, the ciphertext, the plaintext or the SDK's own message. No stack trace and no cause, so that
 * nothing from the SDK can surface in a log line either.
 */
public final class DecryptionFailed extends RuntimeException {

  public DecryptionFailed(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
