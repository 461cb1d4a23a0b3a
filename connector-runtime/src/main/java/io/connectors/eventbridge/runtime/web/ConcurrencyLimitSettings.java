package io.connectors.eventbridge.runtime.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;

/**
 * The bounds of the {@link AdaptiveConcurrencyLimit}, from {@code
 * eventbridge.webhook.concurrency-limit.initial}, {@code .min} and {@code .max}.
 *
 * <p>Defaults, and why:
 *
 * <ul>
 *   <li>initial 16: the local-mode load runs reached the webhook's maximum throughput with 16
 *       callers (docs/benchmarks.md). The limit rises by one per answer in good time while at least
 *       half of it is in use, so it reaches a faster engine's level within a few round trips;
 *       starting too high costs requests that run out of the time budget, starting too low a few
 *       429s.
 *   <li>min 2: low enough for an engine that answers only a few requests within half the budget;
 *       more than one, so a single slow request does not hold back every other one.
 *   <li>max 100: each admitted request holds a web server thread (Tomcat has 200) while it waits on
 *       the engine, so webhooks never take more than half of them from health probes, the local bus
 *       and other connectors' webhooks.
 * </ul>
 *
 * <p>Setting all three to the same value gives a fixed limit.
 *
 * <p>The fixed limit that came before, {@code eventbridge.webhook.max-concurrent-requests}, meant
 * "at most this many at once": when it is still set, it is read as the max (unless the max is set
 * too) and one warning line says so. Defaults the explicit values leave out of order are moved
 * inside them (so {@code max=2} alone gives 2/2/2); explicit values out of order fail start-up.
 */
record ConcurrencyLimitSettings(int initial, int min, int max) {

  static final String PREFIX = "eventbridge.webhook.concurrency-limit.";
  static final String INITIAL = PREFIX + "initial";
  static final String MIN = PREFIX + "min";
  static final String MAX = PREFIX + "max";

  /** The fixed limit before the adaptive one. */
  static final String FIXED_LIMIT = "eventbridge.webhook.max-concurrent-requests";

  static final int DEFAULT_INITIAL = 16;
  static final int DEFAULT_MIN = 2;
  static final int DEFAULT_MAX = 100;

  private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLimitSettings.class);

  ConcurrencyLimitSettings {
    if (min < 1 || initial < min || max < initial) {
      throw new IllegalStateException(
          "The webhook concurrency limit needs 1 <= "
              + MIN
              + " ("
              + min
              + ") <= "
              + INITIAL
              + " ("
              + initial
              + ") <= "
              + MAX
              + " ("
              + max
              + ")");
    }
  }

  static ConcurrencyLimitSettings from(PropertyResolver properties) {
    Integer max = properties.getProperty(MAX, Integer.class);
    Integer fixed = properties.getProperty(FIXED_LIMIT, Integer.class);
    if (fixed != null && max == null) {
      LOG.warn(
          "{} is replaced by the adaptive limit; read as {}={} (rename it)",
          FIXED_LIMIT,
          MAX,
          fixed);
      max = fixed;
    } else if (fixed != null) {
      LOG.warn(
          "{} is replaced by the adaptive limit and ignored, since {} is set", FIXED_LIMIT, MAX);
    }
    int maxLimit = max == null ? DEFAULT_MAX : max;
    Integer min = properties.getProperty(MIN, Integer.class);
    int minLimit = min == null ? Math.min(DEFAULT_MIN, maxLimit) : min;
    Integer initial = properties.getProperty(INITIAL, Integer.class);
    int initialLimit =
        initial == null
            ? Math.clamp(DEFAULT_INITIAL, minLimit, Math.max(minLimit, maxLimit))
            : initial;
    return new ConcurrencyLimitSettings(initialLimit, minLimit, maxLimit);
  }
}
