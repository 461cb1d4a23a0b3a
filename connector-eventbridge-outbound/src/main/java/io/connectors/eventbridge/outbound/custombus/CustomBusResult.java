package io.connectors.eventbridge.outbound.custombus;

import java.util.List;

/**
 * What the bus answered to a PutEvents call (shape {@code PutEventsResponse}).
 *
 * @param entries one per request entry, in the request's order
 * @param requestId the {@code x-amzn-RequestId} header, or null when the answer had none
 */
public record CustomBusResult(
    int failedEntryCount, List<CustomBusEntryResult> entries, String requestId) {

  public CustomBusResult {
    entries = List.copyOf(entries);
  }
}
