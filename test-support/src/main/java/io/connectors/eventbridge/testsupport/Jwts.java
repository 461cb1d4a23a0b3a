package io.connectors.eventbridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Test keys and tokens: the one place tests sign JWTs. Keys are generated per JVM; nothing here is
 * a real secret.
 */
public final class Jwts {

  public static final RSAKey RSA = rsaKey("rsa-1");
  public static final RSAKey RSA_ROTATED = rsaKey("rsa-2");
  public static final ECKey EC = ecKey("ec-1");
  public static final String ISSUER = "https://issuer.example";
  public static final String AUDIENCE = "eventbridge-webhook";

  private Jwts() {}

  /** The public half of {@code keys} as a JWKS document. */
  public static String jwks(JWK... keys) {
    return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
  }

  /** Claims a webhook configured with {@link #ISSUER} and {@link #AUDIENCE} accepts. */
  public static JWTClaimsSet.Builder claims() {
    return claims(ISSUER, AUDIENCE);
  }

  /** Claims from {@code issuer} for {@code audience}, issued now and valid for five minutes. */
  public static JWTClaimsSet.Builder claims(String issuer, String audience) {
    var now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject("eventbridge")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  /** RS256 with the key's ID in the header, as a JWKS-backed issuer signs. */
  public static String rs256(RSAKey key, JWTClaimsSet claims) {
    return sign(header(JWSAlgorithm.RS256, key), claims, signer(key));
  }

  /** An RS256 token with the header given, e.g. one without a key ID. */
  public static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
    return sign(header, claims, signer(key));
  }

  public static String es256(ECKey key, JWTClaimsSet claims) {
    try {
      return sign(header(JWSAlgorithm.ES256, key), claims, new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The classic key-confusion forgery: an HS256 "signature" keyed with the RSA public key's bytes
   * and naming that key, hoping the verifier treats a public key as a shared secret.
   */
  public static String hs256WithPublicKeyOf(RSAKey key, JWTClaimsSet claims) {
    try {
      return sign(
          header(JWSAlgorithm.HS256, key),
          claims,
          new MACSigner(key.toRSAPublicKey().getEncoded()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RSAKey rsaKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ecKey(String keyId) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSHeader header(JWSAlgorithm algorithm, JWK key) {
    return new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build();
  }

  private static JWSSigner signer(RSAKey key) {
    try {
      return new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
    try {
      var jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
