package io.connectors.eventbridge.inbound.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Control Room's On-Demand Worker Request: {@code detail.encrypted_payload} (base64 of an AWS
 * Encryption SDK message) becomes the JSON object {@code detail.decrypted_payload}. Everything else
 * in the event, {@code detail.metadata} included, is left as it came.
 *
 * <p>Events of another detail-type pass unchanged, except that a {@code detail.decrypted_payload}
 * they bring is removed, so that field always holds what this class decrypted.
 *
 * <p>The plaintext {@code detail.payload} that Control Room adds in development mode is used only
 * when the user allowed it. Otherwise it is removed, so a token sent in clear by a misconfigured
 * producer never reaches process variables unnoticed.
 */
final class EncryptedPayloadDecryption implements EventDecryption {

  static final String SCHEME = "AWS-ENCRYPTION-SDK";
  static final String ENCRYPTED = "encrypted_payload";
  static final String DECRYPTED = "decrypted_payload";
  static final String PLAINTEXT = "payload";
  static final String ANY_DETAIL_TYPE = "*";

  private final RawAesMessageDecrypter decrypter;
  private final String detailType;
  private final boolean allowPlaintext;
  private final ObjectMapper mapper;

  EncryptedPayloadDecryption(
      RawAesMessageDecrypter decrypter,
      String detailType,
      boolean allowPlaintext,
      ObjectMapper mapper) {
    this.decrypter = decrypter;
    this.detailType = detailType;
    this.allowPlaintext = allowPlaintext;
    this.mapper = mapper;
  }

  @Override
  public void decrypt(ObjectNode event) {
    if (!appliesTo(event)) {
      // detail.decrypted_payload must only ever hold what we decrypted: a sender must not be
      // able to supply its own "decrypted" token in an event we pass through.
      if (event.get("detail") instanceof ObjectNode detail) {
        detail.remove(DECRYPTED);
      }
      return;
    }
    if (!(event.get("detail") instanceof ObjectNode detail)) {
      throw new DecryptionFailed("detail is missing or not an object");
    }
    JsonNode plaintextPayload = null;
    if (allowPlaintext) {
      plaintextPayload = detail.get(PLAINTEXT);
    } else {
      detail.remove(PLAINTEXT);
    }
    var scheme = detail.get("encryption_scheme");
    if (scheme != null && !scheme.isNull() && !SCHEME.equals(scheme.asText())) {
      throw new DecryptionFailed("detail.encryption_scheme is not " + SCHEME);
    }
    var encrypted = detail.get(ENCRYPTED);
    if (encrypted == null || encrypted.isNull()) {
      if (plaintextPayload != null && plaintextPayload.isObject()) {
        detail.set(DECRYPTED, plaintextPayload.deepCopy());
        return;
      }
      throw new DecryptionFailed("detail." + ENCRYPTED + " is missing");
    }
    if (!encrypted.isTextual()) {
      throw new DecryptionFailed("detail." + ENCRYPTED + " must be a base64 string");
    }
    detail.set(DECRYPTED, decryptObject(encrypted.textValue()));
  }

  private boolean appliesTo(JsonNode event) {
    if (ANY_DETAIL_TYPE.equals(detailType)) {
      return true;
    }
    var type = event.get("detail-type");
    return type != null && detailType.equals(type.asText());
  }

  private JsonNode decryptObject(String base64) {
    byte[] message;
    try {
      message = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      throw new DecryptionFailed("detail." + ENCRYPTED + " is not valid base64");
    }
    var plaintext = decrypter.decrypt(message);
    try {
      var decrypted = mapper.readTree(plaintext);
      if (decrypted == null || !decrypted.isObject()) {
        throw new DecryptionFailed("the decrypted payload is not a JSON object");
      }
      return decrypted;
    } catch (IOException notJson) {
      throw new DecryptionFailed("the decrypted payload is not JSON");
    } finally {
      // The token lives on in the tree we hand to the runtime; no reason to leave a second copy.
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "EncryptedPayloadDecryption[detailType="
        + detailType
        + ", allowPlaintext="
        + allowPlaintext
        + ", key=<redacted>]";
  }
}
