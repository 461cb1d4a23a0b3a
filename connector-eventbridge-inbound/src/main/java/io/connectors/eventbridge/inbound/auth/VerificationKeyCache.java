package io.connectors.eventbridge.inbound.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the verification keys already resolved for a {@code kid} and algorithm.
 *
 * <p>Selecting from the cached JWKS still matches every JWK and rebuilds a {@link Key} from its
 * Base64URL parameters on each request, which costs about as much as the signature check itself.
 * Only successful selections are remembered, and only for the JWKS cache lifetime, so an unknown
 * {@code kid} still goes to the delegate (and its rate-limited refetch) and a key removed from the
 * JWKS stops working no later than it would with the JWKS cache alone.
 */
final class VerificationKeyCache implements JWSKeySelector<SecurityContext> {

  /** Far more than any JWKS holds; a guard, since only keys the JWKS published get here. */
  private static final int MAX_ENTRIES = 64;

  private record Entry(List<? extends Key> keys, long expiresAtMillis) {}

  private record KeyId(String kid, JWSAlgorithm algorithm) {}

  private final JWSKeySelector<SecurityContext> delegate;
  private final long ttlMillis;
  private final Clock clock;
  private final ConcurrentHashMap<KeyId, Entry> entries = new ConcurrentHashMap<>();

  VerificationKeyCache(JWSKeySelector<SecurityContext> delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
  }

  @Override
  public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context)
      throws KeySourceException {
    var id = new KeyId(header.getKeyID(), header.getAlgorithm());
    long now = clock.millis();
    var cached = entries.get(id);
    if (cached != null && cached.expiresAtMillis() > now) {
      return cached.keys();
    }
    var keys = delegate.selectJWSKeys(header, context);
    if (keys != null && !keys.isEmpty() && id.kid() != null) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(id, new Entry(List.copyOf(keys), now + ttlMillis));
    }
    return keys;
  }
}
