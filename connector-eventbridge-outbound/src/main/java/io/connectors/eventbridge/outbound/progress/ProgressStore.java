package io.connectors.eventbridge.outbound.progress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What failed attempts put, kept in this runtime by element instance, for a retry that lands on the
 * same runtime even when the job's variables do not carry it: an error expression that raises
 * {@code jobError} without the progress, or a gateway that drops FailJob variables (the in-memory
 * engine of zeebe-process-test does). The job variables stay the carrier between runtimes.
 *
 * <p>Bounded and expiring: a retry later than {@link #TTL} (an incident resolved the next day)
 * relies on the job variables alone.
 */
public final class ProgressStore {

  static final int MAX_TASKS = 10_000;
  static final Duration TTL = Duration.ofHours(1);

  private record Stored(PriorProgress progress, long expiresAtNanos) {}

  private final LongSupplier nanoClock;
  private final LinkedHashMap<Long, Stored> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Stored> eldest) {
          return size() > MAX_TASKS;
        }
      };

  public ProgressStore(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * The attempt, with this runtime's record of earlier attempts when the job variables had none.
   */
  public synchronized JobAttempt complete(JobAttempt attempt) {
    if (attempt.elementInstanceKey() == 0 || !attempt.prior().accepted().isEmpty()) {
      return attempt;
    }
    Stored entry = entries.get(attempt.elementInstanceKey());
    if (entry == null || nanoClock.getAsLong() - entry.expiresAtNanos() >= 0) {
      entries.remove(attempt.elementInstanceKey());
      return attempt;
    }
    return new JobAttempt(attempt.elementInstanceKey(), entry.progress());
  }

  public synchronized void remember(long elementInstanceKey, PriorProgress progress) {
    if (elementInstanceKey != 0) {
      entries.put(elementInstanceKey, new Stored(progress, nanoClock.getAsLong() + TTL.toNanos()));
    }
  }

  public synchronized void forget(long elementInstanceKey) {
    entries.remove(elementInstanceKey);
  }
}
