package io.connectors.eventbridge.inbound.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.model.Authorization;
import io.connectors.eventbridge.testsupport.JwksServer;
import io.connectors.eventbridge.testsupport.Jwts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JWTs against a JWKS served over real HTTP, including the usual attacks. */
class JwtAuthenticatorTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  // A fresh server per test, so each test counts only its own fetches.
  private final JwksServer jwksServer = JwksServer.serving(Jwts.RSA, Jwts.EC);

  private static final JwtAuthenticator.JwksTimings TIMINGS =
      new JwtAuthenticator.JwksTimings(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofMinutes(15),
          Duration.ofMinutes(10),
          Duration.ofSeconds(60));

  @AfterEach
  void stopJwks() {
    jwksServer.close();
  }

  @Test
  void acceptsValidRs256AndEs256Tokens() {
    var authenticator = authenticator(null, null);

    assertThatCode(
            () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, Jwts.claims().build()))))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> authenticator.authenticate(bearer(Jwts.es256(Jwts.EC, Jwts.claims().build()))))
        .doesNotThrowAnyException();
    // The JWKS is fetched once and then served from the cache.
    assertThat(jwksServer.fetches()).isEqualTo(1);
  }

  @Test
  void missingOrNonBearerHeaderIs401() {
    var authenticator = authenticator(null, null);

    assertRejected(
        () -> authenticator.authenticate(request(Map.of())), 401, "missing bearer token");
    assertRejected(
        () -> authenticator.authenticate(request(Map.of("authorization", "Basic dXNlcjpwYXNz"))),
        401,
        "missing bearer token");
    assertRejected(
        () -> authenticator.authenticate(request(Map.of("authorization", "Bearer not-a-jwt"))),
        401,
        "malformed");
  }

  @Test
  void rejectsUnsecuredAlgNone() {
    var unsecured = new PlainJWT(Jwts.claims().build()).serialize();

    assertRejected(
        () -> authenticator(null, null).authenticate(bearer(unsecured)), 401, "unsigned");
  }

  @Test
  void rejectsHs256SignedWithThePublicKey() {
    var forged = Jwts.hs256WithPublicKeyOf(Jwts.RSA, Jwts.claims().build());

    assertRejected(
        () -> authenticator(null, null).authenticate(bearer(forged)), 401, "algorithm not allowed");
  }

  @Test
  void aTokenWithoutExpiryHasItsOwnReason() {
    var noExpiry = Jwts.claims().expirationTime(null).build();
    assertRejected(
        () -> authenticator(null, null).authenticate(bearer(Jwts.rs256(Jwts.RSA, noExpiry))),
        401,
        "token has no expiry (exp)");
  }

  @Test
  void rejectsExpiredAndNotYetValidTokensBeyondTheLeeway() {
    var authenticator = authenticator(null, null);
    var now = Instant.now();

    var expired = Jwts.claims().expirationTime(Date.from(now.minusSeconds(120))).build();
    assertRejected(
        () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, expired))), 401, "expired");

    var notYetValid = Jwts.claims().notBeforeTime(Date.from(now.plusSeconds(600))).build();
    assertRejected(
        () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, notYetValid))),
        401,
        "not yet valid");

    var withinLeeway = Jwts.claims().expirationTime(Date.from(now.minusSeconds(20))).build();
    assertThatCode(() -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, withinLeeway))))
        .doesNotThrowAnyException();
  }

  @Test
  void requiresAnExpiryClaim() {
    var noExpiry = new JWTClaimsSet.Builder().issuer(Jwts.ISSUER).audience(Jwts.AUDIENCE).build();

    assertRejected(
        () -> authenticator(null, null).authenticate(bearer(Jwts.rs256(Jwts.RSA, noExpiry))),
        401,
        "token");
  }

  @Test
  void checksIssuerAndAudienceExactly() {
    var authenticator = authenticator(null, null);

    var wrongIssuer = Jwts.claims().issuer("https://issuer.example.evil").build();
    assertRejected(
        () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, wrongIssuer))), 401, "issuer");

    var wrongAudience = Jwts.claims().audience("someone-else").build();
    assertRejected(
        () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, wrongAudience))),
        401,
        "audience");
  }

  @Test
  void rejectsATamperedPayload() {
    var token = Jwts.rs256(Jwts.RSA, Jwts.claims().subject("reader").build());
    var parts = token.split("\\.");
    var tamperedClaims = Jwts.claims().subject("admin").build().toString();
    var tampered = parts[0] + "." + Base64URL.encode(tamperedClaims) + "." + parts[2];

    assertRejected(
        () -> authenticator(null, null).authenticate(bearer(tampered)),
        401,
        "invalid token signature");
  }

  @Test
  void requiresAKeyId() {
    var noKid =
        Jwts.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS256).build(), Jwts.claims().build(), Jwts.RSA);

    assertRejected(() -> authenticator(null, null).authenticate(bearer(noKid)), 401, "kid");
  }

  @Test
  void unknownKidRefetchesOnceThenIsRateLimited() {
    var authenticator = authenticator(null, null);
    authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, Jwts.claims().build())));
    assertThat(jwksServer.fetches()).isEqualTo(1);

    // Signed by a key the JWKS does not (yet) publish.
    var unknown = Jwts.rs256(Jwts.RSA_ROTATED, Jwts.claims().build());
    assertRejected(() -> authenticator.authenticate(bearer(unknown)), 401, "");
    assertThat(jwksServer.fetches()).isEqualTo(2);

    // A flood of forged kids must not turn into a flood of JWKS requests.
    for (int i = 0; i < 5; i++) {
      assertRejected(() -> authenticator.authenticate(bearer(unknown)), 401, "");
    }
    assertThat(jwksServer.fetches()).isEqualTo(2);
    // Counted in the registry the authenticator was given.
    assertThat(
            registry
                .get("eventbridge.webhook.jwks.fetches")
                .tag("outcome", "success")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void aRotatedKeyIsPickedUpByTheRefetch() {
    var authenticator = authenticator(null, null);
    authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, Jwts.claims().build())));

    jwksServer.serve(Jwts.RSA, Jwts.RSA_ROTATED);

    assertThatCode(
            () ->
                authenticator.authenticate(
                    bearer(Jwts.rs256(Jwts.RSA_ROTATED, Jwts.claims().build()))))
        .doesNotThrowAnyException();
  }

  @Test
  void unreachableJwksIs503NotA401OrA500() {
    jwksServer.failWith(500);

    assertRejected(
        () ->
            authenticator(null, null)
                .authenticate(bearer(Jwts.rs256(Jwts.RSA, Jwts.claims().build()))),
        503,
        "signing keys unavailable");
  }

  @Test
  void aVerifiedTokenIsRememberedButNeverItsLookalikes() {
    var authenticator = authenticator(null, null);
    var token = Jwts.rs256(Jwts.RSA, Jwts.claims().build());
    authenticator.authenticate(bearer(token));

    // The same token again is served from the verified-token cache: no JWKS traffic, no error.
    jwksServer.failWith(500);
    assertThatCode(() -> authenticator.authenticate(bearer(token))).doesNotThrowAnyException();

    // A token differing in its signature only is verified from scratch and fails.
    var parts = token.split("\\.");
    var otherSignature = Jwts.rs256(Jwts.RSA_ROTATED, Jwts.claims().build()).split("\\.")[2];
    assertRejected(
        () -> authenticator.authenticate(bearer(parts[0] + "." + parts[1] + "." + otherSignature)),
        401,
        "");
  }

  @Test
  void missingRolesAre403() {
    Function<Map<String, Object>, Object> roles = claims -> claims.get("groups");
    var authenticator = authenticator(roles, "webhook-sender, orders");

    var withRoles = Jwts.claims().claim("groups", List.of("orders", "webhook-sender", "x")).build();
    assertThatCode(() -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, withRoles))))
        .doesNotThrowAnyException();

    var partial = Jwts.claims().claim("groups", List.of("orders")).build();
    assertRejected(
        () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, partial))), 403, "roles");

    var none = Jwts.claims().build();
    assertRejected(
        () -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, none))), 403, "roles");
  }

  @Test
  void defaultRoleClaimIsRoles() {
    var authenticator = authenticator(null, "admin");

    var admin = Jwts.claims().claim("roles", List.of("admin")).build();
    assertThatCode(() -> authenticator.authenticate(bearer(Jwts.rs256(Jwts.RSA, admin))))
        .doesNotThrowAnyException();
  }

  @Test
  void configurationErrorsNameTheField() {
    assertThatThrownBy(() -> JwtAuthenticator.allowedAlgorithms("RS256,HS256"))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageContaining("jwtAllowedAlgorithms")
        .hasMessageContaining("HS256");
    assertThatThrownBy(() -> JwtAuthenticator.allowedAlgorithms("none"))
        .isInstanceOf(ConnectorInputException.class);
    assertThatThrownBy(() -> JwtAuthenticator.jwksUrl("file:///etc/passwd"))
        .isInstanceOf(ConnectorInputException.class)
        .hasMessageContaining("jwtJwksUrl");
  }

  private JwtAuthenticator authenticator(
      Function<Map<String, Object>, Object> roleExpression, String requiredRoles) {
    var config =
        new Authorization.Jwt(
            jwksServer.url(),
            "RS256,ES256",
            Jwts.ISSUER,
            Jwts.AUDIENCE,
            60,
            roleExpression,
            requiredRoles);
    return JwtAuthenticator.create(config, TIMINGS, registry);
  }

  private static WebhookRequest bearer(String token) {
    return request(Map.of("authorization", "Bearer " + token));
  }

  private static WebhookRequest request(Map<String, String> headers) {
    return new WebhookRequest("POST", headers, Map.of(), new byte[0]);
  }

  static void assertRejected(Runnable call, int status, String reasonPart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RequestRejected.class,
            rejected -> {
              assertThat(rejected.status()).isEqualTo(status);
              assertThat(rejected.reason()).contains(reasonPart);
            });
  }
}
