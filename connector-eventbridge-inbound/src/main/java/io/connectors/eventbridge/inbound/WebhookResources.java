package io.connectors.eventbridge.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * What the webhooks of one runtime share: the watchdog that cuts correlations short (it owns a
 * thread), the meter registry their meters go to, and the clocks. Whoever creates it owns it and
 * closes it, which stops the watchdog's thread: our runtimes hold one as a Spring bean for all
 * webhooks; an executable that a stock runtime creates through its no-arg constructor holds one of
 * its own from activation to deactivation.
 */
public final class WebhookResources implements AutoCloseable {

  static final String WATCHDOG_THREAD = "eventbridge-webhook-watchdog";

  private final MeterRegistry meterRegistry;
  private final Clock clock;
  private final CorrelationWatchdog watchdog;

  WebhookResources(MeterRegistry meterRegistry, Clock clock, CorrelationWatchdog watchdog) {
    this.meterRegistry = meterRegistry;
    this.clock = clock;
    this.watchdog = watchdog;
  }

  /** On the system clocks, with the watchdog's thread started. */
  public static WebhookResources start(MeterRegistry meterRegistry) {
    return start(meterRegistry, Clock.systemUTC(), System::nanoTime);
  }

  /**
   * @param clock read for signature timestamps
   * @param nanoClock read for time budgets
   */
  static WebhookResources start(MeterRegistry meterRegistry, Clock clock, LongSupplier nanoClock) {
    var watchdog =
        new CorrelationWatchdog(nanoClock).start(WATCHDOG_THREAD, CorrelationWatchdog.PERIOD);
    return new WebhookResources(meterRegistry, clock, watchdog);
  }

  MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  Clock clock() {
    return clock;
  }

  CorrelationWatchdog watchdog() {
    return watchdog;
  }

  /** Whether the watchdog's thread is alive. */
  public boolean running() {
    return watchdog.running();
  }

  /** Stops the watchdog's thread and waits for it to end. */
  @Override
  public void close() {
    watchdog.stop();
  }
}
