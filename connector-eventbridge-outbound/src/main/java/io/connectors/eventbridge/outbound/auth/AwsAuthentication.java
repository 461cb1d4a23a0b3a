package io.connectors.eventbridge.outbound.auth;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;

/** How the connector obtains AWS credentials. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(
      value = StaticCredentialsAuthentication.class,
      name = AwsAuthentication.CREDENTIALS),
  @JsonSubTypes.Type(
      value = DefaultCredentialsChainAuthentication.class,
      name = AwsAuthentication.DEFAULT_CREDENTIALS_CHAIN),
  @JsonSubTypes.Type(value = AssumeRoleAuthentication.class, name = AwsAuthentication.ASSUME_ROLE)
})
@TemplateDiscriminatorProperty(
    name = "type",
    label = "Authentication",
    group = "authentication",
    defaultValue = AwsAuthentication.CREDENTIALS,
    description =
        "How to obtain AWS credentials. The default credentials chain and assume role work on self-managed and hybrid runtimes only.")
public sealed interface AwsAuthentication
    permits StaticCredentialsAuthentication,
        DefaultCredentialsChainAuthentication,
        AssumeRoleAuthentication {

  String CREDENTIALS = "credentials";
  String DEFAULT_CREDENTIALS_CHAIN = "defaultCredentialsChain";
  String ASSUME_ROLE = "assumeRole";

  /**
   * A stable, non-secret fingerprint of the identity these credentials stand for. Two jobs with the
   * same fingerprint may share one SDK client; the raw secret never leaves the record.
   */
  String identityFingerprint();
}
