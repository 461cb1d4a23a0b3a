package io.connectors.eventbridge.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The limit against a hand-driven clock: latency is whatever the test advances the clock by between
 * admission and answer, so nothing here depends on how fast the machine is.
 */
class AdaptiveConcurrencyLimitTest {

  private static final Duration BUDGET = Duration.ofSeconds(4);
  private static final Duration FAST = Duration.ofMillis(20);
  private static final Duration SLOW = BUDGET.dividedBy(2).plusMillis(1);

  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AdaptiveConcurrencyLimit limit =
      new AdaptiveConcurrencyLimit(new ConcurrencyLimitSettings(16, 2, 100), registry, now::get);

  @Test
  void requestsBeyondTheLimitAreShedAtOnceAndCounted() {
    var admitted = admitUpToTheLimit();

    assertThat(admitted).hasSize(16);
    assertThat(limit.tryAdmit()).isEmpty();
    assertThat(limit.inFlight()).isEqualTo(16);
    // One refusal in admitUpToTheLimit, one above.
    assertThat(registry.get(AdaptiveConcurrencyLimit.SHED).counter().count()).isEqualTo(2);
  }

  @Test
  void answersSlowerThanHalfTheBudgetBringTheLimitDownToTheMin() {
    var admitted = admitUpToTheLimit();
    advance(SLOW);

    admitted.getFirst().answered(200, BUDGET);
    assertThat(limit.limit()).isLessThan(16);
    admitted.subList(1, 16).forEach(admission -> admission.answered(200, BUDGET));

    assertThat(limit.limit()).isEqualTo(2);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void slownessIsMeasuredAgainstEachWebhooksOwnBudget() {
    var admitted = admitUpToTheLimit();
    advance(Duration.ofMillis(600));

    // 600 ms is in good time for a 4 s budget...
    admitted.get(15).answered(200, BUDGET);
    assertThat(limit.limit()).isEqualTo(17);
    // ...and slow for a 1 s one.
    admitted.get(14).answered(200, Duration.ofSeconds(1));
    assertThat(limit.limit()).isEqualTo(15);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void answersThatSendTheSenderBackBringTheLimitDownEvenWhenFast(int status) {
    var admitted = admitUpToTheLimit();
    advance(FAST);

    admitted.forEach(admission -> admission.answered(status, BUDGET));

    assertThat(limit.limit()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 422, 500})
  void clientErrorsAnsweredInTimeDoNotMoveTheLimit(int status) {
    var admitted = admitUpToTheLimit();
    advance(FAST);

    admitted.forEach(admission -> admission.answered(status, BUDGET));

    assertThat(limit.limit()).isEqualTo(16);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void fastAnswersRaiseTheLimitAgainAfterItCameDown() {
    var slow = admitUpToTheLimit();
    advance(SLOW);
    slow.forEach(admission -> admission.answered(200, BUDGET));
    assertThat(limit.limit()).isEqualTo(2);

    var limits = new ArrayList<Integer>();
    for (int round = 0; round < 8; round++) {
      var admitted = admitUpToTheLimit();
      advance(FAST);
      admitted.forEach(admission -> admission.answered(200, BUDGET));
      limits.add(limit.limit());
    }

    // Each full round of answers in good time raises the limit; eight rounds take it past the
    // initial value again.
    assertThat(limits).isSorted().doesNotHaveDuplicates();
    assertThat(limits.getLast()).isGreaterThan(16);
  }

  @Test
  void theLimitDoesNotGrowWhileMostOfItIsUnused() {
    for (int i = 0; i < 100; i++) {
      var alone = limit.tryAdmit().orElseThrow();
      advance(FAST);
      alone.answered(200, BUDGET);
    }

    assertThat(limit.limit()).isEqualTo(16);
  }

  @Test
  void theLimitStaysWithinTheMax() {
    var capped =
        new AdaptiveConcurrencyLimit(
            new ConcurrencyLimitSettings(16, 2, 20), new SimpleMeterRegistry(), now::get);
    for (int round = 0; round < 5; round++) {
      var admitted = new ArrayList<AdaptiveConcurrencyLimit.Admission>();
      for (var next = capped.tryAdmit(); next.isPresent(); next = capped.tryAdmit()) {
        admitted.add(next.get());
      }
      advance(FAST);
      admitted.forEach(admission -> admission.answered(200, BUDGET));
    }

    assertThat(capped.limit()).isEqualTo(20);
  }

  @Test
  void anAbandonedRequestGivesItsPlaceBackWithoutMovingTheLimit() {
    var admitted = admitUpToTheLimit();
    advance(SLOW);

    admitted.forEach(AdaptiveConcurrencyLimit.Admission::abandoned);

    assertThat(limit.limit()).isEqualTo(16);
    assertThat(limit.inFlight()).isZero();
    assertThat(admitUpToTheLimit()).hasSize(16);
  }

  @Test
  void theGaugesShowTheLimitAndTheRequestsInFlight() {
    var admitted = admitUpToTheLimit();
    assertThat(registry.get(AdaptiveConcurrencyLimit.LIMIT).gauge().value()).isEqualTo(16);
    assertThat(registry.get(AdaptiveConcurrencyLimit.IN_FLIGHT).gauge().value()).isEqualTo(16);

    advance(SLOW);
    admitted.getFirst().answered(200, BUDGET);

    assertThat(registry.get(AdaptiveConcurrencyLimit.LIMIT).gauge().value()).isEqualTo(14);
    assertThat(registry.get(AdaptiveConcurrencyLimit.IN_FLIGHT).gauge().value()).isEqualTo(15);
  }

  /** Admits until the limit refuses one (that refusal counts as shed). */
  private List<AdaptiveConcurrencyLimit.Admission> admitUpToTheLimit() {
    var admitted = new ArrayList<AdaptiveConcurrencyLimit.Admission>();
    for (var next = limit.tryAdmit(); next.isPresent(); next = limit.tryAdmit()) {
      admitted.add(next.get());
    }
    return admitted;
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
