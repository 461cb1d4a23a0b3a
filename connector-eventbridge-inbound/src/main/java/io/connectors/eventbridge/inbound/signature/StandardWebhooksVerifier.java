package io.connectors.eventbridge.inbound.signature;

import io.connectors.eventbridge.inbound.auth.ConstantTime;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (standardwebhooks.com): the signed content is {@code id.timestamp.body}, the
 * header holds space-separated {@code v1,<base64>} entries, and a timestamp outside the tolerance
 * is a replay.
 */
final class StandardWebhooksVerifier implements SignatureVerifier {

  private static final byte[] DOT = {'.'};
  private static final String VERSION_PREFIX = "v1,";

  private final List<HmacKey> keys;
  private final Duration tolerance;
  private final Clock clock;

  StandardWebhooksVerifier(List<HmacKey> keys, Duration tolerance, Clock clock) {
    this.keys = List.copyOf(keys);
    this.tolerance = tolerance;
    this.clock = clock;
  }

  @Override
  public void verify(WebhookRequest request) {
    var id = request.header("webhook-id");
    var timestamp = request.header("webhook-timestamp");
    var signatures = request.header("webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      throw RequestRejected.unauthorized(
          "missing webhook-id, webhook-timestamp or webhook-signature header");
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException notEpochSeconds) {
      throw RequestRejected.unauthorized("malformed webhook-timestamp");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - sentAt);
    if (skew > tolerance.toSeconds()) {
      throw RequestRejected.unauthorized("webhook-timestamp outside tolerance (possible replay)");
    }
    var signed =
        new byte[][] {
          id.getBytes(StandardCharsets.UTF_8), DOT,
          timestamp.strip().getBytes(StandardCharsets.UTF_8), DOT,
          request.rawBody()
        };
    var expected = keys.stream().map(key -> key.sign(signed)).toList();
    boolean valid = false;
    for (var entry : signatures.strip().split(" +")) {
      if (!entry.startsWith(VERSION_PREFIX)) {
        continue; // other versions (e.g. asymmetric v1a) are not ours to check
      }
      byte[] presented;
      try {
        presented = Base64.getDecoder().decode(entry.substring(VERSION_PREFIX.length()));
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      for (var candidate : expected) {
        valid |= ConstantTime.equals(candidate, presented);
      }
    }
    if (!valid) {
      throw RequestRejected.unauthorized("invalid signature");
    }
  }

  @Override
  public String toString() {
    return "StandardWebhooksVerifier[keys=" + keys.size() + ", tolerance=" + tolerance + "]";
  }
}
