package io.connectors.eventbridge.outbound.send;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The end of a task's time budget. Checked before each PutEvents call and each retry pause, never
 * during a call: a call that started finishes within the SDK's own call timeout, so the task ends
 * at most that long after the budget.
 */
public record Deadline(LongSupplier nanoClock, long endNanos, Duration budget) {

  public static Deadline after(Duration budget, LongSupplier nanoClock) {
    return new Deadline(nanoClock, nanoClock.getAsLong() + budget.toNanos(), budget);
  }

  public boolean passed() {
    return nanoClock.getAsLong() - endNanos >= 0;
  }

  /** Whether a pause of {@code pause} would still end inside the budget. */
  public boolean allows(Duration pause) {
    return endNanos - nanoClock.getAsLong() > pause.toNanos();
  }
}
