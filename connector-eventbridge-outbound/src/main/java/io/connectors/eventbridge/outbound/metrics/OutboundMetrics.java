package io.connectors.eventbridge.outbound.metrics;

import io.connectors.eventbridge.outbound.result.EntryResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The outbound connector's meters. Tags are closed sets: outcomes, and the error codes AWS and this
 * connector define, never event content.
 */
public final class OutboundMetrics {

  static final String EVENTS = "eventbridge.outbound.events";
  static final String CALLS = "eventbridge.putevents.calls";
  static final String ENTRY_RETRIES = "eventbridge.putevents.entry.retries";
  static final String TASKS = "eventbridge.outbound.tasks";
  static final String CLIENT_CACHE = "eventbridge.outbound.client.cache.size";

  private final MeterRegistry registry;
  private final Timer callsSucceeded;
  private final Timer callsFailed;
  private final Counter entryRetries;
  private final Counter eventsPut;

  /**
   * @param registry where the meters go: the runtime's registry (what /actuator/prometheus serves)
   * @param cachedClients how many SDK clients the connector's cache holds, read when scraped
   */
  public OutboundMetrics(MeterRegistry registry, IntSupplier cachedClients) {
    this.registry = registry;
    callsSucceeded = call("success");
    callsFailed = call("failure");
    entryRetries =
        Counter.builder(ENTRY_RETRIES)
            .description("Entries sent again after ThrottlingException or InternalFailure")
            .register(registry);
    eventsPut = events("put", "none");
    Gauge.builder(CLIENT_CACHE, cachedClients::getAsInt)
        .description("EventBridge clients cached by region, endpoint and credentials")
        .register(registry);
  }

  private Timer call(String outcome) {
    return Timer.builder(CALLS)
        .description("PutEvents calls (after the SDK's own retries), by outcome")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  private Counter events(String outcome, String errorCode) {
    return Counter.builder(EVENTS)
        .description("Events of outbound tasks, put or failed by error code")
        .tag("outcome", outcome)
        .tag("error_code", errorCode)
        .register(registry);
  }

  public void call(long nanos, boolean succeeded) {
    (succeeded ? callsSucceeded : callsFailed).record(Duration.ofNanos(nanos));
  }

  public void entriesRetried(int count) {
    entryRetries.increment(count);
  }

  /**
   * What one task attempt ended with. Only the entries this attempt was to send: those an earlier
   * attempt put were counted by that attempt, whatever their result says, so an event is counted as
   * put at most once by the job (a {@code DEDUPLICATED} answer is counted as such, not as put).
   *
   * @param thisAttempt the results of the entries this attempt sent or left unsent
   */
  public void concluded(List<EntryResult> thisAttempt) {
    int put = 0;
    int deduplicated = 0;
    for (EntryResult result : thisAttempt) {
      if (result.errorCode() != null) {
        events("failed", result.errorCode()).increment();
      } else if (EntryResult.DEDUPLICATED.equals(result.successCode())) {
        // The bus already had it: put by an attempt that could not report (a crash, a lost answer).
        deduplicated++;
      } else {
        put++;
      }
    }
    eventsPut.increment(put);
    if (deduplicated > 0) {
      events("deduplicated", "none").increment(deduplicated);
    }
  }

  public void task(long nanos, String outcome) {
    Timer.builder(TASKS)
        .description("Outbound task attempts, by outcome (completed, or the job error code)")
        .tag("outcome", outcome)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
