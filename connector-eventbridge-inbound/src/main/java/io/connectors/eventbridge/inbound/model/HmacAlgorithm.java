package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum HmacAlgorithm {
  SHA256("sha256", "HmacSHA256"),
  SHA512("sha512", "HmacSHA512"),
  SHA1("sha1", "HmacSHA1");

  private final String value;
  private final String jcaName;

  HmacAlgorithm(String value, String jcaName) {
    this.value = value;
    this.jcaName = jcaName;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public String jcaName() {
    return jcaName;
  }

  @JsonCreator
  public static HmacAlgorithm of(String value) {
    var normalized = value.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (var algorithm : values()) {
      if (algorithm.value.equals(normalized)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unsupported HMAC algorithm '" + value + "'");
  }
}
