package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

  /**
   * Also drops every header or parameter value that is the key, or ends in it after a space ({@code
   * ApiKey <key>}): the locator is FEEL, so which header or parameter held the key is only known by
   * its value.
   */
  @Override
  public Authenticated accept(WebhookRequest request) {
    authenticate(request);
    var withoutHeaders = Authenticated.withoutCredentialHeaders(request);
    return new Authenticated(
        withoutKey(withoutHeaders.headers()), withoutKey(withoutHeaders.params()));
  }

  private Map<String, String> withoutKey(Map<String, String> values) {
    var kept = new HashMap<String, String>(values.size() * 2);
    values.forEach(
        (name, value) -> {
          if (!holdsKey(value)) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  private boolean holdsKey(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    String stripped = value.strip();
    String lastToken = stripped.substring(stripped.lastIndexOf(' ') + 1);
    return ConstantTime.matchesDigest(expectedKeyDigest, stripped.getBytes(StandardCharsets.UTF_8))
        || ConstantTime.matchesDigest(
            expectedKeyDigest, lastToken.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiKeyAuthenticator[key=<redacted>]";
  }
}
