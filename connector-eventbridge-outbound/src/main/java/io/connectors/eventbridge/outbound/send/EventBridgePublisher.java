package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.EventInput;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Validates, packs and sends a task's events, then turns what AWS said into a result or an error. */
public final class EventBridgePublisher {

  private final EntryValidator validator;
  private final ChunkSender sender;

  public EventBridgePublisher(EntryValidator validator, ChunkSender sender) {
    this.validator = validator;
    this.sender = sender;
  }

  /** Checks the events without sending them. */
  public List<PreparedEntry> prepare(EventInput input, AwsConfiguration configuration) {
    return validator.prepare(input.entries(), input.path(), configuration.effectiveMaxRequestBytes());
  }

  public PutEventsResult publish(EventBridgeClient client, List<PreparedEntry> entries, AwsConfiguration configuration)
      throws InterruptedException {
    RetryPolicy policy = RetryPolicy.withAttempts(configuration.effectiveEntryAttempts());
    String endpointId = configuration.hasEndpointId() ? configuration.endpointId() : null;
    EntryResult[] results = new EntryResult[entries.size()];
    List<String> requestIds = new ArrayList<>();

    int sent = 0;
    for (List<PreparedEntry> chunk : EntryBatcher.chunk(entries, configuration.effectiveMaxRequestBytes())) {
      ChunkSender.ChunkOutcome outcome;
      try {
        outcome = sender.send(client, chunk, endpointId, policy);
      } catch (RuntimeException e) {
        throw FailureTranslator.requestFailed(e, sentSoFar(results, sent), entries.size());
      }
      for (int i = 0; i < chunk.size(); i++) {
        results[chunk.get(i).index()] = outcome.results().get(i);
      }
      sent += chunk.size();
      requestIds.addAll(outcome.requestIds());
    }

    PutEventsResult result = PutEventsResult.of(Arrays.asList(results), requestIds);
    if (result.failedEntryCount() > 0) {
      throw FailureTranslator.entriesFailed(result, entries);
    }
    return result;
  }

  private static List<EntryResult> sentSoFar(EntryResult[] results, int count) {
    return Arrays.asList(results).subList(0, count);
  }
}
