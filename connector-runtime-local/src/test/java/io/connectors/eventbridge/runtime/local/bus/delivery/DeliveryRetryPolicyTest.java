package io.connectors.eventbridge.runtime.local.bus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryRetryPolicyTest {

  private final DeliveryRetryPolicy policy =
      new DeliveryRetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void retriesThrottlingAndServerErrorsOnly() {
    assertThat(DeliveryRetryPolicy.isRetryable(429)).isTrue();
    assertThat(DeliveryRetryPolicy.isRetryable(500)).isTrue();
    assertThat(DeliveryRetryPolicy.isRetryable(503)).isTrue();
    assertThat(DeliveryRetryPolicy.isRetryable(400)).isFalse();
    assertThat(DeliveryRetryPolicy.isRetryable(401)).isFalse();
    assertThat(DeliveryRetryPolicy.isRetryable(404)).isFalse();
  }

  @Test
  void backoffDoublesWithBoundedJitterAndIsCapped() {
    assertThat(policy.delayAfter(1, Optional.empty()))
        .isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
    assertThat(policy.delayAfter(3, Optional.empty()))
        .isBetween(Duration.ofMillis(320), Duration.ofMillis(400));
    assertThat(policy.delayAfter(40, Optional.empty()))
        .isBetween(Duration.ofMillis(800), Duration.ofSeconds(1));
  }

  @Test
  void retryAfterIsHonouredAsGivenPastTheBackoffCap() {
    assertThat(policy.delayAfter(1, Optional.of(Duration.ofMillis(700))))
        .isEqualTo(Duration.ofMillis(700));
    assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(30))))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aWaitIsTooLongWhenItEndsPastTheMaximumAge() {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    var plan =
        new DeliveryPlan(
            policy,
            Duration.ofSeconds(5),
            DeliveryPlan.Retries.AS_API_DESTINATION,
            now.plusSeconds(60));

    assertThat(plan.tooOldAfter(now, Duration.ofSeconds(60))).isFalse();
    assertThat(plan.tooOldAfter(now, Duration.ofSeconds(60).plusNanos(1))).isTrue();
    assertThat(plan.tooOldAfter(now, Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    assertThat(plan.tooOldAfter(now.plusSeconds(61), Duration.ZERO)).isTrue();
    assertThat(plan.tooOldAt(now.plusSeconds(60))).isFalse();
    assertThat(plan.tooOldAt(now.plusSeconds(61))).isTrue();
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(ApiDestinationDispatcher.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
    assertThat(ApiDestinationDispatcher.parseRetryAfter("00000000000000000000007"))
        .contains(Duration.ofSeconds(7));
    assertThat(ApiDestinationDispatcher.parseRetryAfter("9223372036854775807"))
        .contains(Duration.ofSeconds(Long.MAX_VALUE));
    // Past a long's range: the longest wait, not none (which would retry after the backoff).
    assertThat(ApiDestinationDispatcher.parseRetryAfter("9223372036854775808"))
        .contains(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(ApiDestinationDispatcher.parseRetryAfter("123456789012345678901234567890"))
        .contains(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(ApiDestinationDispatcher.parseRetryAfter("-5")).isEmpty();
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
    assertThat(ApiDestinationDispatcher.parseRetryAfter(inTenSeconds))
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
    assertThat(ApiDestinationDispatcher.parseRetryAfter("soon")).isEmpty();
  }
}
