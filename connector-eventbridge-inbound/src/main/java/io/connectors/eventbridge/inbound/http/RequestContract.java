package io.connectors.eventbridge.inbound.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an active webhook accepts before any credential is looked at, for a runtime that checks
 * requests in front of the connector (our runtime's request filter) and for the connector itself.
 *
 * @param allowedMethods upper-case methods that may carry an event, in the order of {@link
 *     #allowHeader()}
 * @param maxBodyBytes the webhook's body limit
 * @param timeBudget how long the webhook takes at most to answer (events not correlated by then are
 *     answered 503); our runtime's concurrency limit measures request latency against it
 */
public record RequestContract(Set<String> allowedMethods, int maxBodyBytes, Duration timeBudget) {

  public RequestContract {
    allowedMethods = Set.copyOf(allowedMethods);
  }

  public boolean allows(String method) {
    return allowedMethods.contains(method);
  }

  /**
   * The answer to a request this webhook refuses before anything reads its body: a method it does
   * not take (405 with {@code Allow}) or a content type other than JSON (415). One rule for our
   * runtime's request filter and for the connector, so both answer the same, word for word.
   *
   * @param contentType the request's {@code Content-Type} header, or null
   * @return empty when both are accepted
   */
  public Optional<RequestRejected> refusalBeforeBody(String method, String contentType) {
    if (!allows(method)) {
      return Optional.of(
          new RequestRejected(
              WebhookStatus.METHOD_NOT_ALLOWED,
              "method not allowed",
              Map.of("Allow", allowHeader())));
    }
    if (!JsonContentType.accepts(contentType)) {
      return Optional.of(unsupportedMediaType());
    }
    return Optional.empty();
  }

  /** The 415 answer, also given by our runtime to content types no webhook could read. */
  public static RequestRejected unsupportedMediaType() {
    return new RequestRejected(
        WebhookStatus.UNSUPPORTED_MEDIA_TYPE,
        "content type must be application/json or application/*+json, charset utf-8 if any");
  }

  /** The answer to a body over {@link #maxBodyBytes()}: 413. */
  public RequestRejected bodyTooLarge() {
    return bodyTooLarge(maxBodyBytes, Map.of());
  }

  /**
   * The 413 answer for a body over {@code limitBytes}: also our runtime's, whose limit while it
   * reads a body may be its own runtime-wide one, and which adds headers.
   */
  public static RequestRejected bodyTooLarge(long limitBytes, Map<String, String> headers) {
    return new RequestRejected(
        WebhookStatus.PAYLOAD_TOO_LARGE, "body larger than " + limitBytes + " bytes", headers);
  }

  /**
   * The {@code Allow} header: exactly the methods that carry events. OPTIONS is answered too (204
   * with this header) but is not listed: it never reaches the process. Sorted, so every answer
   * carries the same header.
   */
  public String allowHeader() {
    return String.join(", ", allowedMethods.stream().sorted().toList());
  }
}
