package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DefaultValueType;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import jakarta.validation.constraints.NotBlank;

/**
 * Optional decryption of an encrypted field of each event, before the element's expressions see it.
 * Today one scheme: Control Room's On-Demand Worker Request, whose {@code detail.encrypted_payload}
 * is an AWS Encryption SDK message for a raw AES keyring.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    property = "type",
    defaultImpl = PayloadDecryption.None.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = PayloadDecryption.None.class, name = "none"),
  @JsonSubTypes.Type(value = PayloadDecryption.AwsEncryptionSdk.class, name = "awsEncryptionSdk")
})
@TemplateDiscriminatorProperty(
    name = "type",
    id = "decryptionType",
    label = "Payload decryption",
    group = "decryption",
    description =
        "Decrypt <code>detail.encrypted_payload</code> (Control Room On-Demand Worker Request) into"
            + " <code>request.body.detail.decrypted_payload</code>",
    defaultValue = "none")
public sealed interface PayloadDecryption {

  @TemplateSubType(id = "none", label = "None")
  record None() implements PayloadDecryption {}

  /**
   * AWS Encryption SDK message, base64 in {@code detail.encrypted_payload}, for a raw AES keyring
   * with AES-256-GCM wrapping.
   */
  @TemplateSubType(id = "awsEncryptionSdk", label = "AWS Encryption SDK (raw AES key)")
  record AwsEncryptionSdk(
      @TemplateProperty(
              id = "decryptionKey",
              label = "AES-256 key",
              group = "decryption",
              description =
                  "The 256-bit wrapping key, base64 (44 characters) or hex (64 characters). Use a"
                      + " secret, for example <code>{{secrets.ODW_PAYLOAD_KEY}}</code>",
              feel = FeelMode.disabled)
          @NotBlank
          String key,
      @TemplateProperty(
              id = "decryptionKeyNamespace",
              label = "Key namespace",
              group = "decryption",
              description = "Key provider namespace of the raw AES keyring",
              optional = true,
              feel = FeelMode.disabled,
              defaultValue = Defaults.ODW_KEY_NAMESPACE)
          String keyNamespace,
      @TemplateProperty(
              id = "decryptionKeyName",
              label = "Key name",
              group = "decryption",
              description = "Key name of the raw AES keyring",
              optional = true,
              feel = FeelMode.disabled,
              defaultValue = Defaults.ODW_KEY_NAME)
          String keyName,
      @TemplateProperty(
              id = "decryptionCommitmentPolicy",
              label = "Commitment policy",
              group = "decryption",
              description =
                  "<code>Require encrypt, allow decrypt</code> also accepts messages made with"
                      + " non-committing algorithm suites, as today's producers send;"
                      + " <code>Require encrypt, require decrypt</code> accepts key-committing"
                      + " suites only",
              type = PropertyType.Dropdown,
              defaultValue = "requireEncryptAllowDecrypt",
              choices = {
                @DropdownPropertyChoice(
                    label = "Require encrypt, allow decrypt",
                    value = "requireEncryptAllowDecrypt"),
                @DropdownPropertyChoice(
                    label = "Require encrypt, require decrypt",
                    value = "requireEncryptRequireDecrypt")
              })
          DecryptionCommitmentPolicy commitmentPolicy,
      @TemplateProperty(
              id = "decryptionDetailType",
              label = "Detail type",
              group = "decryption",
              description =
                  "Only events with this <code>detail-type</code> are decrypted; others pass"
                      + " unchanged. <code>*</code>: every event",
              optional = true,
              feel = FeelMode.disabled,
              defaultValue = Defaults.ODW_DETAIL_TYPE)
          String detailType,
      @TemplateProperty(
              id = "decryptionAllowPlaintextPayload",
              label = "Allow plaintext payload (development mode only)",
              group = "decryption",
              description =
                  "When checked, an event without <code>encrypted_payload</code> uses its"
                      + " plaintext <code>detail.payload</code>. Otherwise such an event is"
                      + " rejected and <code>detail.payload</code> is removed",
              type = PropertyType.Boolean,
              defaultValue = "false",
              defaultValueType = DefaultValueType.Boolean,
              optional = true)
          Boolean allowPlaintextPayload)
      implements PayloadDecryption {

    public AwsEncryptionSdk {
      keyNamespace = blankToDefault(keyNamespace, Defaults.ODW_KEY_NAMESPACE);
      keyName = blankToDefault(keyName, Defaults.ODW_KEY_NAME);
      commitmentPolicy =
          commitmentPolicy == null
              ? DecryptionCommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT
              : commitmentPolicy;
      // The Modeler drops an optional property the user empties, so "every event" needs a value
      // of its own: "*".
      detailType = blankToDefault(detailType, Defaults.ODW_DETAIL_TYPE);
      allowPlaintextPayload = Boolean.TRUE.equals(allowPlaintextPayload);
    }

    @Override
    public String toString() {
      return "AwsEncryptionSdk[key=<redacted>, keyNamespace="
          + keyNamespace
          + ", keyName="
          + keyName
          + ", commitmentPolicy="
          + commitmentPolicy
          + ", detailType="
          + detailType
          + ", allowPlaintextPayload="
          + allowPlaintextPayload
          + "]";
    }

    private static String blankToDefault(String value, String fallback) {
      return value == null || value.isBlank() ? fallback : value.strip();
    }
  }
}
