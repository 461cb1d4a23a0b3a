package io.connectors.eventbridge.inbound.signature;

import io.connectors.eventbridge.inbound.model.HmacAlgorithm;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret, ready to sign. The key schedule is done once: each request clones an initialised
 * {@link Mac} instead of looking up a provider and re-keying (a {@code Mac} is not thread-safe, so
 * the prototype itself is never used to sign).
 */
final class HmacKey {

  private final Mac prototype;

  HmacKey(HmacAlgorithm algorithm, byte[] secret) {
    try {
      prototype = Mac.getInstance(algorithm.jcaName());
      prototype.init(new SecretKeySpec(secret, algorithm.jcaName()));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JDK ships these algorithms, and HMAC accepts keys of any length.
      throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
    }
  }

  byte[] sign(byte[]... parts) {
    var mac = freshMac();
    for (var part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  private Mac freshMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException providerWithoutClone) {
      throw new IllegalStateException(
          "the HMAC provider cannot clone keyed instances", providerWithoutClone);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[" + prototype.getAlgorithm() + ", secret=<redacted>]";
  }
}
