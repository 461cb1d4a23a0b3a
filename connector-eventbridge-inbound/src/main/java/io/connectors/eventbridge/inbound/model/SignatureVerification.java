package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * HMAC verification of the raw body, checked independently of {@link Authorization}. Presets fix
 * the header, algorithm and encoding of well-known senders; {@link Custom} exposes them all.
 *
 * <p>Every variant takes a primary secret and optional older secrets (one per line) so a sender can
 * rotate its key without downtime.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    property = "type",
    defaultImpl = SignatureVerification.None.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = SignatureVerification.None.class, name = "none"),
  @JsonSubTypes.Type(value = SignatureVerification.ControlRoom.class, name = "controlRoom"),
  @JsonSubTypes.Type(value = SignatureVerification.GitHub.class, name = "github"),
  @JsonSubTypes.Type(
      value = SignatureVerification.StandardWebhooks.class,
      name = "standardWebhooks"),
  @JsonSubTypes.Type(value = SignatureVerification.Custom.class, name = "custom")
})
@TemplateDiscriminatorProperty(
    name = "type",
    id = "signatureType",
    label = "HMAC signature",
    group = "signature",
    description = "Verify an HMAC signature over the raw request body",
    defaultValue = "none")
public sealed interface SignatureVerification {

  /** Secrets to try, primary first. Empty for {@link None}. */
  List<String> secrets();

  @TemplateSubType(id = "none", label = "None")
  record None() implements SignatureVerification {
    @Override
    public List<String> secrets() {
      return List.of();
    }
  }

  /** Control Room webhooks: {@code x-rc-signature}, hex HMAC-SHA256 of the raw body. */
  @TemplateSubType(id = "controlRoom", label = "Robocorp Control Room (x-rc-signature)")
  record ControlRoom(
      @TemplateProperty(
              id = "controlRoomSecret",
              label = "Shared secret",
              group = "signature",
              description =
                  "The webhook's shared secret from Control Room, e.g."
                      + " <code>{{secrets.CR_WEBHOOK_SECRET}}</code>",
              feel = FeelMode.disabled)
          @NotBlank
          String secret,
      @TemplateProperty(
              id = "controlRoomPreviousSecrets",
              label = "Previous secrets",
              group = "signature",
              description = "Still accepted during a rotation; one per line",
              type = PropertyType.Text,
              optional = true,
              feel = FeelMode.disabled)
          String previousSecrets)
      implements SignatureVerification {
    @Override
    public List<String> secrets() {
      return join(secret, previousSecrets);
    }

    @Override
    public String toString() {
      return "ControlRoom[secrets=<redacted>]";
    }
  }

  /** GitHub webhooks: {@code X-Hub-Signature-256: sha256=<hex>}. */
  @TemplateSubType(id = "github", label = "GitHub (X-Hub-Signature-256)")
  record GitHub(
      @TemplateProperty(
              id = "githubSecret",
              label = "Webhook secret",
              group = "signature",
              feel = FeelMode.disabled)
          @NotBlank
          String secret,
      @TemplateProperty(
              id = "githubPreviousSecrets",
              label = "Previous secrets",
              group = "signature",
              description = "Still accepted during a rotation; one per line",
              type = PropertyType.Text,
              optional = true,
              feel = FeelMode.disabled)
          String previousSecrets)
      implements SignatureVerification {
    @Override
    public List<String> secrets() {
      return join(secret, previousSecrets);
    }

    @Override
    public String toString() {
      return "GitHub[secrets=<redacted>]";
    }
  }

