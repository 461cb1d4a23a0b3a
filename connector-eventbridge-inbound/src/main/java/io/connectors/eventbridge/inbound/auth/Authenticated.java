package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.WebhookRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What of an authenticated request may reach process variables ({@code request.headers}, {@code
 * request.params}): its headers and query parameters without credentials of any kind.
 */
public record Authenticated(Map<String, String> headers, Map<String, String> params) {

  /** Headers that carry credentials, whichever authorization is configured. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

  /** The request's parameters, and its headers without the well-known credential headers. */
  static Authenticated withoutCredentialHeaders(WebhookRequest request) {
    var headers = new HashMap<String, String>(request.headers());
    headers.keySet().removeAll(CREDENTIAL_HEADERS);
    return new Authenticated(headers, request.params());
  }

  @Override
  public String toString() {
    // Header values can still hold anything the sender put there.
    return "Authenticated[headers=" + headers.keySet() + ", params=" + params.keySet() + "]";
  }
}
