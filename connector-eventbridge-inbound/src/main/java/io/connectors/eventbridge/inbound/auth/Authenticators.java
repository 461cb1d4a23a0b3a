package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.model.Authorization;

/** Turns the configured authorization variant into a ready-to-use authenticator. */
public final class Authenticators {

  private Authenticators() {}

  /** Does the expensive work (key material, JWKS source, JWT processor) here, once. */
  public static RequestAuthenticator create(Authorization authorization) {
    return switch (authorization) {
      case Authorization.None none -> request -> {};
      case Authorization.Basic basic -> new BasicAuthenticator(basic.username(), basic.password());
      case Authorization.ApiKey apiKey ->
          new ApiKeyAuthenticator(apiKey.apiKey(), apiKey.apiKeyLocator());
      case Authorization.Jwt jwt -> JwtAuthenticator.create(jwt);
    };
  }
}
