package io.connectors.eventbridge.outbound.auth;

import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyCondition;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyConstraints;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import io.connectors.eventbridge.outbound.model.ConfigurationRules;
import io.connectors.eventbridge.outbound.model.Defaults;
import io.connectors.eventbridge.outbound.validation.CheckedByConnector;
import io.connectors.eventbridge.outbound.validation.Format;
import jakarta.validation.constraints.NotBlank;

/**
 * Assumes an IAM role with STS, on top of static keys or the default chain: the usual way to put
 * events on a bus in another account.
 */
@TemplateSubType(id = AwsAuthentication.ASSUME_ROLE, label = "Assume role (cross-account)")
public record AssumeRoleAuthentication(
    @TemplateProperty(
            group = "authentication",
            label = "Role ARN",
            description =
                "The role to assume, for example arn:aws:iam::123456789012:role/put-events",
            constraints = @PropertyConstraints(notEmpty = true))
        @NotBlank(groups = CheckedByConnector.class)
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.ROLE_ARN_PATTERN,
            message = "must be an IAM role ARN: arn:aws:iam::<account>:role/<name>")
        String roleArn,
    @TemplateProperty(
            group = "authentication",
            label = "External ID",
            optional = true,
            description =
                "The external ID the role's trust policy requires, if any. Use a secret: {{secrets.AWS_EXTERNAL_ID}}")
        @Format(
            groups = CheckedByConnector.class,
            regexp = "^[\\w+=,.@:/-]{2,1224}$",
            message = "must be 2 to 1224 characters of letters, digits and +=,.@:/_-")
        String externalId,
    @TemplateProperty(
            group = "authentication",
            label = "Role session name",
            optional = true,
            description = "Shows in CloudTrail.",
            defaultValue = Defaults.ROLE_SESSION_NAME)
        @Format(
            groups = CheckedByConnector.class,
            regexp = "^[\\w+=,.@-]{2,64}$",
            message = "must be 2 to 64 characters of letters, digits and +=,.@_-")
        String sessionName,
    @TemplateProperty(
            group = "authentication",
            label = "Source credentials",
            type = PropertyType.Dropdown,
            defaultValue = DEFAULT_CREDENTIALS_CHAIN,
            description = "The credentials used to call STS AssumeRole.",
            choices = {
              @DropdownPropertyChoice(
                  value = DEFAULT_CREDENTIALS_CHAIN,
                  label = "Default credentials chain"),
              @DropdownPropertyChoice(value = CREDENTIALS, label = "Access key")
            })
        String sourceCredentials,
    @TemplateProperty(
            group = "authentication",
            label = "Source access key",
            optional = true,
            description = "Use a secret: {{secrets.AWS_ACCESS_KEY}}",
            condition =
                @PropertyCondition(
                    property = "authentication.sourceCredentials",
                    equals = CREDENTIALS))
        String sourceAccessKey,
    @TemplateProperty(
            group = "authentication",
            label = "Source secret key",
            optional = true,
            description = "Use a secret: {{secrets.AWS_SECRET_KEY}}",
            condition =
                @PropertyCondition(
                    property = "authentication.sourceCredentials",
                    equals = CREDENTIALS))
        String sourceSecretKey,
    @TemplateProperty(
            group = "authentication",
            label = "STS endpoint override",
            optional = true,
            description =
                "Leave empty for the regional STS endpoint. Set it for an STS VPC interface endpoint, e.g. https://vpce-123.sts.eu-central-1.vpce.amazonaws.com")
        @Format(
            groups = CheckedByConnector.class,
            regexp = ConfigurationRules.ENDPOINT_PATTERN,
            message =
                "must be an absolute http(s) URL without query, such as https://sts.eu-central-1.amazonaws.com")
        String stsEndpoint)
    implements AwsAuthentication {

  public AssumeRoleAuthentication {
    sessionName =
        sessionName == null || sessionName.isBlank() ? Defaults.ROLE_SESSION_NAME : sessionName;
  }

  /** Without an STS endpoint override. */
  public AssumeRoleAuthentication(
      String roleArn,
      String externalId,
      String sessionName,
      String sourceCredentials,
      String sourceAccessKey,
      String sourceSecretKey) {
    this(
        roleArn,
        externalId,
        sessionName,
        sourceCredentials,
        sourceAccessKey,
        sourceSecretKey,
        null);
  }

  public boolean hasStsEndpoint() {
    return stsEndpoint != null && !stsEndpoint.isBlank();
  }

  public boolean usesStaticSourceCredentials() {
    return CREDENTIALS.equals(sourceCredentials);
  }

  /** The static keys, which are required when the source credentials are "credentials". */
  public StaticCredentialsAuthentication sourceKeys() {
    if (sourceAccessKey == null || sourceAccessKey.isBlank()) {
      throw new ConnectorInputException(
          "authentication.sourceAccessKey: must not be blank when source credentials are an access key");
    }
    if (sourceSecretKey == null || sourceSecretKey.isBlank()) {
      throw new ConnectorInputException(
          "authentication.sourceSecretKey: must not be blank when source credentials are an access key");
    }
    return new StaticCredentialsAuthentication(sourceAccessKey, sourceSecretKey, null);
  }

  @Override
  public String identityFingerprint() {
    String source =
        usesStaticSourceCredentials()
            ? sourceAccessKey + ":" + Fingerprints.sha256(sourceSecretKey)
            : DEFAULT_CREDENTIALS_CHAIN;
    return ASSUME_ROLE
        + ":"
        + roleArn
        + ":"
        + sessionName
        + ":"
        + Fingerprints.sha256(externalId)
        + ":"
        + source
        + ":"
        + (hasStsEndpoint() ? stsEndpoint : "");
  }

  @Override
  public String toString() {
    return "AssumeRoleAuthentication[roleArn="
        + roleArn
        + ", externalId="
        + (externalId == null ? "null" : "<redacted>")
        + ", sessionName="
        + sessionName
        + ", sourceCredentials="
        + sourceCredentials
        + ", sourceAccessKey="
        + sourceAccessKey
        + ", sourceSecretKey=<redacted>, stsEndpoint="
        + stsEndpoint
        + "]";
  }
}
