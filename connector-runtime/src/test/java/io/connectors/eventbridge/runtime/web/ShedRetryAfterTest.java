package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShedRetryAfterTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(42 * SECOND);
  private final ShedRetryAfter retryAfter = new ShedRetryAfter(clock::get);

  @Test
  void withoutAnOverloadedSecondBehindItAShedRequestComesBackInOneSecond() {
    assertThat(retryAfter.shed()).isEqualTo(1);
  }

  @Test
  void shedThreeForEachAdmittedAsksForThreeToSixSeconds() {
    overloadedSecond(10, 30);
    for (int i = 0; i < 200; i++) {
      assertThat(retryAfter.shed()).isBetween(3, 6);
    }
  }

  @Test
  void sheddingNoMoreThanAdmittingAsksForOneSecond() {
    overloadedSecond(10, 10);
    assertThat(retryAfter.shed()).isEqualTo(1);
  }

  @Test
  void anIdleSecondInBetweenForgetsTheOverload() {
    overloadedSecond(10, 30);
    clock.addAndGet(3 * SECOND);
    assertThat(retryAfter.shed()).isEqualTo(1);
  }

  @Test
  void neverMoreThanAMinute() {
    overloadedSecond(1, 10_000);
    for (int i = 0; i < 200; i++) {
      assertThat(retryAfter.shed()).isEqualTo(ShedRetryAfter.MAX_SECONDS);
    }
  }

  /** One second with {@code admitted} admissions and {@code shed} sheds, then the next begins. */
  private void overloadedSecond(int admitted, int shed) {
    clock.addAndGet(SECOND);
    retryAfter.admitted(); // opens a fresh window
    for (int i = 1; i < admitted; i++) {
      retryAfter.admitted();
    }
    for (int i = 0; i < shed; i++) {
      retryAfter.shed();
    }
    clock.addAndGet(SECOND);
  }
}
