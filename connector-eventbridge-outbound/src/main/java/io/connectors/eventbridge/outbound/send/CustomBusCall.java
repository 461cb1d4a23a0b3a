package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.custombus.CustomBusEntry;
import io.connectors.eventbridge.outbound.custombus.CustomBusEntryResult;
import io.connectors.eventbridge.outbound.custombus.CustomBusPutEvents;
import io.connectors.eventbridge.outbound.custombus.CustomBusRequest;
import io.connectors.eventbridge.outbound.custombus.CustomBusResult;
import io.connectors.eventbridge.outbound.custombus.RequestDeduplication;
import io.connectors.eventbridge.outbound.result.EntryResult;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** PutEvents on a Custom Event Bus, addressed by its ARN for every entry of the task. */
record CustomBusCall(CustomBusPutEvents bus, String eventBusArn, RequestDeduplication deduplication)
    implements BusCall {

  /**
   * The model's limit ({@code PutEventsRequestEntryList}: 1 to 100 members), which the API
   * reference states as well:
   * https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PutEvents.html
   */
  static final int MAX_ENTRIES_PER_CALL = 100;

  // Request size: the quota page
  // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html,
  // "Custom Event Bus quotas") keeps this bus's fixed API limits apart from the classic bus's, but
  // the text we could read of it names no request size, nor does the model (Detail has no length
  // limit there). So calls are sized as on a classic bus, with AWS's entry-size formula plus the
  // UTF-8 bytes of each entry's EventGroupId and DeduplicationId (PreparedEntry#withSystemMetadata)
  // and the configurable configuration.maxRequestBytes (1 MiB by default); an entry the bus finds
  // too large
  // fails with its own error code, reported as any rejected entry.

  @Override
  public Answer put(List<PreparedEntry> pending) {
    List<CustomBusEntry> entries = new ArrayList<>(pending.size());
    for (PreparedEntry entry : pending) {
      entries.add(toWire(entry));
    }
    CustomBusResult result =
        bus.putEvents(new CustomBusRequest(eventBusArn, entries, deduplication));
    List<EntryResult> results = new ArrayList<>(result.entries().size());
    for (CustomBusEntryResult answer : result.entries()) {
      results.add(
          switch (answer) {
            case CustomBusEntryResult.Published published ->
                EntryResult.onCustomBus(
                    published.eventId(), published.sequenceNumber(), EntryResult.PUBLISHED);
            case CustomBusEntryResult.Deduplicated deduplicated ->
                EntryResult.onCustomBus(
                    deduplicated.eventId(),
                    deduplicated.sequenceNumber(),
                    EntryResult.DEDUPLICATED);
            case CustomBusEntryResult.Failed failed ->
                EntryResult.failure(failed.errorCode(), failed.errorMessage());
          });
    }
    return new Answer(results, result.requestId());
  }

  /** The validated entry's fields; the bus name and trace header do not exist on this bus. */
  private static CustomBusEntry toWire(PreparedEntry prepared) {
    PutEventsRequestEntry entry = prepared.entry();
    return new CustomBusEntry(
        entry.source(),
        entry.detailType(),
        entry.detail(),
        entry.hasResources() ? entry.resources() : null,
        entry.time(),
        prepared.eventGroupId(),
        prepared.deduplicationId());
  }
}
