package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Compares a key located by a FEEL expression with the configured one.
 *
 * <p>The locator sees only {@code request.headers} and {@code request.params}, not the body: the
 * body is parsed only after the caller is authenticated.
 */
final class ApiKeyAuthenticator implements RequestAuthenticator {

  private final byte[] expectedKeyDigest;
  private final Function<Map<String, Object>, Object> locator;

  ApiKeyAuthenticator(String expectedKey, Function<Map<String, Object>, Object> locator) {
    this.expectedKeyDigest = ConstantTime.digest(expectedKey.getBytes(StandardCharsets.UTF_8));
    this.locator = locator;
  }

  @Override
  public void authenticate(WebhookRequest request) {
    Object located;
    try {
      located =
          locator.apply(
              Map.of("request", Map.of("headers", request.headers(), "params", request.params())));
    } catch (RuntimeException expressionFailed) {
      // The FEEL engine reports a failed expression (e.g. a missing header the expression
      // dereferences) as an unchecked exception. For the caller that simply means "no key".
      throw RequestRejected.unauthorized("missing API key");
    }
    if (!(located instanceof String presented) || presented.isEmpty()) {
      throw RequestRejected.unauthorized("missing API key");
    }
    if (!ConstantTime.matchesDigest(
        expectedKeyDigest, presented.getBytes(StandardCharsets.UTF_8))) {
      throw RequestRejected.unauthorized("invalid API key");
    }
  }

  @Override
  public String toString() {
    return "ApiKeyAuthenticator[key=<redacted>]";
  }
}
