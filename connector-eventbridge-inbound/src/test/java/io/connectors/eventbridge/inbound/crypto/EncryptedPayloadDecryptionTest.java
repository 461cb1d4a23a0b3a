package io.connectors.eventbridge.inbound.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.model.DecryptionCommitmentPolicy;
import io.connectors.eventbridge.inbound.model.PayloadDecryption;
import io.connectors.eventbridge.inbound.support.OdwFixtures;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Interop: messages made by the JavaScript AWS Encryption SDK ({@code RawAesKeyringNode}), an
 * implementation independent of the Java SDK we decrypt with.
 */
class EncryptedPayloadDecryptionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRONG_KEY =
      Base64.getEncoder().encodeToString(new byte[32]); // all zeros: not the fixtures' key

  @Test
  void decryptsACommittingSuiteMessageWithTheDefaultPolicy() {
    var event = fixture(OdwFixtures.COMMITTING);
    var metadataBefore = event.get("detail").get("metadata").deepCopy();

    decryption(config(OdwFixtures.KEY_BASE64, null)).decrypt(event);

    var detail = event.get("detail");
    assertThat(detail.at("/decrypted_payload/worker_link_token").asText())
        .isEqualTo(OdwFixtures.COMMITTING_TOKEN);
    // Metadata, unknown fields included, passes through untouched; the ciphertext stays.
    assertThat(detail.get("metadata")).isEqualTo(metadataBefore);
    assertThat(detail.at("/metadata/added_later/tolerated").asBoolean()).isTrue();
    assertThat(detail.get("encrypted_payload").isTextual()).isTrue();
  }

  @Test
  void decryptsANonCommittingSuiteMessageWithTheDefaultPolicy() {
    var event = fixture(OdwFixtures.NON_COMMITTING);

    decryption(config(OdwFixtures.KEY_BASE64, null)).decrypt(event);

    assertThat(event.at("/detail/decrypted_payload/worker_link_token").asText())
        .isEqualTo(OdwFixtures.NON_COMMITTING_TOKEN);
  }

  @Test
  void requireDecryptRejectsTheNonCommittingSuiteAndAcceptsTheCommittingOne() {
    var strict =
        decryption(
            config(
                OdwFixtures.KEY_BASE64,
                DecryptionCommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT));

    assertRejected(() -> strict.decrypt(fixture(OdwFixtures.NON_COMMITTING)), "commitment policy");
    var committing = fixture(OdwFixtures.COMMITTING);
    strict.decrypt(committing);
    assertThat(committing.at("/detail/decrypted_payload/worker_link_token").asText())
        .isEqualTo(OdwFixtures.COMMITTING_TOKEN);
  }

  @Test
  void aHexKeyIsTheSameKey() {
    var hex = HexFormat.of().formatHex(Base64.getDecoder().decode(OdwFixtures.KEY_BASE64));
    var event = fixture(OdwFixtures.COMMITTING);

    decryption(config(hex, null)).decrypt(event);

    assertThat(event.at("/detail/decrypted_payload/worker_link_token").asText())
        .isEqualTo(OdwFixtures.COMMITTING_TOKEN);
  }

  @Test
  void aWrongKeyOrKeyNameDecryptsNothing() {
    var event = fixture(OdwFixtures.COMMITTING);
    assertRejected(() -> decryption(config(WRONG_KEY, null)).decrypt(event), "wrong key");
    assertThat(event.get("detail").has("decrypted_payload")).isFalse();

    var otherName =
        new PayloadDecryption.AwsEncryptionSdk(
            OdwFixtures.KEY_BASE64, "robocorp", "another-key-name", null, null, null);
    assertRejected(
        () -> decryption(otherName).decrypt(fixture(OdwFixtures.COMMITTING)), "key name");
  }

  @Test
  void aTamperedMessageIsRejected() {
    for (var fixture : new String[] {OdwFixtures.COMMITTING, OdwFixtures.NON_COMMITTING}) {
      var event = fixture(fixture);
      var detail = (ObjectNode) event.get("detail");
      var message = Base64.getDecoder().decode(detail.get("encrypted_payload").asText());
      // A byte in the encrypted content, past the header: authenticated by the GCM tag.
      message[message.length - 120] ^= 0x01;
      detail.put("encrypted_payload", Base64.getEncoder().encodeToString(message));

      assertThatThrownBy(() -> decryption(config(OdwFixtures.KEY_BASE64, null)).decrypt(event))
          .isInstanceOf(DecryptionFailed.class);
      assertThat(detail.has("decrypted_payload")).isFalse();
    }
  }

  /**
   * Whatever bytes arrive, the answer is a DecryptionFailed (422), never another exception (500).
   */
  @Test
  void truncatedAndRandomMessagesAreRejectedAsDecryptionFailures() {
    var decryption = decryption(config(OdwFixtures.KEY_BASE64, null));
    var original =
        Base64.getDecoder()
            .decode(fixture(OdwFixtures.COMMITTING).at("/detail/encrypted_payload").asText());
    var random = new java.util.Random(42);
    var candidates = new java.util.ArrayList<byte[]>();
    for (int length : new int[] {0, 1, 2, 3, 5, 18, 40, 100, 200, original.length - 1}) {
      candidates.add(java.util.Arrays.copyOf(original, Math.min(length, original.length)));
    }
    for (int i = 0; i < 20; i++) {
      var noise = new byte[random.nextInt(1, 400)];
      random.nextBytes(noise);
      noise[0] = original[0]; // a plausible version byte, so parsing goes further
      candidates.add(noise);
    }
    for (var candidate : candidates) {
      var event = fixture(OdwFixtures.COMMITTING);
      ((ObjectNode) event.get("detail"))
          .put("encrypted_payload", Base64.getEncoder().encodeToString(candidate));
      assertThatThrownBy(() -> decryption.decrypt(event))
          .as("%d bytes", candidate.length)
          .isInstanceOf(DecryptionFailed.class);
    }
  }

  @Test
  void badBase64AndAMissingFieldAreRejectedWithTheirName() {
    var decryption = decryption(config(OdwFixtures.KEY_BASE64, null));

    var notBase64 = fixture(OdwFixtures.COMMITTING);
    ((ObjectNode) notBase64.get("detail")).put("encrypted_payload", "***not base64***");
    assertRejected(() -> decryption.decrypt(notBase64), "detail.encrypted_payload is not valid");

    var missing = fixture(OdwFixtures.COMMITTING);
    ((ObjectNode) missing.get("detail")).remove("encrypted_payload");
    assertRejected(() -> decryption.decrypt(missing), "detail.encrypted_payload is missing");

    var noDetail = fixture(OdwFixtures.COMMITTING);
    noDetail.remove("detail");
    assertRejected(() -> decryption.decrypt(noDetail), "detail is missing");

    var otherScheme = fixture(OdwFixtures.COMMITTING);
    ((ObjectNode) otherScheme.get("detail")).put("encryption_scheme", "ROT13");
    assertRejected(() -> decryption.decrypt(otherScheme), "encryption_scheme");
  }

  @Test
  void thePlaintextDevelopmentPayloadIsUsedOnlyWhenAllowed() {
    var devEvent = fixture(OdwFixtures.COMMITTING);
    var detail = (ObjectNode) devEvent.get("detail");
    detail.remove("encrypted_payload");
    detail.putObject("payload").put("link_token", "dev-mode-token");

    var strict = decryption(config(OdwFixtures.KEY_BASE64, null));
    var copy = devEvent.deepCopy();
    assertRejected(() -> strict.decrypt(copy), "detail.encrypted_payload is missing");
    // Not allowed: the clear-text token is dropped, so it cannot reach process variables.
    assertThat(copy.get("detail").has("payload")).isFalse();

    var allowing =
        decryption(
            new PayloadDecryption.AwsEncryptionSdk(
                OdwFixtures.KEY_BASE64, null, null, null, null, true));
    allowing.decrypt(devEvent);
    assertThat(devEvent.at("/detail/decrypted_payload/link_token").asText())
        .isEqualTo("dev-mode-token");
  }

  @Test
  void anEncryptedPayloadWinsOverThePlaintextOneAndTheLatterIsDroppedUnlessAllowed() {
    var event = fixture(OdwFixtures.COMMITTING);
    ((ObjectNode) event.get("detail")).putObject("payload").put("link_token", "clear");

    decryption(config(OdwFixtures.KEY_BASE64, null)).decrypt(event);

    assertThat(event.at("/detail/decrypted_payload/worker_link_token").asText())
        .isEqualTo(OdwFixtures.COMMITTING_TOKEN);
    assertThat(event.get("detail").has("payload")).isFalse();
  }

  @Test
  void otherDetailTypesPassUnchangedUnlessTheDetailTypeIsAStar() {
    var other = (ObjectNode) JSON.createObjectNode().put("detail-type", "OrderPlaced");
    other.putObject("detail").put("orderId", "o-1");
    var before = other.deepCopy();

    decryption(config(OdwFixtures.KEY_BASE64, null)).decrypt(other);
    assertThat(other).isEqualTo(before);

    // ... but cannot smuggle in a "decrypted" payload of its own.
    ((ObjectNode) other.get("detail")).putObject("decrypted_payload").put("worker_link_token", "x");
    decryption(config(OdwFixtures.KEY_BASE64, null)).decrypt(other);
    assertThat(other).isEqualTo(before);

    var everyEvent =
        decryption(
            new PayloadDecryption.AwsEncryptionSdk(
                OdwFixtures.KEY_BASE64, null, null, null, "*", null));
    assertRejected(() -> everyEvent.decrypt(other), "detail.encrypted_payload is missing");
  }

  @Test
  void aKeyThatIsNot256BitsFailsActivationNamingTheFieldNotTheValue() {
    var shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    for (var bad : new String[] {shortKey, "not a key at all!", "abcd".repeat(15)}) {
      assertThatThrownBy(() -> decryption(config(bad, null)))
          .isInstanceOf(ConnectorInputException.class)
          .hasMessageContaining("decryptionKey")
          .hasMessageNotContaining(bad);
    }
  }

  @Test
  void neitherTheKeyNorTheTokenAppearsInToStringsOrReasons() {
    var config = config(OdwFixtures.KEY_BASE64, null);
    var decryption = decryption(config);
    assertThat(config.toString()).doesNotContain(OdwFixtures.KEY_BASE64).contains("<redacted>");
    assertThat(decryption.toString()).doesNotContain(OdwFixtures.KEY_BASE64);

    var wrong = decryption(config(WRONG_KEY, null));
    assertThatThrownBy(() -> wrong.decrypt(fixture(OdwFixtures.COMMITTING)))
        .isInstanceOf(DecryptionFailed.class)
        .satisfies(
            failure ->
                assertThat(failure.getMessage())
                    .doesNotContain(OdwFixtures.COMMITTING_TOKEN)
                    .doesNotContain(WRONG_KEY))
        .hasNoCause();
  }

  private static PayloadDecryption.AwsEncryptionSdk config(
      String key, DecryptionCommitmentPolicy policy) {
    return new PayloadDecryption.AwsEncryptionSdk(key, null, null, policy, null, null);
  }

  private static EventDecryption decryption(PayloadDecryption config) {
    return EventDecryption.create(config, JSON);
  }

  private static ObjectNode fixture(String name) {
    try {
      return (ObjectNode) JSON.readTree(OdwFixtures.read(name));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRejected(Runnable action, String reasonPart) {
    assertThatThrownBy(action::run)
        .isInstanceOf(DecryptionFailed.class)
        .hasMessageContaining(reasonPart);
  }
}
