package io.connectors.eventbridge.inbound.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.eventbridge.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifiedTokenCache cache = new VerifiedTokenCache(Duration.ofSeconds(60), clock);

  @Test
  void anEntryEndsAtTheTokensExpiry() {
    cache.remember(cache.keyOf("token-a"), clock.millis() + 10_000);

    assertThat(cache.isVerified(cache.keyOf("token-a"))).isTrue();
    assertThat(cache.isVerified(cache.keyOf("token-b"))).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(cache.isVerified(cache.keyOf("token-a"))).isFalse();
  }

  @Test
  void anEntryEndsAtTheTtlForLongLivedTokens() {
    cache.remember(cache.keyOf("token-a"), clock.millis() + 3_600_000);

    clock.advance(Duration.ofSeconds(59));
    assertThat(cache.isVerified(cache.keyOf("token-a"))).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.isVerified(cache.keyOf("token-a"))).isFalse();
  }

  @Test
  void aZeroTtlDisablesTheCache() {
    var disabled = new VerifiedTokenCache(Duration.ZERO, clock);
    disabled.remember(disabled.keyOf("token-a"), clock.millis() + 10_000);
    assertThat(disabled.isVerified(disabled.keyOf("token-a"))).isFalse();
  }
}
