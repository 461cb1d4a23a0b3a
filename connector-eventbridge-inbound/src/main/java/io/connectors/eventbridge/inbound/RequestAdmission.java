package io.connectors.eventbridge.inbound;

import io.connectors.eventbridge.inbound.auth.RequestAuthenticator;
import io.connectors.eventbridge.inbound.envelope.Delivery;
import io.connectors.eventbridge.inbound.envelope.DeliveryParser;
import io.connectors.eventbridge.inbound.http.HttpStatus;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.signature.SignatureVerifier;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything that decides whether a request may reach the engine, cheapest check first: method,
 * size, content type, then signature and credentials, and only then JSON parsing, so an
 * unauthenticated caller never gets its body parsed.
 *
 * <p>Immutable and shared by all request threads of one activation.
 */
public final class RequestAdmission {

  private static final Set<String> ANY_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

  private final String allowedMethod;
  private final int maxBodyBytes;
  private final SignatureVerifier signatureVerifier;
  private final RequestAuthenticator authenticator;
  private final DeliveryParser parser;

  public RequestAdmission(
      String allowedMethod,
      int maxBodyBytes,
      SignatureVerifier signatureVerifier,
      RequestAuthenticator authenticator,
      DeliveryParser parser) {
    this.allowedMethod = allowedMethod.toUpperCase(Locale.ROOT);
    this.maxBodyBytes = maxBodyBytes;
    this.signatureVerifier = signatureVerifier;
    this.authenticator = authenticator;
    this.parser = parser;
  }

  /** Headers as they may reach process variables: no credentials of any kind. */
  public Map<String, String> headersForProcess(WebhookRequest request) {
    return authenticator.withoutCredentials(request.headersWithoutCredentials());
  }

  /** Query parameters as they may reach process variables: no API key. */
  public Map<String, String> paramsForProcess(WebhookRequest request) {
    return authenticator.withoutCredentials(request.params());
  }

  /**
   * @throws RequestRejected with the status the sender should see
   */
  public Delivery admit(WebhookRequest request) {
    if (!methodAllowed(request.method())) {
      throw new RequestRejected(
          HttpStatus.METHOD_NOT_ALLOWED,
          "method " + request.method() + " not allowed",
          Map.of("Allow", "ANY".equals(allowedMethod) ? "GET, POST, PUT, DELETE" : allowedMethod));
    }
    if (request.rawBody().length > maxBodyBytes) {
      throw new RequestRejected(
          HttpStatus.PAYLOAD_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
    }
    if (request.rawBody().length > 0 && !isJson(request.header("content-type"))) {
      throw new RequestRejected(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type must be application/json");
    }
    signatureVerifier.verify(request);
    authenticator.authenticate(request);
    return parser.parse(request.rawBody());
  }

  /**
   * "Any" means any method that may carry an event. HEAD is excluded: by HTTP semantics it has no
   * side effects, and a monitoring probe must never start a process.
   */
  private boolean methodAllowed(String method) {
    return "ANY".equals(allowedMethod)
        ? ANY_METHODS.contains(method)
        : allowedMethod.equals(method);
  }

  /** {@code application/json}, any {@code +json} type, with or without parameters. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int end = contentType.indexOf(';');
    var mediaType =
        (end < 0 ? contentType : contentType.substring(0, end)).strip().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json")
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }
}
