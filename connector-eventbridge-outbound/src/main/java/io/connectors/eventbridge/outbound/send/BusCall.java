package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.result.EntryResult;
import java.util.List;

/**
 * One PutEvents call on the bus a task addresses, whichever kind it is, so that entry retries, the
 * time budget and the failure translation are the same for both. How many entries one call takes is
 * the bus's quota, which the publisher applies when it packs the calls ({@link EntryBatcher}).
 */
sealed interface BusCall permits ClassicBusCall, CustomBusCall {

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
