package io.connectors.eventbridge.inbound;

import io.connectors.eventbridge.inbound.envelope.DeliveredEvent;
import java.util.List;
import java.util.Map;

/**
 * A request that admission let through, with everything the later stages need: its events (one, or
 * a batch when the body was a JSON array), each read in the webhook's delivery form, and its
 * headers and query parameters as they may reach process variables, credentials removed.
 */
record AdmittedRequest(
    List<DeliveredEvent> events,
    boolean batch,
    Map<String, String> headers,
    Map<String, String> params) {

  @Override
  public String toString() {
    // Events, headers and parameters can hold anything the sender put there.
    return "AdmittedRequest[events=" + events.size() + ", batch=" + batch + "]";
  }
}
