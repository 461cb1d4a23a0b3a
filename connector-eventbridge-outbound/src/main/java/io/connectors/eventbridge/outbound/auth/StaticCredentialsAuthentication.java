package io.connectors.eventbridge.outbound.auth;

import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import jakarta.validation.constraints.NotBlank;

@TemplateSubType(id = AwsAuthentication.CREDENTIALS, label = "Credentials (access key)")
public record StaticCredentialsAuthentication(
    @TemplateProperty(
            group = "authentication",
            label = "Access key",
            description =
                "Access key ID of an IAM identity allowed to call events:PutEvents. Use a secret: {{secrets.AWS_ACCESS_KEY}}")
        @NotBlank(groups = CheckedByConnector.class)
        String accessKey,
    @TemplateProperty(
            group = "authentication",
            label = "Secret key",
            description = "Secret access key. Use a secret: {{secrets.AWS_SECRET_KEY}}")
        @NotBlank(groups = CheckedByConnector.class)
        String secretKey,
    @TemplateProperty(
            group = "authentication",
            label = "Session token",
            optional = true,
            description =
                "Only for temporary credentials. Use a secret: {{secrets.AWS_SESSION_TOKEN}}")
        String sessionToken)
    implements AwsAuthentication {

  @Override
  public String identityFingerprint() {
    return CREDENTIALS + ":" + accessKey + ":" + Fingerprints.sha256(secretKey, sessionToken);
  }

  @Override
  public String toString() {
    return "StaticCredentialsAuthentication[accessKey="
        + accessKey
        + ", secretKey=<redacted>, sessionToken="
        + (sessionToken == null ? "null" : "<redacted>")
        + "]";
  }
}
