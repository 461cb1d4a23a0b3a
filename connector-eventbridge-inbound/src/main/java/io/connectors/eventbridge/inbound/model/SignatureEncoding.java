package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum SignatureEncoding {
  HEX,
  BASE64;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SignatureEncoding of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
