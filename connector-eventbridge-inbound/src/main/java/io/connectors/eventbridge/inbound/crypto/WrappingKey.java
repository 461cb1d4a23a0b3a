package io.connectors.eventbridge.inbound.crypto;

import io.camunda.connector.api.error.ConnectorInputException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Parses the configured AES-256 wrapping key. Accepts hex (64 characters) or standard base64 (44
 * characters with padding): the two forms cannot be confused, because 32 bytes never encode to 64
 * base64 characters.
 */
final class WrappingKey {

  static final String FIELD = "decryptionKey";
  static final int KEY_BYTES = 32;

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private WrappingKey() {}

  /**
   * @throws ConnectorInputException naming the field, never the value, when the key is not 256 bits
   */
  static byte[] parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("is required");
    }
    var trimmed = text.strip();
    byte[] key;
    if (HEX.matcher(trimmed).matches()) {
      key = HexFormat.of().parseHex(trimmed);
    } else {
      try {
        key = Base64.getDecoder().decode(trimmed);
      } catch (IllegalArgumentException notBase64) {
        throw invalid("is neither 64 hex digits nor base64");
      }
    }
    if (key.length != KEY_BYTES) {
      throw invalid("decodes to " + key.length + " bytes; an AES-256 key has 32");
    }
    return key;
  }

  private static ConnectorInputException invalid(String problem) {
    return new ConnectorInputException(
        FIELD
            + " (AES-256 key): "
            + problem
            + ". Give the 256-bit key as base64 (44 characters) or hex (64 characters)");
  }
}
