package io.connectors.eventbridge.outbound.send;

import io.camunda.connector.api.error.ConnectorInputException;
import io.connectors.eventbridge.outbound.client.ClientLease;
import io.connectors.eventbridge.outbound.client.EventBridgeClientSupplier;
import io.connectors.eventbridge.outbound.metrics.OutboundMetrics;
import io.connectors.eventbridge.outbound.model.AwsConfiguration;
import io.connectors.eventbridge.outbound.model.ClassicBus;
import io.connectors.eventbridge.outbound.model.CustomEventBus;
import io.connectors.eventbridge.outbound.model.EventBus;
import io.connectors.eventbridge.outbound.model.EventInput;
import io.connectors.eventbridge.outbound.model.PutEventsRequest;
import io.connectors.eventbridge.outbound.progress.AcceptedEvent;
import io.connectors.eventbridge.outbound.progress.JobAttempt;
import io.connectors.eventbridge.outbound.progress.JobProgress;
import io.connectors.eventbridge.outbound.progress.PriorProgress;
import io.connectors.eventbridge.outbound.result.EntryResult;
import io.connectors.eventbridge.outbound.result.PutEventsResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs one attempt of a Put events task: validates, then sends the events that earlier attempts of
 * the same job did not put, then turns what AWS said into a result or an error, and tells the job's
 * {@link JobProgress} how the attempt ended.
 */
public final class EventBridgePublisher {

  private final EntryValidator validator;
  private final EventBridgeClientSupplier clients;
  private final EntrySender sender;
  private final JobProgress progress;
  private final OutboundMetrics metrics;
  private final LongSupplier nanoClock;

  public EventBridgePublisher(
      EntryValidator validator,
      EventBridgeClientSupplier clients,
      EntrySender sender,
      JobProgress progress,
      OutboundMetrics metrics,
      LongSupplier nanoClock) {
    this.validator = validator;
    this.clients = clients;
    this.sender = sender;
    this.progress = progress;
    this.metrics = metrics;
    this.nanoClock = nanoClock;
  }

  /**
   * Validates every event first, so nothing is sent when any of them is invalid.
   *
   * @param attempt what earlier attempts of the job put, as {@link JobProgress#read} found it
   */
  public PutEventsResult publish(PutEventsRequest request, JobAttempt attempt)
      throws InterruptedException {
    AwsConfiguration configuration = request.configuration();
    Deadline deadline = Deadline.after(configuration.timeBudget(), nanoClock);
    EventInput input = request.event();
    List<PreparedEntry> validated =
        validator.prepare(
            input.entries(),
            input.path(),
            configuration.maxRequestBytes(),
            configuration.maxEvents());
    List<PreparedEntry> entries =
        switch (request.bus()) {
          case ClassicBus classic -> {
            ClassicBusEntries.refuseCustomBusFields(input);
            yield validated;
          }
          case CustomEventBus custom ->
              CustomBusEntries.prepare(
                  validated, input, custom, configuration, attempt.elementInstanceKey());
        };
    Map<Integer, EntryResult> putEarlier = putEarlier(entries, attempt.prior());
    List<PreparedEntry> toSend =
        entries.stream().filter(entry -> !putEarlier.containsKey(entry.index())).toList();
    List<List<PreparedEntry>> calls =
        EntryBatcher.chunk(
            toSend, maxEntriesPerCall(request.bus()), configuration.maxRequestBytes());
    Sent sent = send(request, calls, deadline);
    return conclude(entries, putEarlier, sent, attempt);
  }

  private Sent send(PutEventsRequest request, List<List<PreparedEntry>> calls, Deadline deadline)
      throws InterruptedException {
    ClientLease lease;
    try {
      lease = clients.lease(request.authentication(), request.configuration());
    } catch (ConnectorInputException invalid) {
      throw invalid;
    } catch (RuntimeException noClient) {
      // The runtime is shutting down, or the client could not be built: nothing is sent, and the
      // job fails with what earlier attempts put, so that its next attempt still knows.
      return Sent.nothing(new Stop.RequestFailed(noClient));
    }
    try (lease) {
      return sender.send(
          busCall(request, lease),
          calls,
          RetryPolicy.withAttempts(request.configuration().entryAttempts()),
          deadline);
    }
  }

  /** The bus's quota of entries per PutEvents call. */
  private static int maxEntriesPerCall(EventBus bus) {
    return switch (bus) {
      case ClassicBus classic -> ClassicBusCall.MAX_ENTRIES_PER_CALL;
      case CustomEventBus custom -> CustomBusCall.MAX_ENTRIES_PER_CALL;
    };
  }

  private static BusCall busCall(PutEventsRequest request, ClientLease lease) {
    AwsConfiguration configuration = request.configuration();
    return switch (request.bus()) {
      case ClassicBus classic ->
          new ClassicBusCall(
              lease.client(), configuration.hasEndpointId() ? configuration.endpointId() : null);
      case CustomEventBus custom ->
          new CustomBusCall(
              lease.customBus(),
              custom.eventBusArn(),
              CustomBusEntries.requestDeduplication(custom));
    };
  }

  /** The entries that earlier attempts put and that did not change since, with their results. */
  private static Map<Integer, EntryResult> putEarlier(
      List<PreparedEntry> entries, PriorProgress prior) {
    Map<Integer, AcceptedEvent> accepted = prior.byIndex();
    Map<Integer, EntryResult> results = new HashMap<>();
    for (PreparedEntry entry : entries) {
      AcceptedEvent put = accepted.get(entry.index());
      if (put != null && entry.hasHash(put.hash())) {
        results.put(
            entry.index(),
            put.successCode() == null
                ? EntryResult.success(put.eventId())
                : EntryResult.onCustomBus(put.eventId(), put.sequenceNumber(), put.successCode()));
      }
    }
    return results;
  }

  private PutEventsResult conclude(
      List<PreparedEntry> entries,
      Map<Integer, EntryResult> putEarlier,
      Sent sent,
      JobAttempt attempt) {
    EntryResult notSent = EntryResult.notSent(notSentReason(sent.stop()));
    List<EntryResult> results = new ArrayList<>(entries.size());
    List<EntryResult> thisAttempt = new ArrayList<>(entries.size() - putEarlier.size());
    for (PreparedEntry entry : entries) {
      EntryResult earlier = putEarlier.get(entry.index());
      if (earlier != null) {
        results.add(earlier);
      } else {
        EntryResult now = sent.results().getOrDefault(entry.index(), notSent);
        results.add(now);
        thisAttempt.add(now);
      }
    }
    List<String> requestIds = new ArrayList<>(attempt.prior().requestIds());
    requestIds.addAll(sent.requestIds());
    metrics.concluded(thisAttempt);
    TaskOutcome outcome =
        new TaskOutcome(entries, results, putEarlier.size(), requestIds, sent.stop());
    if (outcome.failedCount() > 0) {
      throw FailureTranslator.failed(
          outcome, progress.failed(attempt, new PriorProgress(outcome.accepted(), requestIds)));
    }
    if (!attempt.isFirst()) {
      progress.succeeded(attempt);
    }
    return PutEventsResult.of(results, requestIds);
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
