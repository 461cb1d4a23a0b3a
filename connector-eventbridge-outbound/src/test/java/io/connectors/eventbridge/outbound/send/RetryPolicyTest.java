package io.connectors.eventbridge.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void delaysGrowExponentiallyWithJitterAndAreCapped() {
    var policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));
    var random = new Random(42);

    for (int i = 0; i < 100; i++) {
      assertThat(policy.delayAfter(1, random))
          .isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(policy.delayAfter(3, random))
          .isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(policy.delayAfter(9, random))
          .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }
  }

  @Test
  void onlyThrottlingAndInternalFailureAreRetryable() {
    assertThat(ErrorCodes.RETRYABLE_ENTRY_CODES.contains("ThrottlingException")).isTrue();
    assertThat(ErrorCodes.RETRYABLE_ENTRY_CODES.contains("InternalFailure")).isTrue();
    assertThat(ErrorCodes.RETRYABLE_ENTRY_CODES.contains("AccessDeniedException")).isFalse();
    assertThat(ErrorCodes.RETRYABLE_ENTRY_CODES.contains("MalformedDetail")).isFalse();
  }
}
