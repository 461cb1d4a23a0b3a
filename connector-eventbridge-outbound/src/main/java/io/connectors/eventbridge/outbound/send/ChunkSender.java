package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.result.EntryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Sends one chunk (at most ten entries) with PutEvents and re-sends, with backoff, only the entries
 * that failed with a retryable code. A whole-request failure (network, 5xx, access denied) is left
 * to the SDK's own retries and then propagates.
 */
public final class ChunkSender {

  private final Sleeper sleeper;
  private final OutboundMetrics metrics;

  public ChunkSender(Sleeper sleeper, OutboundMetrics metrics) {
    this.sleeper = sleeper;
    this.metrics = metrics;
  }

  /**
   * Sends the chunk and writes each entry's final result into {@code results} at the entry's {@link
   * PreparedEntry#index()} as soon as it is known, so that a later attempt that fails as a whole
   * does not lose what earlier attempts already put. Request IDs go to {@code requestIds}.
   *
   * @return false when retries were cut short because the pause before the next one would pass the
   *     deadline; the entries still pending then carry their last error
   */
  public boolean send(
      EventBridgeClient client,
      List<PreparedEntry> chunk,
      String endpointId,
      RetryPolicy policy,
      Deadline deadline,
      EntryResult[] results,
      List<String> requestIds)
      throws InterruptedException {
    List<Integer> pending = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      pending.add(i);
    }

    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<PutEventsRequestEntry> entries = new ArrayList<>(pending.size());
      for (int index : pending) {
        entries.add(chunk.get(index).entry());
      }
      PutEventsResponse response;
      long start = System.nanoTime();
      try {
        response =
            client.putEvents(
                PutEventsRequest.builder().entries(entries).endpointId(endpointId).build());
      } catch (RuntimeException failed) {
        metrics.call(System.nanoTime() - start, false);
        throw failed;
      }
      metrics.call(System.nanoTime() - start, true);
      String requestId = response.responseMetadata().requestId();
      if (requestId != null && !"UNKNOWN".equals(requestId)) {
        requestIds.add(requestId);
      }
      List<PutEventsResultEntry> answered = response.entries();
      if (answered.size() != pending.size()) {
        throw new UnexpectedResponseException(
            "PutEvents answered " + answered.size() + " entries for " + pending.size() + " sent");
      }

      List<Integer> retry = new ArrayList<>();
      Duration pause = policy.delayAfter(attempt, ThreadLocalRandom.current());
      boolean outOfTime = !deadline.allows(pause);
      boolean lastAttempt = attempt >= policy.maxAttempts() || outOfTime;
      for (int i = 0; i < answered.size(); i++) {
        PutEventsResultEntry entry = answered.get(i);
        int index = pending.get(i);
        if (entry.errorCode() == null) {
          results[chunk.get(index).index()] = EntryResult.success(entry.eventId());
        } else if (RetryPolicy.isRetryable(entry.errorCode()) && !lastAttempt) {
          retry.add(index);
        } else {
          results[chunk.get(index).index()] =
              EntryResult.failure(entry.errorCode(), entry.errorMessage());
        }
      }
      if (outOfTime
          && answered.stream().anyMatch(e -> RetryPolicy.isRetryable(e.errorCode()))
          && attempt < policy.maxAttempts()) {
        return false;
      }
      pending = retry;
      if (!pending.isEmpty()) {
        metrics.entriesRetried(pending.size());
        sleeper.sleep(pause);
      }
    }
    return true;
  }
}
