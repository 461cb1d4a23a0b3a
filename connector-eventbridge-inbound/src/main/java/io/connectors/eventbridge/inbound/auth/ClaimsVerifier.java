package io.connectors.eventbridge.inbound.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import com.nimbusds.jwt.util.DateUtils;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Nimbus's claims verifier decides whether a token's claims are accepted; when it refuses them, the
 * reason we answer is worked out from the claims themselves, never from the library's message text,
 * whose wording may change in any release.
 */
final class ClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

  /** Claims refused, with the fixed reason of ours the sender gets. */
  static final class ClaimsRejected extends BadJWTException {
    private final String reason;

    ClaimsRejected(String reason, BadJWTException cause) {
      super(reason, cause);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final DefaultJWTClaimsVerifier<SecurityContext> nimbus;
  private final String issuer;
  private final String audience;
  private final int leewaySeconds;

  /**
   * @param issuer the exact issuer required, or null
   * @param audience an audience the token must name, or null
   */
  ClaimsVerifier(String issuer, String audience, int leewaySeconds) {
    this.issuer = issuer;
    this.audience = audience;
    this.leewaySeconds = leewaySeconds;
    var exactMatch = new JWTClaimsSet.Builder();
    if (issuer != null) {
      exactMatch.issuer(issuer);
    }
    nimbus = new DefaultJWTClaimsVerifier<>(audience, exactMatch.build(), Set.of("exp"));
    nimbus.setMaxClockSkew(leewaySeconds);
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
    try {
      nimbus.verify(claims, context);
    } catch (BadJWTException refused) {
      throw new ClaimsRejected(reasonFor(claims), refused);
    }
  }

  /** The first rule the claims break, in the order a sender would fix them. */
  private String reasonFor(JWTClaimsSet claims) {
    Date now = new Date();
    if (claims.getExpirationTime() == null) {
      return "token has no expiry (exp)";
    }
    if (!DateUtils.isAfter(claims.getExpirationTime(), now, leewaySeconds)) {
      return "token expired";
    }
    if (claims.getNotBeforeTime() != null
        && !DateUtils.isBefore(claims.getNotBeforeTime(), now, leewaySeconds)) {
      return "token not yet valid";
    }
    List<String> audiences = claims.getAudience();
    if (audience != null && (audiences == null || !audiences.contains(audience))) {
      return "token audience rejected";
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      return "token issuer rejected";
    }
    return "token claims rejected";
  }
}
