package io.connectors.eventbridge.inbound.auth;

import static io.connectors.eventbridge.inbound.auth.JwtAuthenticatorTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.connectors.eventbridge.inbound.binding.ConfigurationWarnings;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.model.Authorization;
import io.connectors.eventbridge.testsupport.RuntimeBinding;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAndApiKeyAuthenticatorTest {

  private final RequestAuthenticator basic =
      create(new Authorization.Basic("eventbridge", "s3cret:with:colons"));

  @Test
  void basicAcceptsTheConfiguredCredentials() {
    assertThatCode(
            () ->
                basic.authenticate(
                    request("authorization", basic("eventbridge", "s3cret:with:colons"))))
        .doesNotThrowAnyException();
    // Scheme names are case-insensitive.
    assertThatCode(
            () ->
                basic.authenticate(
                    request("authorization", "basic " + encoded("eventbridge:s3cret:with:colons"))))
        .doesNotThrowAnyException();
  }

  @Test
  void basicRejectsWithA401Challenge() {
    assertRejected(
        () -> basic.authenticate(request("authorization", basic("eventbridge", "wrong"))),
        401,
        "invalid credentials");
    assertRejected(
        () -> basic.authenticate(request("authorization", basic("other", "s3cret:with:colons"))),
        401,
        "invalid");
    assertRejected(
        () -> basic.authenticate(request("x-other", "1")), 401, "missing Basic credentials");
    assertRejected(
        () -> basic.authenticate(request("authorization", "Basic %%%not-base64")),
        401,
        "malformed");
  }

  @Test
  void basicToStringHidesThePassword() {
    assertThat(new Authorization.Basic("u", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(basic.toString()).doesNotContain("s3cret");
  }

  @Test
  void apiKeyWithTheTemplateDefaultLocatorReadsTheXApiKeyHeader() {
    var apiKey = apiKeyAuth("=get value(request.headers, \"x-api-key\")");

    assertThatCode(() -> apiKey.authenticate(request("x-api-key", "k-123")))
        .doesNotThrowAnyException();
    assertRejected(
        () -> apiKey.authenticate(request("x-api-key", "k-124")), 401, "invalid API key");
    assertRejected(() -> apiKey.authenticate(request("x-other", "k-123")), 401, "missing API key");
  }

  @Test
  void apiKeyLocatorCanReadAQueryParameter() {
    var apiKey = apiKeyAuth("=request.params.key");
    var request = new WebhookRequest("POST", Map.of(), Map.of("key", "k-123"), new byte[0]);

    assertThatCode(() -> apiKey.authenticate(request)).doesNotThrowAnyException();
  }

  @Test
  void aLocatorThatFailsToEvaluateIs401NotA500() {
    var apiKey = apiKeyAuth("=split(request.headers.authorization, \" \")[2]");

    assertRejected(() -> apiKey.authenticate(request("x-other", "1")), 401, "missing API key");
  }

  private static RequestAuthenticator apiKeyAuth(String locator) {
    var config =
        RuntimeBinding.MAPPER.convertValue(
            Map.of("type", "apiKey", "apiKey", "k-123", "apiKeyLocator", locator),
            Authorization.class);
    assertThat(config.toString()).doesNotContain("k-123");
    return create(config);
  }

  private static RequestAuthenticator create(Authorization authorization) {
    return Authenticators.create(
        authorization, ConfigurationWarnings.SILENT, new SimpleMeterRegistry());
  }

  private static WebhookRequest request(String header, String value) {
    return new WebhookRequest("POST", Map.of(header, value), Map.of(), new byte[0]);
  }

  private static String basic(String user, String password) {
    return "Basic " + encoded(user + ":" + password);
  }

  private static String encoded(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
