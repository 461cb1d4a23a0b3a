package io.connectors.eventbridge.inbound.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, briefly, bearer tokens that passed every check.
 *
 * <p>An EventBridge OAuth connection sends the same access token with every delivery until it
 * expires, so without this the RSA or ECDSA signature check (tens of microseconds, most of the
 * per-request cost) is repeated for identical input. An entry lives until the token's own {@code
 * exp} or the cache TTL, whichever is first, so revoking a signing key at the issuer takes effect
 * here within the TTL (at most the JWKS cache already allows). Only a SHA-256 digest of the token
 * is kept, never the token.
 */
final class VerifiedTokenCache {

  /** Enough for every sender of one webhook; a flood of distinct valid tokens just resets it. */
  private static final int MAX_ENTRIES = 4096;

  record Digest(byte[] bytes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Digest that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  private final long ttlMillis;
  private final Clock clock;
  private final ConcurrentHashMap<Digest, Long> expiryByToken = new ConcurrentHashMap<>();

  VerifiedTokenCache(Duration ttl, Clock clock) {
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
  }

  /** Computed once per request and used for both the lookup and, after verification, the entry. */
  Digest keyOf(String token) {
    return digest(token);
  }

  boolean isVerified(Digest token) {
    var expiresAt = expiryByToken.get(token);
    return expiresAt != null && clock.millis() < expiresAt;
  }

  void remember(Digest token, long tokenExpiryMillis) {
    if (ttlMillis <= 0) {
      return;
    }
    if (expiryByToken.size() >= MAX_ENTRIES) {
      expiryByToken.clear();
    }
    expiryByToken.put(token, Math.min(tokenExpiryMillis, clock.millis() + ttlMillis));
  }

  private static Digest digest(String token) {
    try {
      return new Digest(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException everyJdkHasSha256) {
      throw new IllegalStateException(everyJdkHasSha256);
    }
  }
}