  /**
   * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}
   * ({@code v1,<base64>} entries) over {@code id.timestamp.body}, with a {@code whsec_} secret.
   */
  @TemplateSubType(id = "standardWebhooks", label = "Standard Webhooks (webhook-signature)")
  record StandardWebhooks(
      @TemplateProperty(
              id = "standardWebhooksSecret",
              label = "Signing secret",
              group = "signature",
              description = "The <code>whsec_...</code> secret",
              feel = FeelMode.disabled)
          @NotBlank
          String secret,
      @TemplateProperty(
              id = "standardWebhooksPreviousSecrets",
              label = "Previous secrets",
              group = "signature",
              description = "Still accepted during a rotation; one per line",
              type = PropertyType.Text,
              optional = true,
              feel = FeelMode.disabled)
          String previousSecrets,
      @TemplateProperty(
              id = "standardWebhooksToleranceSeconds",
              label = "Timestamp tolerance (seconds)",
              group = "signature",
              description = "Older or newer timestamps are rejected as replays",
              optional = true,
              feel = FeelMode.disabled,
              defaultValue = "" + Defaults.STANDARD_WEBHOOKS_TOLERANCE_SECONDS)
          @Positive
          Integer toleranceSeconds)
      implements SignatureVerification {
    public StandardWebhooks {
      toleranceSeconds =
          toleranceSeconds == null
              ? Defaults.STANDARD_WEBHOOKS_TOLERANCE_SECONDS
              : toleranceSeconds;
    }

    @Override
    public List<String> secrets() {
      return join(secret, previousSecrets);
    }

    @Override
    public String toString() {
      return "StandardWebhooks[secrets=<redacted>, toleranceSeconds=" + toleranceSeconds + "]";
    }
  }

  @TemplateSubType(id = "custom", label = "Custom")
  record Custom(
      @TemplateProperty(
              id = "customHeader",
              label = "Signature header",
              group = "signature",
              feel = FeelMode.disabled)
          @NotBlank
          String header,
      @TemplateProperty(
              id = "customAlgorithm",
              label = "Algorithm",
              group = "signature",
              type = PropertyType.Dropdown,
              defaultValue = "sha256",
              choices = {
                @DropdownPropertyChoice(label = "HMAC-SHA256", value = "sha256"),
                @DropdownPropertyChoice(label = "HMAC-SHA512", value = "sha512"),
                @DropdownPropertyChoice(label = "HMAC-SHA1 (legacy senders only)", value = "sha1")
              })
          @NotNull
          HmacAlgorithm algorithm,
      @TemplateProperty(
              id = "customEncoding",
              label = "Encoding",
              group = "signature",
              type = PropertyType.Dropdown,
              defaultValue = "hex",
              choices = {
                @DropdownPropertyChoice(label = "Hex", value = "hex"),
                @DropdownPropertyChoice(label = "Base64", value = "base64")
              })
          @NotNull
          SignatureEncoding encoding,
      @TemplateProperty(
              id = "customPrefix",
              label = "Prefix",
              group = "signature",
              description =
                  "Text before the signature in the header, for example <code>sha256=</code>",
              optional = true,
              feel = FeelMode.disabled)
          String prefix,
      @TemplateProperty(
              id = "customSecret",
              label = "Secret",
              group = "signature",
              feel = FeelMode.disabled)
          @NotBlank
          String secret,
      @TemplateProperty(
              id = "customPreviousSecrets",
              label = "Previous secrets",
              group = "signature",
              description = "Still accepted during a rotation; one per line",
              type = PropertyType.Text,
              optional = true,
              feel = FeelMode.disabled)
          String previousSecrets)
      implements SignatureVerification {
    @Override
    public List<String> secrets() {
      return join(secret, previousSecrets);
    }

    @Override
    public String toString() {
      return "Custom[header="
          + header
          + ", algorithm="
          + algorithm
          + ", encoding="
          + encoding
          + ", prefix="
          + prefix
          + ", secrets=<redacted>]";
    }
  }

  private static List<String> join(String primary, String previous) {
    var older =
        previous == null
            ? Stream.<String>empty()
            : Arrays.stream(previous.split("\\R")).map(String::strip).filter(s -> !s.isEmpty());
    return Stream.concat(Stream.ofNullable(primary).filter(s -> !s.isBlank()), older).toList();
  }
}
