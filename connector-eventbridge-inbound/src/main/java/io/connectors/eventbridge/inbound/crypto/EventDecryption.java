package io.connectors.eventbridge.inbound.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.eventbridge.inbound.model.PayloadDecryption;

/**
 * Decrypts an event's encrypted payload in place, before the element's expressions see the event.
 * Implementations are immutable and shared by all request threads of one activation.
 */
public sealed interface EventDecryption permits EventDecryption.None, EncryptedPayloadDecryption {

  /**
   * @throws DecryptionFailed when the event should have been decrypted and could not be
   */
  void decrypt(ObjectNode event);

  /** No decryption configured: events pass unchanged. */
  None NONE = new None();

  final class None implements EventDecryption {
    private None() {}

    @Override
    public void decrypt(ObjectNode event) {}
  }

  /**
   * Builds what the configuration asks for. Everything expensive (key decoding, keyring, SDK
   * client) happens here, once per activation.
   *
   * @throws io.camunda.connector.api.error.ConnectorInputException naming the field when the key is
   *     not a 256-bit key
   */
  static EventDecryption create(PayloadDecryption config, ObjectMapper mapper) {
    return switch (config) {
      case PayloadDecryption.None none -> NONE;
      case PayloadDecryption.AwsEncryptionSdk sdk ->
          new EncryptedPayloadDecryption(
              new RawAesMessageDecrypter(
                  WrappingKey.parse(sdk.key()),
                  sdk.keyNamespace(),
                  sdk.keyName(),
                  sdk.commitmentPolicy()),
              sdk.detailType(),
              sdk.allowPlaintextPayload(),
              mapper);
    };
  }
}
