package io.connectors.eventbridge.outbound.client;

import io.connectors.eventbridge.outbound.auth.AwsAuthentication;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;

/**
 * What makes two clients different: region, endpoint and who signs. The identity is a fingerprint
 * (see {@link AwsAuthentication#identityFingerprint()}), so the key holds no secret.
 */
record ClientKey(String region, String endpoint, String identity) {

  static ClientKey of(AwsAuthentication authentication, AwsConfiguration configuration) {
    String endpoint = configuration.hasEndpointOverride() ? configuration.endpoint() : "";
    return new ClientKey(configuration.region(), endpoint, authentication.identityFingerprint());
  }
}
