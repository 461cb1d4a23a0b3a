package io.connectors.eventbridge.outbound.progress;

/**
 * Which job attempt is running: the element instance the job belongs to (the same for every attempt
 * of one task execution, new when the task runs again) and what earlier attempts already put.
 */
public record JobAttempt(long elementInstanceKey, PriorProgress prior) {

  /** A call outside a job (tests, benchmarks): nothing put before, nothing to match later. */
  public static final JobAttempt STANDALONE = new JobAttempt(0, PriorProgress.NONE);

  /** No earlier attempt left progress, so this runtime keeps nothing of the job to forget. */
  public boolean isFirst() {
    return prior.equals(PriorProgress.NONE);
  }
}
