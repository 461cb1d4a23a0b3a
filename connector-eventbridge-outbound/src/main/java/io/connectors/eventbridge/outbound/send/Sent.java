package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.result.EntryResult;
import java.util.List;
import java.util.Map;

/**
 * What sending a task's entries came to.
 *
 * @param results the result of every entry that was sent, by its index in the task's input; an
 *     entry without one was not sent
 * @param requestIds one AWS request ID per PutEvents call, in call order
 * @param stop why sending stopped
 */
record Sent(Map<Integer, EntryResult> results, List<String> requestIds, Stop stop) {

  Sent {
    results = Map.copyOf(results);
    requestIds = List.copyOf(requestIds);
  }

  /** Nothing was sent, for the given reason. */
  static Sent nothing(Stop stop) {
    return new Sent(Map.of(), List.of(), stop);
  }
}
