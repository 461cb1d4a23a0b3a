package io.connectors.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedAnswersTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final RepeatedAnswers answers = new RepeatedAnswers(now::get);
  private final long interval = RepeatedAnswers.INTERVAL.toNanos();

  @Test
  void theFirstGetsAnEntryAndTheRepeatsWithinTheIntervalAreCountedIntoTheNext() {
    assertThat(answers.entryFor(429, "shed")).isZero();
    now.addAndGet(interval - 1);
    assertThat(answers.entryFor(429, "shed")).isEqualTo(RepeatedAnswers.LEFT_OUT);
    assertThat(answers.entryFor(429, "shed")).isEqualTo(RepeatedAnswers.LEFT_OUT);

    now.addAndGet(1);
    assertThat(answers.entryFor(429, "shed")).isEqualTo(2);
    assertThat(answers.entryFor(429, "shed")).isEqualTo(RepeatedAnswers.LEFT_OUT);

    now.addAndGet(5 * interval);
    assertThat(answers.entryFor(429, "shed")).isEqualTo(1);
    now.addAndGet(interval);
    assertThat(answers.entryFor(429, "shed")).isZero();
  }

  @Test
  void eachStatusAndReasonHasAnIntervalOfItsOwn() {
    assertThat(answers.entryFor(429, "shed")).isZero();
    assertThat(answers.entryFor(503, "shed")).isZero();
    assertThat(answers.entryFor(429, "other")).isZero();
    assertThat(answers.entryFor(429, "shed")).isEqualTo(RepeatedAnswers.LEFT_OUT);
  }

  @Test
  void aClockThatStartsNegativeStillGivesTheFirstAnEntry() {
    now.set(Long.MIN_VALUE + 5);
    assertThat(answers.entryFor(429, "shed")).isZero();
    assertThat(answers.entryFor(429, "shed")).isEqualTo(RepeatedAnswers.LEFT_OUT);
  }
}
