package io.connectors.eventbridge.runtime.local.bus.rules;

import java.time.Duration;
import java.util.List;

/**
 * A Custom Event Bus subscriber of the local bus, shaped like {@code CreateSubscriber}: the bus it
 * watches, its filters (all must match), one HTTP target, the transformer, the retry policy and the
 * ordering type. See <a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-subscribers.html">Subscribing
 * to events on a Custom Event Bus</a>.
 *
 * @param eventBusName the bus's name, the {@code {name}} of its ARN {@code
 *     ...:event-busv2/{name}/{id}}
 * @param invocationTimeout how long the target has to answer ({@code InvocationTimeoutSeconds}, 1
 *     to 30 s)
 */
public record Subscriber(
    String name,
    String eventBusName,
    List<Filter> filters,
    RuleTarget target,
    Duration invocationTimeout,
    Transformer transformer,
    RetryPolicy retryPolicy,
    Ordering ordering) {

  /** A {@code Filter}: an event pattern on one part of the event. */
  public record Filter(Scope scope, String pattern) {}

  /** Which part of the delivered event a filter's pattern is written against. */
  public enum Scope {
    /** The payload: for PutEvents, the envelope with the caller's payload under {@code detail}. */
    DATA,
    /** The caller's metadata, which PutEvents events do not have (an empty object). */
    METADATA,
    /** The fields the bus assigns ({@code aws:EventId}, {@code EventGroupId}, ...). */
    SYSTEM_METADATA
  }

  /** {@code Transformer.Type}; {@code JSONATA} is not offered by the local bus. */
  public enum Transformer {
    /** The published data alone: for PutEvents, the classic-style envelope. */
    RAW,
    /** {@code Data}, {@code Metadata} and {@code SystemMetadata} in one JSON object. */
    WITH_METADATA
  }

  /** The subscriber's {@code Type}. */
  public enum Ordering {
    /** In publishing order within an event group; a group waits while its event is retried. */
    FIFO,
    /** No order: every event is delivered as soon as it is accepted. */
    UNORDERED
  }

  /**
   * {@code RetryPolicy} with the model's ranges and defaults ({@code RetryStrategy ALL}: every
   * failure is retried).
   *
   * @param maxRetryAttempts retries after the first attempt, 0 to 185 (default 5)
   * @param maxEventAge age after which retries stop, 60 s to 24 h (default 300 s)
   */
  public record RetryPolicy(int maxRetryAttempts, Duration maxEventAge) {
    public static final int DEFAULT_MAX_RETRY_ATTEMPTS = 5;
    public static final int DEFAULT_MAX_EVENT_AGE_SECONDS = 300;
  }
}
