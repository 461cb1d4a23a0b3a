package io.connectors.eventbridge.inbound.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateDiscriminatorProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateSubType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import java.util.function.Function;

/** Who may call the webhook. Independent of {@link SignatureVerification}; both can apply. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Authorization.None.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = Authorization.None.class, name = "none"),
  @JsonSubTypes.Type(value = Authorization.Basic.class, name = "basic"),
  @JsonSubTypes.Type(value = Authorization.ApiKey.class, name = "apiKey"),
  @JsonSubTypes.Type(value = Authorization.Jwt.class, name = "jwt")
})
@TemplateDiscriminatorProperty(
    name = "type",
    id = "authType",
    label = "Authorization type",
    group = "authorization",
    description =
        "How callers prove who they are. An EventBridge API destination connection sends Basic or"
            + " API key credentials",
    defaultValue = "none")
public sealed interface Authorization {

  @TemplateSubType(id = "none", label = "None")
  record None() implements Authorization {}

  @TemplateSubType(id = "basic", label = "Basic")
  record Basic(
      @TemplateProperty(
              id = "basicUsername",
              label = "Username",
              group = "authorization",
              feel = FeelMode.disabled)
          @NotBlank
          String username,
      @TemplateProperty(
              id = "basicPassword",
              label = "Password",
              group = "authorization",
              description = "Use a secret, for example <code>{{secrets.WEBHOOK_PASSWORD}}</code>",
              feel = FeelMode.disabled)
          @NotBlank
          String password)
      implements Authorization {
    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=<redacted>]";
    }
  }

  @TemplateSubType(id = "apiKey", label = "API key")
  record ApiKey(
      @TemplateProperty(
              id = "apiKey",
              label = "API key",
              group = "authorization",
              description =
                  "Expected key. Use a secret, for example"
                      + " <code>{{secrets.WEBHOOK_API_KEY}}</code>",
              feel = FeelMode.disabled)
          @NotBlank
          String apiKey,
      @TemplateProperty(
              id = "apiKeyLocator",
              label = "API key locator",
              group = "authorization",
              description =
                  "FEEL expression that reads the key from <code>request.headers</code> (names in"
                      + " lower case) or <code>request.params</code>. The default reads the"
                      + " <code>x-api-key</code> header, as an EventBridge API-key connection"
                      + " configured with that header name sends it",
              feel = FeelMode.required,
              defaultValue = "=get value(request.headers, \"x-api-key\")")
          @NotNull
          Function<Map<String, Object>, Object> apiKeyLocator)
      implements Authorization {
    @Override
    public String toString() {
      return "ApiKey[apiKey=<redacted>]";
    }
  }

  @TemplateSubType(id = "jwt", label = "JWT (JWKS)")
  record Jwt(
      @TemplateProperty(
              id = "jwtJwksUrl",
              label = "JWKS URL",
              group = "authorization",
              description = "Where the issuer publishes its signing keys",
              feel = FeelMode.disabled)
          @NotBlank
          String jwksUrl,
      @TemplateProperty(
              id = "jwtAllowedAlgorithms",
              label = "Allowed algorithms",
              group = "authorization",
              description =
                  "Comma-separated; only RS256/384/512, PS256/384/512 and ES256/384/512 are"
                      + " accepted",
              optional = true,
              feel = FeelMode.disabled,
              defaultValue = "RS256,PS256,ES256")
          String allowedAlgorithms,
      @TemplateProperty(
              id = "jwtIssuer",
              label = "Issuer",
              group = "authorization",
              description = "When set, the <code>iss</code> claim must equal it exactly",
              optional = true,
              feel = FeelMode.disabled)
          String issuer,
      @TemplateProperty(
              id = "jwtAudience",
              label = "Audience",
              group = "authorization",
              description = "When set, the <code>aud</code> claim must contain it",
              optional = true,
              feel = FeelMode.disabled)
          String audience,
      @TemplateProperty(
              id = "jwtLeewaySeconds",
              label = "Clock leeway (seconds)",
              group = "authorization",
              description = "Tolerance applied to <code>exp</code> and <code>nbf</code>",
              optional = true,
              feel = FeelMode.disabled,
              defaultValue = "" + Defaults.JWT_LEEWAY_SECONDS)
          @PositiveOrZero
          Integer leewaySeconds,
      @TemplateProperty(
              id = "jwtRoleExpression",
              label = "Role expression",
              group = "authorization",
              description =
                  "FEEL expression over the token's claims that returns the caller's roles, for"
                      + " example <code>=roles</code> or <code>=realm_access.roles</code>",
              optional = true,
              feel = FeelMode.required)
          Function<Map<String, Object>, Object> roleExpression,
      @TemplateProperty(
              id = "jwtRequiredRoles",
              label = "Required roles",
              group = "authorization",
              description = "Comma-separated; the caller must hold every one of them, else 403",
              optional = true,
              feel = FeelMode.disabled)
          String requiredRoles)
      implements Authorization {
    public Jwt {
      leewaySeconds = leewaySeconds == null ? Defaults.JWT_LEEWAY_SECONDS : leewaySeconds;
    }
  }
}
