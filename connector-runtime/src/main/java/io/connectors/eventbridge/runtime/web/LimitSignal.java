package io.connectors.eventbridge.runtime.web;

import io.connectors.eventbridge.inbound.http.WebhookStatus;
import java.time.Duration;

/**
 * What one admitted webhook request tells the {@link AdaptiveConcurrencyLimit} about the engine:
 * whether it kept up with the requests admitted beside it.
 */
enum LimitSignal {
  /** Answered in good time: the engine keeps up with this many requests at once. */
  SUCCESS,
  /** Answered late, or told the sender to come back later: fewer requests at once. */
  DROP,
  /** Says nothing about the engine: a client error (or a bug) answered in good time. */
  IGNORE;

  /**
   * A request that took more than half of its webhook's time budget counts as a drop, whatever its
   * answer: past that point the next requests admitted would run out of the budget and be answered
   * 503 (a retry, and work the engine may still do for nothing). Half, not all of it, so the limit
   * comes down while admitted requests are still answered in time.
   */
  static final int SLOW_DIVISOR = 2;

  /**
   * @param status the answer's HTTP status
   * @param latency from admission to the answer
   * @param timeBudget the webhook's own time budget
   */
  static LimitSignal of(int status, Duration latency, Duration timeBudget) {
    if (latency.compareTo(timeBudget.dividedBy(SLOW_DIVISOR)) > 0) {
      return DROP;
    }
    // 503 is an event not correlated within the budget (NOT_ATTEMPTED, OUTCOME_UNKNOWN), an
    // engine that cannot be reached, or the runtime failing after our answer (RuntimeFailureStage,
    // rare); 429 is the engine's own back-pressure. No other 5xx reaches here from an EventBridge
    // webhook, and one would not move the limit.
    if (status == WebhookStatus.TOO_MANY_REQUESTS || status == WebhookStatus.SERVICE_UNAVAILABLE) {
      return DROP;
    }
    return WebhookStatus.isSuccess(status) ? SUCCESS : IGNORE;
  }
}
