package io.connectors.eventbridge.inbound.signature;

import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.model.HmacAlgorithm;
import io.connectors.eventbridge.inbound.model.SignatureEncoding;
import io.connectors.eventbridge.inbound.model.SignatureVerification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Turns the configured signature variant into a verifier, decoding secrets once. */
public final class SignatureVerifiers {

  static final String CONTROL_ROOM_HEADER = "x-rc-signature";
  static final String GITHUB_HEADER = "x-hub-signature-256";
  static final String GITHUB_PREFIX = "sha256=";
  private static final String STANDARD_WEBHOOKS_SECRET_PREFIX = "whsec_";

  private SignatureVerifiers() {}

  public static SignatureVerifier create(SignatureVerification config, Clock clock) {
    return switch (config) {
      case SignatureVerification.None none -> SignatureVerifier.NONE;
      case SignatureVerification.ControlRoom controlRoom ->
          new HeaderSignatureVerifier(
              CONTROL_ROOM_HEADER,
              "",
              SignatureEncoding.HEX,
              utf8Keys(HmacAlgorithm.SHA256, controlRoom.secrets()));
      case SignatureVerification.GitHub gitHub ->
          new HeaderSignatureVerifier(
              GITHUB_HEADER,
              GITHUB_PREFIX,
              SignatureEncoding.HEX,
              utf8Keys(HmacAlgorithm.SHA256, gitHub.secrets()));
      case SignatureVerification.Custom custom ->
          new HeaderSignatureVerifier(
              custom.header(),
              custom.prefix(),
              custom.encoding(),
              utf8Keys(custom.algorithm(), custom.secrets()));
      case SignatureVerification.StandardWebhooks standard -> {
        requireSecret(standard.secrets());
        yield new StandardWebhooksVerifier(
            standard.secrets().stream().map(SignatureVerifiers::standardWebhooksKey).toList(),
            Duration.ofSeconds(standard.toleranceSeconds()),
            clock);
      }
    };
  }

  private static List<HmacKey> utf8Keys(HmacAlgorithm algorithm, List<String> secrets) {
    requireSecret(secrets);
    return secrets.stream()
        .map(secret -> new HmacKey(algorithm, secret.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  /** {@code whsec_} followed by the base64 key bytes, as the specification defines. */
  private static HmacKey standardWebhooksKey(String secret) {
    var encoded =
        secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX)
            ? secret.substring(STANDARD_WEBHOOKS_SECRET_PREFIX.length())
            : secret;
    try {
      return new HmacKey(HmacAlgorithm.SHA256, Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException notBase64) {
      // Never echo the secret: name the field only.
      throw new ConnectorInputException(
          "standardWebhooksSecret: must be 'whsec_' followed by base64");
    }
  }

  private static void requireSecret(List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new ConnectorInputException("signature: a secret is required");
    }
  }
}
