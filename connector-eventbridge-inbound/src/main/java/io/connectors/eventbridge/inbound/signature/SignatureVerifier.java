package io.connectors.eventbridge.inbound.signature;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;

/** Checks that the raw body was signed by a holder of a shared secret. */
public interface SignatureVerifier {

  /**
   * @throws RequestRejected with 401 when the signature is missing, malformed or wrong
   */
  void verify(WebhookRequest request);

  SignatureVerifier NONE = request -> {};
}
