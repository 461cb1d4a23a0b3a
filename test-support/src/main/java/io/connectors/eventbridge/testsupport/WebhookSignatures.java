package io.connectors.eventbridge.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies as their senders do, for tests that need a valid signature. The verifiers'
 * own tests check against published vectors instead, so a mistake here cannot hide one there. JDK
 * only: the stock-runtime check loads this next to the shaded jars.
 */
public final class WebhookSignatures {

  /** The header Control Room signs in. */
  public static final String CONTROL_ROOM_HEADER = "x-rc-signature";

  private WebhookSignatures() {}

  /** Control Room: hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes. */
  public static String controlRoom(String body, String secret) {
    return controlRoom(body.getBytes(StandardCharsets.UTF_8), secret);
  }

  public static String controlRoom(byte[] body, String secret) {
    return hex(hmac("HmacSHA256", secret, body));
  }

  public static byte[] hmac(String algorithm, String secret, byte[] data) {
    return hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), data);
  }

  public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
    try {
      var mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  public static String hex(byte[] value) {
    return HexFormat.of().formatHex(value);
  }
}
