package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic, as an EventBridge connection with Basic authorization sends it. */
final class BasicAuthenticator implements RequestAuthenticator {

  private static final String CHALLENGE = "Basic realm=\"webhook\", charset=\"UTF-8\"";
  private static final String SCHEME = "basic ";

  // Compared as one "user:password" byte string so both parts take the same constant-time path;
  // only its digest is kept.
  private final byte[] expectedDigest;

  BasicAuthenticator(String username, String password) {
    this.expectedDigest =
        ConstantTime.digest((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void authenticate(WebhookRequest request) {
    var credentials = AuthorizationHeader.credentials(request, SCHEME);
    if (credentials == null) {
      throw RequestRejected.unauthorized("missing Basic credentials", CHALLENGE);
    }
    byte[] presented;
    try {
      presented = Base64.getDecoder().decode(credentials);
    } catch (IllegalArgumentException notBase64) {
      throw RequestRejected.unauthorized("malformed Basic credentials", CHALLENGE);
    }
    if (!ConstantTime.matchesDigest(expectedDigest, presented)) {
      throw RequestRejected.unauthorized("invalid credentials", CHALLENGE);
    }
  }

  @Override
  public String toString() {
    return "BasicAuthenticator[credentials=<redacted>]";
  }
}
