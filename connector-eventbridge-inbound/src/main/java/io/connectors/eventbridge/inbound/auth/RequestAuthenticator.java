package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;

/** Decides whether the caller may use the webhook. Built once per activation, then shared. */
public interface RequestAuthenticator {

  /**
   * @throws RequestRejected with 401 for missing or invalid credentials, 403 for valid credentials
   *     without the required roles
   */
  void authenticate(WebhookRequest request);

  /**
   * Authenticates the request and returns what of it may reach process variables, so no later stage
   * has to come back here to remove credentials: without the well-known credential headers and
   * without the credential this authenticator reads (an API key may sit anywhere its locator
   * reads).
   *
   * @throws RequestRejected as {@link #authenticate}
   */
  default Authenticated accept(WebhookRequest request) {
    authenticate(request);
    return Authenticated.withoutCredentialHeaders(request);
  }
}
