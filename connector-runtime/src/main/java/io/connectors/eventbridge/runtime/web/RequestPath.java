package io.connectors.eventbridge.runtime.web;

import java.util.List;

/**
 * Which stages of {@link WebhookRequestFilter} a request goes through, from its path; read once per
 * request.
 */
sealed interface RequestPath {

  String INBOUND_PREFIX = "/inbound/";

  RequestPath WITHOUT_ID = new WebhookWithoutId();
  RequestPath BODY_LIMITED_ONLY = new BodyLimitedOnly();
  RequestPath UNFILTERED = new Unfiltered();

  /** {@code /inbound/{id}[/...]}: every stage. */
  record Webhook(String webhookId) implements RequestPath {}

  /**
   * {@code /inbound/} without an ID: nothing to look up, but the runtime-wide contract and body
   * limit still keep the controller from failing.
   */
  record WebhookWithoutId() implements RequestPath {}

  /** Under a {@link BodyLimitedPath} prefix: the body limit only. */
  record BodyLimitedOnly() implements RequestPath {}

  /** Anything else: not filtered. */
  record Unfiltered() implements RequestPath {}

  /**
   * @param bodyLimitedPrefixes the prefixes of the {@link BodyLimitedPath} beans
   */
  static RequestPath of(String requestUri, List<String> bodyLimitedPrefixes) {
    if (!requestUri.startsWith(INBOUND_PREFIX)) {
      return bodyLimitedPrefixes.stream().anyMatch(requestUri::startsWith)
          ? BODY_LIMITED_ONLY
          : UNFILTERED;
    }
    // The ID is the segment after the prefix: the runtime's registry key.
    int start = INBOUND_PREFIX.length();
    int slash = requestUri.indexOf('/', start);
    String webhookId = slash < 0 ? requestUri.substring(start) : requestUri.substring(start, slash);
    return webhookId.isEmpty() ? WITHOUT_ID : new Webhook(webhookId);
  }
}
