package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.result.EntryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Sends a task's entries in as few PutEvents calls as the quotas allow ({@link EntryBatcher}) and
 * re-sends, with backoff, only the entries that failed with a retryable code. A whole-request
 * failure (network, 5xx, access denied) is left to the SDK's own retries and then ends the sending,
 * as the task's time budget does; what was put until then is kept in the answer either way.
 */
public final class EntrySender {

  private final Sleeper sleeper;
  private final OutboundMetrics metrics;

  public EntrySender(Sleeper sleeper, OutboundMetrics metrics) {
    this.sleeper = sleeper;
    this.metrics = metrics;
  }

  /**
   * @throws InterruptedException when the job is cancelled during a call or a pause
   */
  Sent send(
      EventBridgeClient client,
      List<PreparedEntry> entries,
      AwsConfiguration configuration,
      Deadline deadline)
      throws InterruptedException {
    var sending = new Sending(client, configuration, deadline);
    for (List<PreparedEntry> chunk : EntryBatcher.chunk(entries, configuration.maxRequestBytes())) {
      if (deadline.passed()) {
        return sending.stopped(new Stop.OutOfTime(deadline.budget()));
      }
      Stop stop;
      try {
        stop = sending.chunk(chunk);
      } catch (AbortedException interrupted) {
        // The SDK reports an interrupted call this way; the job is being cancelled, not failing.
        Thread.currentThread().interrupt();
        throw (InterruptedException)
            new InterruptedException("interrupted while putting events").initCause(interrupted);
      } catch (RuntimeException failed) {
        stop = new Stop.RequestFailed(failed);
      }
      if (!(stop instanceof Stop.Finished)) {
        return sending.stopped(stop);
      }
    }
    return sending.stopped(new Stop.Finished());
  }

  /** One task's sending: what it has put or been refused so far. */
  private final class Sending {

    private final EventBridgeClient client;
    private final String endpointId;
    private final RetryPolicy policy;
    private final Deadline deadline;
    private final Map<Integer, EntryResult> results = new HashMap<>();
    private final List<String> requestIds = new ArrayList<>();

    Sending(EventBridgeClient client, AwsConfiguration configuration, Deadline deadline) {
      this.client = client;
      this.endpointId = configuration.hasEndpointId() ? configuration.endpointId() : null;
      this.policy = RetryPolicy.withAttempts(configuration.entryAttempts());
      this.deadline = deadline;
    }

    /**
     * Sends one chunk (at most ten entries) until every entry has its final result. Each final
     * result is kept as soon as it is known, so that a later call that fails as a whole does not
     * lose what earlier calls put; an entry awaiting a retry then has none: it was not sent.
     *
     * @return {@link Stop.OutOfTime} when the pause before the next retry would pass the deadline;
     *     the entries still pending then keep their last error
     */
    Stop chunk(List<PreparedEntry> chunk) throws InterruptedException {
      List<PreparedEntry> pending = chunk;
      for (int attempt = 1; ; attempt++) {
        List<PutEventsResultEntry> answered = call(pending);
        boolean lastAttempt = attempt >= policy.maxAttempts();
        Map<PreparedEntry, PutEventsResultEntry> retry = new LinkedHashMap<>();
        for (int i = 0; i < answered.size(); i++) {
          PutEventsResultEntry answer = answered.get(i);
          if (answer.errorCode() == null) {
            results.put(pending.get(i).index(), EntryResult.success(answer.eventId()));
          } else if (!lastAttempt
              && ErrorCodes.RETRYABLE_ENTRY_CODES.contains(answer.errorCode())) {
            retry.put(pending.get(i), answer);
          } else {
            failed(pending.get(i), answer);
          }
        }
        if (retry.isEmpty()) {
          return new Stop.Finished();
        }
        Duration pause = policy.delayAfter(attempt, ThreadLocalRandom.current());
        if (!deadline.allows(pause)) {
          retry.forEach(this::failed);
          return new Stop.OutOfTime(deadline.budget());
        }
        metrics.entriesRetried(retry.size());
        sleeper.sleep(pause);
        pending = List.copyOf(retry.keySet());
      }
    }

    private void failed(PreparedEntry entry, PutEventsResultEntry answer) {
      results.put(entry.index(), EntryResult.failure(answer.errorCode(), answer.errorMessage()));
    }

    private List<PutEventsResultEntry> call(List<PreparedEntry> pending) {
      List<PutEventsRequestEntry> entries = new ArrayList<>(pending.size());
      for (PreparedEntry entry : pending) {
        entries.add(entry.entry());
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
      if (response.entries().size() != pending.size()) {
        throw new UnexpectedResponseException(
            "PutEvents answered "
                + response.entries().size()
                + " entries for "
                + pending.size()
                + " sent");
      }
      return response.entries();
    }

    Sent stopped(Stop stop) {
      return new Sent(results, requestIds, stop);
    }
  }
}
