package io.connectors.eventbridge.runtime.local.bus.custombus;

import io.connectors.eventbridge.outbound.custombus.CustomBusEntryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events accepted within the deduplication window, by deduplication key: a repeat within the
 * window is answered with the first event's ID and sequence number. EventBridge suppresses repeats
 * for 5 minutes (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-ordering.html">Ordering
 * and deduplicating events</a>). Not thread-safe: the bus calls it under its own lock.
 */
final class DeduplicationWindow {

  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private record Accepted(CustomBusEntryResult.Published event, Instant expires) {}

  private final Duration window;
  // Insertion order is expiry order, since every key is kept for the same window.
  private final Map<DeduplicationKey, Accepted> accepted = new LinkedHashMap<>();

  DeduplicationWindow(Duration window) {
    this.window = window;
  }

  /** The event first accepted under {@code key} within the window before {@code now}, if any. */
  Optional<CustomBusEntryResult.Published> repeatOf(DeduplicationKey key, Instant now) {
    forgetExpired(now);
    return Optional.ofNullable(accepted.get(key)).map(Accepted::event);
  }

  void remember(DeduplicationKey key, CustomBusEntryResult.Published event, Instant now) {
    accepted.put(key, new Accepted(event, now.plus(window)));
  }

  private void forgetExpired(Instant now) {
    Iterator<Accepted> oldestFirst = accepted.values().iterator();
    while (oldestFirst.hasNext() && !oldestFirst.next().expires().isAfter(now)) {
      oldestFirst.remove();
    }
  }
}
