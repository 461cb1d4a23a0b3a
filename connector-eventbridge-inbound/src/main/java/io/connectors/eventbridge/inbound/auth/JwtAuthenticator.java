package io.connectors.eventbridge.inbound.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.inbound.http.RequestRejected;
import io.connectors.eventbridge.inbound.http.WebhookRequest;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import io.connectors.eventbridge.inbound.model.Authorization;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bearer JWTs verified against a JWKS.
 *
 * <p>Asymmetric algorithms only: with a public key set an HS* token could be "signed" with the
 * public key itself, and {@code none} is no signature at all. A {@code kid} is required so that a
 * key is picked by identity, never by trial. Keys are cached; an unknown {@code kid} triggers a
 * refetch (a key rotation), rate-limited so that forged kids cannot turn us into a JWKS flooder.
 */
final class JwtAuthenticator implements RequestAuthenticator {

  static final Set<JWSAlgorithm> PERMITTED_ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private static final String CHALLENGE = "Bearer";
  private static final String SCHEME = "bearer ";
  private static final String DEFAULT_ROLES_CLAIM = "roles";

  /** How the JWKS is fetched and how long verification results are reused. */
  record JwksTimings(
      Duration connectTimeout,
      Duration readTimeout,
      Duration cacheTtl,
      Duration refetchMinInterval,
      Duration verifiedTokenTtl) {
    /** Connect plus read stays well under EventBridge's 5 s answer deadline. */
    static final JwksTimings DEFAULT =
        new JwksTimings(
            Duration.ofMillis(1000),
            Duration.ofMillis(1500),
            Duration.ofMinutes(15),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60));
  }

  private final Set<JWSAlgorithm> allowedAlgorithms;
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Function<Map<String, Object>, Object> roleExpression;
  private final Set<String> requiredRoles;
  private final VerifiedTokenCache verifiedTokens;

  JwtAuthenticator(
      JWKSource<SecurityContext> keys,
      Set<JWSAlgorithm> allowedAlgorithms,
      String issuer,
      String audience,
      int leewaySeconds,
      Function<Map<String, Object>, Object> roleExpression,
      Set<String> requiredRoles,
      Duration keyCacheTtl,
      Duration verifiedTokenTtl) {
    this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    this.verifiedTokens = new VerifiedTokenCache(verifiedTokenTtl, Clock.systemUTC());
    this.roleExpression = roleExpression;
    this.requiredRoles = Set.copyOf(requiredRoles);

    var claimsVerifier =
        new ClaimsVerifier(blankToNull(issuer), blankToNull(audience), leewaySeconds);

    processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(
        new VerificationKeyCache(
            new JWSVerificationKeySelector<>(this.allowedAlgorithms, keys),
            keyCacheTtl,
            Clock.systemUTC()));
    processor.setJWTClaimsSetVerifier(claimsVerifier);
  }

  /**
   * @param registry where JWKS downloads are counted
   */
  static JwtAuthenticator create(Authorization.Jwt config, MeterRegistry registry) {
    return create(config, JwksTimings.DEFAULT, registry);
  }

  static JwtAuthenticator create(
      Authorization.Jwt config, JwksTimings timings, MeterRegistry registry) {
    var retriever =
        new CountingResourceRetriever(
            new DefaultResourceRetriever(
                (int) timings.connectTimeout().toMillis(),
                (int) timings.readTimeout().toMillis(),
                512 * 1024),
            registry);
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.<SecurityContext>create(jwksUrl(config.jwksUrl()), retriever)
            .cache(
                timings.cacheTtl().toMillis(),
                timings.connectTimeout().plus(timings.readTimeout()).toMillis())
            .rateLimited(timings.refetchMinInterval().toMillis())
            .retrying(false)
            .build();
    return new JwtAuthenticator(
        keys,
        allowedAlgorithms(config.allowedAlgorithms()),
        config.issuer(),
        config.audience(),
        config.leewaySeconds(),
        config.roleExpression(),
        splitList(config.requiredRoles()),
        timings.cacheTtl(),
        timings.verifiedTokenTtl());
  }

  @Override
  public void authenticate(WebhookRequest request) {
    var serialized = AuthorizationHeader.credentials(request, SCHEME);
    if (serialized == null) {
      throw RequestRejected.unauthorized("missing bearer token", CHALLENGE);
    }
    var cacheKey = verifiedTokens.keyOf(serialized);
    if (verifiedTokens.isVerified(cacheKey)) {
      return;
    }
    SignedJWT token;
    try {
      // Parsing as a JWS rejects unsecured ("alg": "none") and encrypted tokens outright.
      token = SignedJWT.parse(serialized);
    } catch (ParseException notASignedJwt) {
      throw RequestRejected.unauthorized("malformed or unsigned token", CHALLENGE);
    }
    if (!allowedAlgorithms.contains(token.getHeader().getAlgorithm())) {
      throw RequestRejected.unauthorized("token algorithm not allowed", CHALLENGE);
    }
    var keyId = token.getHeader().getKeyID();
    if (keyId == null || keyId.isBlank()) {
      throw RequestRejected.unauthorized("token has no key ID (kid)", CHALLENGE);
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (RateLimitReachedException refetchThrottled) {
      throw RequestRejected.unauthorized("unknown signing key", CHALLENGE);
    } catch (KeySourceException jwksUnreachable) {
      // Our key source failed, not the caller: let the sender retry later.
      throw new RequestRejected(WebhookStatus.SERVICE_UNAVAILABLE, "signing keys unavailable");
    } catch (ClaimsVerifier.ClaimsRejected badClaims) {
      throw RequestRejected.unauthorized(badClaims.reason(), CHALLENGE);
    } catch (BadJWTException unreadableClaims) {
      // Refused before our verifier saw the claims (a payload that is no claims set).
      throw RequestRejected.unauthorized("token claims rejected", CHALLENGE);
    } catch (BadJOSEException | JOSEException badSignature) {
      throw RequestRejected.unauthorized(
          "invalid token signature or unknown signing key", CHALLENGE);
    }
    checkRoles(claims);
    // exp is a required claim, so it is present here.
    verifiedTokens.remember(cacheKey, claims.getExpirationTime().getTime());
  }

  private void checkRoles(JWTClaimsSet claims) {
    if (requiredRoles.isEmpty()) {
      return;
    }
    Object roles;
    if (roleExpression == null) {
      roles = claims.getClaim(DEFAULT_ROLES_CLAIM);
    } else {
      try {
        roles = roleExpression.apply(claims.toJSONObject());
      } catch (RuntimeException expressionFailed) {
        // A user expression that cannot be evaluated against this token grants nothing.
        roles = null;
      }
    }
    if (!toRoleSet(roles).containsAll(requiredRoles)) {
      throw new RequestRejected(WebhookStatus.FORBIDDEN, "required roles not met");
    }
  }

  private static Set<String> toRoleSet(Object roles) {
    return switch (roles) {
      case null -> Set.of();
      case Collection<?> many ->
          many.stream().filter(r -> r != null).map(Object::toString).collect(Collectors.toSet());
      case Object[] array ->
          Arrays.stream(array)
              .filter(r -> r != null)
              .map(Object::toString)
              .collect(Collectors.toSet());
      default -> splitList(roles.toString().replace(' ', ','));
    };
  }

  static Set<JWSAlgorithm> allowedAlgorithms(String commaSeparated) {
    var names =
        splitList(
            commaSeparated == null || commaSeparated.isBlank()
                ? "RS256,PS256,ES256"
                : commaSeparated);
    var algorithms = new LinkedHashSet<JWSAlgorithm>();
    for (var name : names) {
      var algorithm = JWSAlgorithm.parse(name.toUpperCase(Locale.ROOT));
      if (!PERMITTED_ALGORITHMS.contains(algorithm)) {
        throw new ConnectorInputException(
            "jwtAllowedAlgorithms: '"
                + name
                + "' is not allowed; use RS256/384/512, PS256/384/512 or ES256/384/512");
      }
      algorithms.add(algorithm);
    }
    return algorithms;
  }

  static URL jwksUrl(String value) {
    try {
      var uri = new URI(value == null ? "" : value.strip());
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new ConnectorInputException("jwtJwksUrl: must be an absolute http(s) URL");
      }
      return uri.toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new ConnectorInputException("jwtJwksUrl: must be an absolute http(s) URL");
    }
  }

  static Set<String> splitList(String commaSeparated) {
    if (commaSeparated == null) {
      return Set.of();
    }
    var items = new HashSet<String>();
    for (var item : commaSeparated.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return "JwtAuthenticator[algorithms="
        + allowedAlgorithms
        + ", requiredRoles="
        + requiredRoles
        + "]";
  }
}
