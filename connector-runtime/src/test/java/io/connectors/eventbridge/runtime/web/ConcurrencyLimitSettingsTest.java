package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ConcurrencyLimitSettingsTest {

  @Test
  void defaults() {
    assertThat(ConcurrencyLimitSettings.from(new MockEnvironment()))
        .isEqualTo(new ConcurrencyLimitSettings(16, 2, 100));
  }

  @Test
  void equalBoundsGiveAFixedLimit() {
    var environment =
        new MockEnvironment()
            .withProperty(ConcurrencyLimitSettings.INITIAL, "5")
            .withProperty(ConcurrencyLimitSettings.MIN, "5")
            .withProperty(ConcurrencyLimitSettings.MAX, "5");

    assertThat(ConcurrencyLimitSettings.from(environment))
        .isEqualTo(new ConcurrencyLimitSettings(5, 5, 5));
  }

  @Test
  void theOldFixedLimitIsReadAsTheMaxAndTheDefaultsMoveInsideIt() {
    var environment =
        new MockEnvironment().withProperty(ConcurrencyLimitSettings.FIXED_LIMIT, "10");

    assertThat(ConcurrencyLimitSettings.from(environment))
        .isEqualTo(new ConcurrencyLimitSettings(10, 2, 10));
    assertThat(
            ConcurrencyLimitSettings.from(
                new MockEnvironment().withProperty(ConcurrencyLimitSettings.FIXED_LIMIT, "1")))
        .isEqualTo(new ConcurrencyLimitSettings(1, 1, 1));
  }

  @Test
  void theNewMaxWinsOverTheOldFixedLimit() {
    var environment =
        new MockEnvironment()
            .withProperty(ConcurrencyLimitSettings.FIXED_LIMIT, "10")
            .withProperty(ConcurrencyLimitSettings.MAX, "40");

    assertThat(ConcurrencyLimitSettings.from(environment))
        .isEqualTo(new ConcurrencyLimitSettings(16, 2, 40));
  }

  @Test
  void explicitBoundsOutOfOrderFailWithTheirNames() {
    var environment =
        new MockEnvironment()
            .withProperty(ConcurrencyLimitSettings.MIN, "8")
            .withProperty(ConcurrencyLimitSettings.MAX, "4");

    assertThatThrownBy(() -> ConcurrencyLimitSettings.from(environment))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The webhook concurrency limit needs 1 <= eventbridge.webhook.concurrency-limit.min (8)"
                + " <= eventbridge.webhook.concurrency-limit.initial (8)"
                + " <= eventbridge.webhook.concurrency-limit.max (4)");
    assertThatThrownBy(
            () ->
                ConcurrencyLimitSettings.from(
                    new MockEnvironment().withProperty(ConcurrencyLimitSettings.MIN, "0")))
        .isInstanceOf(IllegalStateException.class);
  }
}
