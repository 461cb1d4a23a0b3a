package io.connectors.eventbridge.inbound.auth;

import io.connectors.eventbridge.inbound.binding.ConfigurationWarnings;
import io.connectors.eventbridge.inbound.model.Authorization;
import io.micrometer.core.instrument.MeterRegistry;

/** Turns the configured authorization variant into a ready-to-use authenticator. */
public final class Authenticators {

  private Authenticators() {}

  /**
   * Does the expensive work (key material, JWKS source, JWT processor) here, once.
   *
   * @param warnings told when the API-key locator or the role expression fails on a request
   * @param registry where JWKS downloads are counted
   */
  public static RequestAuthenticator create(
      Authorization authorization, ConfigurationWarnings warnings, MeterRegistry registry) {
    return switch (authorization) {
      case Authorization.None none -> request -> {};
      case Authorization.Basic basic -> new BasicAuthenticator(basic.username(), basic.password());
      case Authorization.ApiKey apiKey ->
          new ApiKeyAuthenticator(
              apiKey.apiKey(),
              warnings.watch("inbound.auth.apiKeyLocator", apiKey.apiKeyLocator()));
      case Authorization.Jwt jwt ->
          JwtAuthenticator.create(
              new Authorization.Jwt(
                  jwt.jwksUrl(),
                  jwt.allowedAlgorithms(),
                  jwt.issuer(),
                  jwt.audience(),
                  jwt.leewaySeconds(),
                  warnings.watch("inbound.auth.roleExpression", jwt.roleExpression()),
                  jwt.requiredRoles()),
              registry);
    };
  }
}
