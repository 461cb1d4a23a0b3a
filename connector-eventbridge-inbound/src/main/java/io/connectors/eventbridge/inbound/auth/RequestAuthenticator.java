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
}
