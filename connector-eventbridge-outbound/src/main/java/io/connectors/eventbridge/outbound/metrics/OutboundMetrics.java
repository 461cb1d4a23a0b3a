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
   * What one task attempt ended with; entries earlier attempts put are not counted again.
   *
   * @param alreadyPut how many of {@code results} earlier attempts of the job had put
   */
  public void concluded(List<EntryResult> results, int alreadyPut) {
    int putNow = -alreadyPut;
    int deduplicated = 0;
    for (EntryResult result : results) {
      if (result.errorCode() != null) {
        events("failed", result.errorCode()).increment();
      } else if (EntryResult.DEDUPLICATED.equals(result.successCode())) {
        // A Custom Event Bus already had it (an earlier attempt put it): counted when it was put.
        deduplicated++;
      } else {
        putNow++;
      }
    }
    eventsPut.increment(Math.max(putNow, 0));
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
