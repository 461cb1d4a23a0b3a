package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.putevents.PutEventsRules;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * PutEvents on a classic bus through the SDK's client; each entry names its bus.
 *
 * @param endpointId a global endpoint's ID, or null
 */
record ClassicBusCall(EventBridgeClient client, String endpointId) implements BusCall {

  /** The classic bus's quota (the shared rules module states AWS's limits once). */
  static final int MAX_ENTRIES_PER_CALL = PutEventsRules.MAX_ENTRIES;

  @Override
  public Answer put(List<PreparedEntry> pending) {
    List<PutEventsRequestEntry> entries = new ArrayList<>(pending.size());
    for (PreparedEntry entry : pending) {
      entries.add(entry.entry());
    }
    PutEventsResponse response =
        client.putEvents(
            PutEventsRequest.builder().entries(entries).endpointId(endpointId).build());
    List<EntryResult> results = new ArrayList<>(pending.size());
    for (PutEventsResultEntry answer : response.entries()) {
      results.add(
          answer.errorCode() == null
              ? EntryResult.success(answer.eventId())
              : EntryResult.failure(answer.errorCode(), answer.errorMessage()));
    }
    String requestId = response.responseMetadata().requestId();
    return new Answer(results, "UNKNOWN".equals(requestId) ? null : requestId);
  }
}
