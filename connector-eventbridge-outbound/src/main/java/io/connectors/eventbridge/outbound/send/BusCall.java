package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.result.EntryResult;
import java.util.List;

/**
 * One PutEvents call on the bus a task addresses, whichever kind it is, so that batching, entry
 * retries, the time budget and the failure translation are the same for both.
 */
sealed interface BusCall permits ClassicBusCall, CustomBusCall {

  /** The bus's quota of entries per call. */
  int maxEntriesPerCall();

  /**
   * @return one result per entry, in the entries' order
   * @throws RuntimeException when the call failed as a whole (see {@link RequestFailures})
   */
  Answer put(List<PreparedEntry> entries);

  /**
   * @param requestId AWS's request ID, or null when the answer carried none
   */
  record Answer(List<EntryResult> entries, String requestId) {}
}
