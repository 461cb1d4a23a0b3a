package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.EventInput;
import io.connectors.eventbridge.outbound.progress.AcceptedEvent;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.progress.PriorProgress;
import io.connectors.eventbridge.outbound.progress.ProgressStore;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Validates, packs and sends a task's events, skipping those an earlier attempt of the same job
 * already put, then turns what AWS said into a result or an error.
 */
public final class EventBridgePublisher {

  private final EntryValidator validator;
  private final ChunkSender sender;
  private final ProgressStore store;
  private final OutboundMetrics metrics;

  public EventBridgePublisher(
      EntryValidator validator, ChunkSender sender, ProgressStore store, OutboundMetrics metrics) {
    this.validator = validator;
    this.sender = sender;
    this.store = store;
    this.metrics = metrics;
  }

  /** Checks the events without sending them. */
  public List<PreparedEntry> prepare(EventInput input, AwsConfiguration configuration) {
    return validator.prepare(
        input.entries(),
        input.path(),
        configuration.effectiveMaxRequestBytes(),
        configuration.effectiveMaxEvents());
  }

  public PutEventsResult publish(
      EventBridgeClient client,
      List<PreparedEntry> entries,
      AwsConfiguration configuration,
      JobAttempt attempt,
      Deadline deadline)
      throws InterruptedException {
    RetryPolicy policy = RetryPolicy.withAttempts(configuration.effectiveEntryAttempts());
    String endpointId = configuration.hasEndpointId() ? configuration.endpointId() : null;
    EntryResult[] results = new EntryResult[entries.size()];

    attempt = store.complete(attempt);
    List<PreparedEntry> toSend = takeEarlierResults(entries, attempt, results);
    List<String> requestIds = new ArrayList<>(attempt.prior().requestIds());
    int putByEarlierAttempts = entries.size() - toSend.size();

    Stop stop = new Stop.Finished();
    for (List<PreparedEntry> chunk :
        EntryBatcher.chunk(toSend, configuration.effectiveMaxRequestBytes())) {
      if (deadline.passed()) {
        stop = new Stop.OutOfTime(configuration.effectiveTimeBudget());
        break;
      }
      try {
        if (!sender.send(client, chunk, endpointId, policy, deadline, results, requestIds)) {
          stop = new Stop.OutOfTime(configuration.effectiveTimeBudget());
          break;
        }
      } catch (AbortedException interrupted) {
        // The SDK reports an interrupted call this way; the job is being cancelled, not failing.
        Thread.currentThread().interrupt();
        throw (InterruptedException)
            new InterruptedException("interrupted while putting events").initCause(interrupted);
      } catch (RuntimeException e) {
        stop = new Stop.RequestFailed(e);
        break;
      }
    }

    return conclude(entries, results, putByEarlierAttempts, requestIds, attempt, stop);
  }

  /**
   * No client could be had (the runtime is shutting down, the client could not be built): nothing
   * is sent, and the job fails with what earlier attempts put, so its next attempt still knows.
   */
  public PutEventsResult withoutClient(
      List<PreparedEntry> entries, JobAttempt attempt, RuntimeException cause) {
    attempt = store.complete(attempt);
    EntryResult[] results = new EntryResult[entries.size()];
    int putByEarlierAttempts =
        entries.size() - takeEarlierResults(entries, attempt, results).size();
    return conclude(
        entries,
        results,
        putByEarlierAttempts,
        new ArrayList<>(attempt.prior().requestIds()),
        attempt,
        new Stop.RequestFailed(cause));
  }

  /** Fills in the entries earlier attempts put; returns the others, still to send. */
  private static List<PreparedEntry> takeEarlierResults(
      List<PreparedEntry> entries, JobAttempt attempt, EntryResult[] results) {
    Map<Integer, AcceptedEvent> earlier = attempt.prior().byIndex();
    List<PreparedEntry> toSend = new ArrayList<>(entries.size());
    for (PreparedEntry entry : entries) {
      AcceptedEvent put = earlier.get(entry.index());
      if (put != null && put.hash().equals(entry.hash())) {
        results[entry.index()] = EntryResult.success(put.eventId());
      } else {
        toSend.add(entry);
      }
    }
    return toSend;
  }

  private PutEventsResult conclude(
      List<PreparedEntry> entries,
      EntryResult[] results,
      int putByEarlierAttempts,
      List<String> requestIds,
      JobAttempt attempt,
      Stop stop) {
    EntryResult notSent = EntryResult.notSent(notSentReason(stop));
    List<EntryResult> complete = Arrays.stream(results).map(r -> r != null ? r : notSent).toList();
    metrics.concluded(complete, putByEarlierAttempts);
    TaskOutcome outcome =
        new TaskOutcome(
            entries,
            complete,
            putByEarlierAttempts,
            requestIds,
            attempt.elementInstanceKey(),
            stop);
    if (outcome.failedCount() > 0) {
      store.remember(
          attempt.elementInstanceKey(), new PriorProgress(outcome.accepted(), requestIds));
      throw FailureTranslator.failed(outcome);
    }
    store.forget(attempt.elementInstanceKey());
    return PutEventsResult.of(complete, requestIds);
  }

  private static String notSentReason(Stop stop) {
    return switch (stop) {
      case Stop.Finished finished -> "not sent";
      case Stop.RequestFailed failed ->
          "not sent: a PutEvents call of this task failed as a whole, or no client could be had";
      case Stop.OutOfTime outOfTime ->
          "not sent: the task's time budget of " + outOfTime.budget().toSeconds() + " s ran out";
    };
  }
}
