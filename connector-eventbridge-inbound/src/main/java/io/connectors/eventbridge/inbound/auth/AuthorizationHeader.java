package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.WebhookRequest;

/**
 * Reads {@code Authorization: <scheme> <credentials>}, with the scheme matched case-insensitively.
 */
final class AuthorizationHeader {

  private AuthorizationHeader() {}

  /**
   * @param scheme lower case, with its trailing space, e.g. {@code "basic "}
   * @return the credentials after the scheme, or null when the header is missing, empty or of
   *     another scheme
   */
  static String credentials(WebhookRequest request, String scheme) {
    var header = request.header("authorization");
    if (header == null
        || header.length() <= scheme.length()
        || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
      return null;
    }
    return header.substring(scheme.length()).strip();
  }
}
