package io.connectors.eventbridge.inbound.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Secret comparison whose duration does not depend on where the inputs first differ. */
public final class ConstantTime {

  private ConstantTime() {}

  public static boolean equals(byte[] expected, byte[] actual) {
    return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
  }

  /**
   * For credentials: comparing SHA-256 digests keeps the comparison constant-time and also hides
   * the length of the expected value, which {@link MessageDigest#isEqual} alone would reveal.
   */
  public static byte[] digest(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (java.security.NoSuchAlgorithmException everyJdkHasSha256) {
      throw new IllegalStateException(everyJdkHasSha256);
    }
  }

  public static boolean matchesDigest(byte[] expectedDigest, byte[] presented) {
    return presented != null && MessageDigest.isEqual(expectedDigest, digest(presented));
  }

  public static boolean equals(String expected, String actual) {
    return expected != null
        && actual != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
