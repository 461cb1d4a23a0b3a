package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import java.util.Map;

/** Decides whether the caller may use the webhook. Built once per activation, then shared. */
public interface RequestAuthenticator {

  /**
   * @throws RequestRejected with 401 for missing or invalid credentials, 403 for valid credentials
   *     without the required roles
   */
  void authenticate(WebhookRequest request);

  /**
   * The headers or query parameters as they may reach process variables: without the credential
   * this authenticator reads. The well-known credential headers are already gone (see {@link
   * WebhookRequest#headersWithoutCredentials()}); an API key may sit anywhere its locator reads.
   */
  default Map<String, String> withoutCredentials(Map<String, String> values) {
    return values;
  }
}
