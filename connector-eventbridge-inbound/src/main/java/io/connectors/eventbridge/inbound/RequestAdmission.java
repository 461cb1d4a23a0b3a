package io.connectors.eventbridge.inbound;

import io.connectors.eventbridge.inbound.auth.RequestAuthenticator;
import io.connectors.eventbridge.inbound.envelope.DeliveryParser;
import io.connectors.eventbridge.inbound.envelope.DeliveryReader;
import io.connectors.eventbridge.inbound.http.RequestContract;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.inbound.signature.SignatureVerifier;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Everything that decides whether a request may reach the engine, cheapest check first: method,
 * content type, size, presence of a body, then signature and credentials, and only then JSON
 * parsing, so an unauthenticated caller never gets its body parsed.
 *
 * <p>The checks before the signature look at nothing secret, so their answers (405, 415, 413, 400)
 * are the same with or without credentials; our runtime's request filter makes the same decisions
 * before the runtime reads the body, and this class repeats them for runtimes without that filter.
 *
 * <p>Immutable and shared by all request threads of one activation.
 */
final class RequestAdmission {

  /**
   * "Any" means any method that may carry an event. HEAD is excluded: by HTTP semantics it has no
   * side effects, and a monitoring probe must never start a process.
   */
  private static final Set<String> ANY_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

  private final RequestContract contract;
  private final SignatureVerifier signatureVerifier;
  private final RequestAuthenticator authenticator;
  private final DeliveryParser parser;
  private final DeliveryReader reader;

  RequestAdmission(
      String allowedMethod,
      int maxBodyBytes,
      Duration timeBudget,
      SignatureVerifier signatureVerifier,
      RequestAuthenticator authenticator,
      DeliveryParser parser,
      DeliveryReader reader) {
    var method = allowedMethod.toUpperCase(Locale.ROOT);
    this.contract =
        new RequestContract(
            "ANY".equals(method) ? ANY_METHODS : Set.of(method), maxBodyBytes, timeBudget);
    this.signatureVerifier = signatureVerifier;
    this.authenticator = authenticator;
    this.parser = parser;
    this.reader = reader;
  }

  RequestContract contract() {
    return contract;
  }

  /**
   * @throws RequestRejected with the status the sender should see
   */
  AdmittedRequest admit(WebhookRequest request) {
    var refusal = contract.refusalBeforeBody(request.method(), request.header("content-type"));
    if (refusal.isPresent()) {
      throw refusal.get();
    }
    if (request.rawBody().length > contract.maxBodyBytes()) {
      throw contract.bodyTooLarge();
    }
    if (DeliveryParser.isBlank(request.rawBody())) {
      throw new RequestRejected(WebhookStatus.BAD_REQUEST, "body required");
    }
    signatureVerifier.verify(request);
    var authenticated = authenticator.accept(request);
    var delivery = parser.parse(request.rawBody());
    return new AdmittedRequest(
        reader.read(delivery), delivery.batch(), authenticated.headers(), authenticated.params());
  }
}
