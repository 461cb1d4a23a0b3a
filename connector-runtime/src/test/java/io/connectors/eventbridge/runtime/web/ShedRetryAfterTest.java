package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShedRetryAfterTest {

  private static final long SECOND = 1_000_000_000L;

  // Negative, as System.nanoTime may be: the arithmetic must hold by differences alone.
  private final AtomicLong clock = new AtomicLong(-42 * SECOND);
  private final ShedRetryAfter retryAfter = new ShedRetryAfter(clock::get);

  @Test
  void withNothingBookedAShedRequestComesBackInOneSecond() {
    assertThat(retryAfter.shed()).isEqualTo(1);
  }

  @Test
  void retriesAreBookedAtTheRateAdmittedInTheLastSecond() {
    secondAdmitting(10);

    List<Integer> waits = shedAtOnce(30);

    // 10 a second: due at 1.0, 1.1, ... 3.9 s, told in whole seconds rounded up.
    assertThat(waits.getFirst()).isEqualTo(1);
    assertThat(waits).isSorted();
    assertThat(waits.stream().filter(wait -> wait == 2)).hasSize(10);
    assertThat(waits.stream().filter(wait -> wait == 3)).hasSize(10);
    assertThat(waits.getLast()).isEqualTo(4);
  }

  @Test
  void aBookingThatFellBehindTheClockStartsAgainAtOneSecond() {
    secondAdmitting(10);
    shedAtOnce(30);

    clock.addAndGet(5 * SECOND);
    secondAdmitting(10);

    assertThat(retryAfter.shed()).isEqualTo(1);
  }

  @Test
  void aBacklogLongerThanAMinuteIsToldAMinute() {
    secondAdmitting(1);

    List<Integer> waits = shedAtOnce(200);

    assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(1, 60));
    assertThat(waits.subList(60, 200)).containsOnly(ShedRetryAfter.MAX_SECONDS);
  }

  @Test
  void withNothingAdmittedForASecondRetriesAreBookedOneASecond() {
    clock.addAndGet(SECOND);
    shedAtOnce(1); // opens a window in which nothing is admitted
    clock.addAndGet(SECOND);

    // A stalled engine: the retry booked a second ago is due now, the next ones a second apart.
    assertThat(shedAtOnce(3)).containsExactly(1, 2, 3);
  }

  @Test
  void aBurstAfterAnIdleSecondIsBookedAtTheRateItIsServed() {
    clock.addAndGet(3 * SECOND);
    retryAfter.admitted(); // opens a window after the idle seconds
    for (int i = 1; i < 50; i++) {
      retryAfter.admitted();
    }
    clock.addAndGet(SECOND / 10);

    // 50 in the first 100 ms: 500 a second, so 500 retries are booked within a second of the first
    // (at the idle second's rate of none they would be a second apart, up to a minute).
    assertThat(shedAtOnce(500)).containsOnly(1, 2);
  }

  /** One second with {@code admitted} admissions, then the next begins. */
  private void secondAdmitting(int admitted) {
    clock.addAndGet(SECOND);
    for (int i = 0; i < admitted; i++) {
      retryAfter.admitted();
    }
    clock.addAndGet(SECOND);
  }

  private List<Integer> shedAtOnce(int count) {
    var waits = new ArrayList<Integer>();
    for (int i = 0; i < count; i++) {
      waits.add(retryAfter.shed());
    }
    return waits;
  }
}
