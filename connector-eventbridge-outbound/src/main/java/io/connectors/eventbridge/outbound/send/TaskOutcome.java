package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.progress.AcceptedEvent;
import io.connectors.eventbridge.outbound.result.EntryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What one job attempt ends with: a result for every input entry, in input order, including those
 * earlier attempts put and those this attempt never sent.
 */
record TaskOutcome(
    List<PreparedEntry> entries,
    List<EntryResult> results,
    int putByEarlierAttempts,
    List<String> requestIds,
    Stop stop) {

  int putCount() {
    return (int) results.stream().filter(r -> !r.failed()).count();
  }

  int failedCount() {
    return results.size() - putCount();
  }

  /** The put entries, with what identifies their content, for the next attempt. */
  List<AcceptedEvent> accepted() {
    List<AcceptedEvent> accepted = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).failed()) {
        EntryResult put = results.get(i);
        accepted.add(
            new AcceptedEvent(
                i, put.eventId(), entries.get(i).hash(), put.sequenceNumber(), put.successCode()));
      }
    }
    return accepted;
  }
}
