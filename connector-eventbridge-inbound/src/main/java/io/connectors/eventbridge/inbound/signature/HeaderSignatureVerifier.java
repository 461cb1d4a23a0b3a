package io.connectors.eventbridge.inbound.signature;

import io.connectors.eventbridge.inbound.auth.ConstantTime;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.model.SignatureEncoding;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A signature of the raw body in one header, optionally behind a prefix such as {@code sha256=}.
 * Covers Control Room, GitHub and the custom variant.
 */
final class HeaderSignatureVerifier implements SignatureVerifier {

  private final String headerName;
  private final String prefix;
  private final SignatureEncoding encoding;
  private final List<HmacKey> keys;

  HeaderSignatureVerifier(
      String headerName, String prefix, SignatureEncoding encoding, List<HmacKey> keys) {
    this.headerName = headerName.toLowerCase(Locale.ROOT);
    this.prefix = prefix == null ? "" : prefix;
    this.encoding = encoding;
    this.keys = List.copyOf(keys);
  }

  @Override
  public void verify(WebhookRequest request) {
    var value = request.header(headerName);
    if (value == null || value.isBlank()) {
      throw RequestRejected.unauthorized("missing signature header " + headerName);
    }
    value = value.strip();
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw RequestRejected.unauthorized("malformed signature");
    }
    byte[] presented;
    try {
      var encoded = value.substring(prefix.length());
      presented =
          switch (encoding) {
            case HEX -> HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT));
            case BASE64 -> Base64.getDecoder().decode(encoded);
          };
    } catch (IllegalArgumentException notEncodedAsConfigured) {
      throw RequestRejected.unauthorized("malformed signature");
    }
    // Try every key, even after a match, so timing does not reveal which secret is current.
    boolean valid = false;
    for (var key : keys) {
      valid |= ConstantTime.equals(key.sign(request.rawBody()), presented);
    }
    if (!valid) {
      throw RequestRejected.unauthorized("invalid signature");
    }
  }

  @Override
  public String toString() {
    return "HeaderSignatureVerifier[header=" + headerName + ", keys=" + keys.size() + "]";
  }
}
