package io.connectors.eventbridge.inbound.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One HTTP delivery: a single event, or a batch when the body was a JSON array (the 2026 custom
 * event bus HTTP targets batch events that way).
 */
public record Delivery(List<JsonNode> events, boolean batch) {
  public Delivery {
    events = List.copyOf(events);
  }
}
