package io.connectors.eventbridge.outbound.auth;

import io.camunda.connector.generator.java.annotation.TemplateSubType;

/**
 * Environment variables, system properties, web identity (IRSA), the shared profile files, and the
 * container and instance metadata endpoints, in the SDK's order.
 */
@TemplateSubType(
    id = AwsAuthentication.DEFAULT_CREDENTIALS_CHAIN,
    label = "Default credentials chain (self-managed / hybrid)")
public record DefaultCredentialsChainAuthentication() implements AwsAuthentication {

  @Override
  public String identityFingerprint() {
    return DEFAULT_CREDENTIALS_CHAIN;
  }
}
