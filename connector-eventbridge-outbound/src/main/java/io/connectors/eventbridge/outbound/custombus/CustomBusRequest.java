package io.connectors.eventbridge.outbound.custombus;

import java.util.List;
import java.util.Objects;

/**
 * One PutEvents call on a Custom Event Bus (model {@code eventbridgev2} 2025-05-15, shape {@code
 * PutEventsRequest}).
 *
 * @param eventBusArn {@code arn:aws:events:{region}:{account}:event-busv2/{name}/{id}}
 * @param entries 1 to 100 entries, answered in the same order
 * @param deduplication how the bus recognises a repeated entry
 */
public record CustomBusRequest(
    String eventBusArn, List<CustomBusEntry> entries, RequestDeduplication deduplication) {

  public CustomBusRequest {
    Objects.requireNonNull(eventBusArn, "eventBusArn");
    Objects.requireNonNull(deduplication, "deduplication");
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("A PutEvents request needs at least one entry");
    }
  }
}
