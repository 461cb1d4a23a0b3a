package io.connectors.eventbridge.outbound.progress;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What earlier attempts of this job already put, and the PutEvents request IDs they used. */
public record PriorProgress(List<AcceptedEvent> accepted, List<String> requestIds) {

  public static final PriorProgress NONE = new PriorProgress(List.of(), List.of());

  public PriorProgress {
    accepted = List.copyOf(accepted);
    requestIds = List.copyOf(requestIds);
  }

  /** The accepted events by input index. */
  public Map<Integer, AcceptedEvent> byIndex() {
    Map<Integer, AcceptedEvent> map = new HashMap<>();
    accepted.forEach(event -> map.put(event.index(), event));
    return map;
  }
}
