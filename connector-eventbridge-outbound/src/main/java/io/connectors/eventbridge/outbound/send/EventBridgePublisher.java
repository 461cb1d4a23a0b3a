package io.connectors.eventbridge.outbound.send;

import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.EventInput;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.AbortedException;
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

    for (List<PreparedEntry> chunk : EntryBatcher.chunk(entries, configuration.effectiveMaxRequestBytes())) {
      try {
        sender.send(client, chunk, endpointId, policy, results, requestIds);
      } catch (AbortedException interrupted) {
        // The SDK reports an interrupted call this way; the job is being cancelled, not failing.
        Thread.currentThread().interrupt();
        throw (InterruptedException) new InterruptedException("interrupted while putting events").initCause(interrupted);
      } catch (RuntimeException e) {
        throw FailureTranslator.requestFailed(e, alreadyPut(results), entries.size());
      }
    }

    PutEventsResult result = PutEventsResult.of(Arrays.asList(results), requestIds);
    if (result.failedEntryCount() > 0) {
      throw FailureTranslator.entriesFailed(result, entries);
    }
    return result;
  }

  /** Entries that EventBridge accepted before the failure: a job retry will put them again. */
  private static List<EntryResult> alreadyPut(EntryResult[] results) {
    return Arrays.stream(results).filter(r -> r != null && !r.failed()).toList();
  }
}
