package io.connectors.eventbridge.outbound.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One-way digests, so cache keys can tell secrets apart without holding them. */
final class Fingerprints {

  private Fingerprints() {}

  static String sha256(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        // The separator keeps ("ab", null) and ("a", "b") apart.
        digest.update((part == null ? "\u0000" : part + "\u0001").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
