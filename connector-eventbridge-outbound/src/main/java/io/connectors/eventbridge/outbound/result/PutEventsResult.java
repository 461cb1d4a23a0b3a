package io.connectors.eventbridge.outbound.result;

import java.util.List;

/**
 * What the task returns. {@code entries} follows the order of the input events; {@code requestIds}
 * has one AWS request ID per PutEvents call, and {@code requestId} is the first of them.
 */
public record PutEventsResult(
    int failedEntryCount,
    List<EntryResult> entries,
    List<String> eventIds,
    String requestId,
    List<String> requestIds) {

  public static PutEventsResult of(List<EntryResult> entries, List<String> requestIds) {
    int failed = (int) entries.stream().filter(EntryResult::failed).count();
    List<String> eventIds =
        entries.stream().filter(e -> !e.failed()).map(EntryResult::eventId).toList();
    return new PutEventsResult(
        failed,
        List.copyOf(entries),
        eventIds,
        requestIds.isEmpty() ? null : requestIds.getFirst(),
        List.copyOf(requestIds));
  }
}
