package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which algorithm suites a decryption accepts. Only the decrypt side matters here: both values
 * reject nothing we would encrypt, because we never encrypt.
 */
public enum DecryptionCommitmentPolicy {
  /** Also accepts messages made with non-committing suites, which producers still send. */
  REQUIRE_ENCRYPT_ALLOW_DECRYPT("requireEncryptAllowDecrypt"),
  /** Only key-committing suites; the SDK's own default. */
  REQUIRE_ENCRYPT_REQUIRE_DECRYPT("requireEncryptRequireDecrypt");

  private final String value;

  DecryptionCommitmentPolicy(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static DecryptionCommitmentPolicy of(String value) {
    for (var policy : values()) {
      if (policy.value.equalsIgnoreCase(value) || policy.name().equalsIgnoreCase(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("unsupported commitment policy '" + value + "'");
  }
}
