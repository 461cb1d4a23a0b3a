package io.connectors.eventbridge.runtime.web;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How many EventBridge webhook requests the runtime lets wait on the engine at once, adapted to how
 * fast the engine answers them. One per runtime, shared by all webhooks.
 *
 * <p>A fixed limit does not know how fast the engine is answering. Past the engine's capacity the
 * admitted requests queue on the engine and run out of their webhook's time budget, so they are
 * answered 503 and retried while the engine may still do their work: at 1.25 times capacity with
 * the fixed limit of 64, 7.6 attempts per event, 29 % of answers 503, p50 39 s (measured for issue
 * 17). Shedding the excess at once with 429 instead, and admitting only as many as the engine
 * answers within the budget, keeps every admitted request useful.
 *
 * <p>The algorithm is the library's AIMD ({@link AIMDLimit}): one more place for each request
 * answered in good time while at least half the limit is in use, and the limit times 0.9 for each
 * {@link LimitSignal#DROP drop}: a request that took more than half of its webhook's time budget,
 * or was answered 429/503. {@code Gradient2Limit} was the alternative and is not used: it adapts to
 * the ratio of recent to long-term latency, so under sustained overload its long-term latency
 * drifts up and the limit with it, and it ignores drops, so neither the absolute budget nor the
 * engine's 429s would bring it down. A model of an engine of fixed throughput behind the limiter
 * (tools/limit-model: 12 events/s offered 1.25 times that, EventBridge-like retries, 5 minutes; a
 * model, not a measurement) showed the difference: AIMD settled near 18 and kept goodput at the
 * engine's capacity with no 503; Gradient2 climbed to its max and 99 % of the admitted requests ran
 * out of the budget, as all of them did with the fixed 64. Below capacity, or with an engine fast
 * enough to answer the max within half the budget, all three did alike.
 *
 * <p>The library limit's own timeout is disabled: each webhook has its own budget, so the slowness
 * rule is applied here, per request ({@link LimitSignal}).
 */
@Component
class AdaptiveConcurrencyLimit {

  static final String LIMIT = "eventbridge.webhook.concurrency.limit";
  static final String IN_FLIGHT = "eventbridge.webhook.concurrency.in.flight";
  static final String SHED = "eventbridge.webhook.shed";

  private final SimpleLimiter<Void> limiter;
  private final LongSupplier nanoClock;
  private final Counter shed;
  private final ShedRetryAfter retryAfter;

  @Autowired
  AdaptiveConcurrencyLimit(Environment environment, MeterRegistry registry) {
    this(ConcurrencyLimitSettings.from(environment), registry, System::nanoTime);
  }

  /**
   * @param nanoClock read when a request is admitted and when it is answered; tests drive it
   */
  AdaptiveConcurrencyLimit(
      ConcurrencyLimitSettings settings, MeterRegistry registry, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.retryAfter = new ShedRetryAfter(nanoClock);
    this.limiter =
        SimpleLimiter.newBuilder()
            .named("eventbridge-webhooks")
            .nanoClock(nanoClock)
            .limit(
                AIMDLimit.newBuilder()
                    .initialLimit(settings.initial())
                    .minLimit(settings.min())
                    .maxLimit(settings.max())
                    .timeout(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
                    .build())
            .build();
    Gauge.builder(LIMIT, limiter, SimpleLimiter::getLimit)
        .description("Webhook requests the runtime currently admits at once")
        .register(registry);
    Gauge.builder(IN_FLIGHT, limiter, SimpleLimiter::getInflight)
        .description("Webhook requests admitted and not yet answered")
        .register(registry);
    shed =
        Counter.builder(SHED)
            .description("Webhook requests answered 429 at once because the limit was reached")
            .register(registry);
  }

  /**
   * A place for one request, or empty (and counted as shed) when the limit is reached; then answer
   * with {@link #retryAfterSeconds()}.
   */
  Optional<Admission> tryAdmit() {
    Optional<Limiter.Listener> listener = limiter.acquire(null);
    if (listener.isEmpty()) {
      shed.increment();
      return Optional.empty();
    }
    retryAfter.admitted();
    return Optional.of(new Admission(listener.get(), nanoClock.getAsLong()));
  }

  /** The {@code Retry-After} of a request just shed, in seconds ({@link ShedRetryAfter}). */
  int retryAfterSeconds() {
    return retryAfter.shed();
  }

  int limit() {
    return limiter.getLimit();
  }

  int inFlight() {
    return limiter.getInflight();
  }

  /** One admitted request's place; give it back exactly once. */
  final class Admission {

    private final Limiter.Listener listener;
    private final long admittedAt;

    private Admission(Limiter.Listener listener, long admittedAt) {
      this.listener = listener;
      this.admittedAt = admittedAt;
    }

    /** The request was answered: the answer and its latency against the budget move the limit. */
    void answered(int status, Duration timeBudget) {
      var latency = Duration.ofNanos(nanoClock.getAsLong() - admittedAt);
      switch (LimitSignal.of(status, latency, timeBudget)) {
        case SUCCESS -> listener.onSuccess();
        case DROP -> listener.onDropped();
        case IGNORE -> listener.onIgnore();
      }
    }

    /**
     * The request ended in an exception the web layer did not turn into an answer (a client that
     * went away, for one): it says nothing about the engine.
     */
    void abandoned() {
      listener.onIgnore();
    }
  }
}
