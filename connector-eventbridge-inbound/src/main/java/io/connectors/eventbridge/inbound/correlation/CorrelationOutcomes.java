package io.connectors.eventbridge.inbound.correlation;

import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.InternalClientException;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.CorrelationResult.Failure;
import io.camunda.connector.api.inbound.CorrelationResult.Success;
import io.camunda.connector.feel.FeelEngineWrapperException;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.WebhookStatus;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one mapping from the runtime's correlation result to what the sender must do next.
 *
 * <p>Only engine trouble is retryable: back-pressure is 429, an unreachable or failing engine 503
 * (both retried by EventBridge for up to a day). Everything about the event itself is a 4xx, which
 * EventBridge does not retry: an expression of the element that fails for this event (the 8.8
 * runtime returns {@code Failure.Other} for a failing result expression and {@code InvalidInput}
 * for a failing activation condition), a message ID that evaluates to null, a command the engine
 * refuses. A consumed-but-unmatched event is 202.
 *
 * <p>Reasons are fixed sentences of ours. The runtime's failure messages are never passed on: they
 * can embed the evaluated FEEL context, which holds decrypted payloads.
 */
public final class CorrelationOutcomes {

  public static final String PROCESS_INSTANCE_CREATED = "PROCESS_INSTANCE_CREATED";
  public static final String MESSAGE_PUBLISHED = "MESSAGE_PUBLISHED";
  public static final String DUPLICATE = "DUPLICATE";
  public static final String NOT_MATCHED = "NOT_MATCHED";
  public static final String IGNORED = "IGNORED";

  /** An element expression (activation condition, correlation key, message ID, result) failed. */
  public static final String CORRELATION_FAILED = "CORRELATION_FAILED";

  public static final String ENGINE_BACK_PRESSURE = "ENGINE_BACK_PRESSURE";
  public static final String ENGINE_UNAVAILABLE = "ENGINE_UNAVAILABLE";
  public static final String ENGINE_REJECTED = "ENGINE_REJECTED";

  /** Never handed to the engine: the sender's retry is the first attempt at it. */
  public static final String NOT_ATTEMPTED = "NOT_ATTEMPTED";

  /**
   * Handed to the engine, but no answer came within the time budget: it may or may not have
   * happened. The sender retries; a message event's redelivery is then answered {@link #DUPLICATE}
   * if the first command did arrive.
   */
  public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

  /**
   * A replayed event the element only acknowledges: answered 2xx so the sender does not retry it,
   * and never handed to the engine.
   */
  public static final String REPLAY_ACKNOWLEDGED = "REPLAY_ACKNOWLEDGED";

  /** The event's encrypted payload is missing, malformed, or not for our key. Not retried. */
  public static final String DECRYPTION_FAILED = "DECRYPTION_FAILED";

  static final String EXPRESSION_FAILED_REASON =
      "an element expression could not be evaluated against this event";

  private CorrelationOutcomes() {}

  public static EventOutcome of(
      CorrelationResult result, String eventId, boolean consumeUnmatched) {
    return switch (result) {
      case Success success -> ofSuccess(success, eventId);
      case Failure failure -> ofFailure(failure, eventId, consumeUnmatched);
    };
  }

  private static EventOutcome ofSuccess(Success success, String eventId) {
    return switch (success) {
      case Success.ProcessInstanceCreated created ->
          new EventOutcome(
              null,
              eventId,
              WebhookStatus.OK,
              PROCESS_INSTANCE_CREATED,
              null,
              created.processInstanceKey(),
              null,
              null);
      case Success.MessagePublished published ->
          new EventOutcome(
              null,
              eventId,
              WebhookStatus.OK,
              MESSAGE_PUBLISHED,
              null,
              null,
              published.messageKey(),
              null);
      case Success.MessageAlreadyCorrelated alreadyCorrelated -> duplicate(eventId);
    };
  }

  private static EventOutcome ofFailure(Failure failure, String eventId, boolean consumeUnmatched) {
    return switch (failure) {
      case Failure.ActivationConditionNotMet notMet ->
          unmatched(eventId, consumeUnmatched, "activation condition not met");
      // A failing activation condition, a correlation key that cannot be computed, or several
      // elements activated at once: all about this event and this element, never the engine.
      case Failure.InvalidInput invalid -> correlationFailed(eventId);
      case Failure.ZeebeClientStatus status -> ofGrpcStatus(status.status(), eventId);
      case Failure.Other other -> ofThrowable(other.error(), eventId);
    };
  }

  public static EventOutcome unmatched(String eventId, boolean consume, String reason) {
    return consume
        ? EventOutcome.failed(eventId, WebhookStatus.ACCEPTED, IGNORED, reason + "; event consumed")
        : EventOutcome.failed(eventId, WebhookStatus.UNPROCESSABLE, NOT_MATCHED, reason);
  }

  public static EventOutcome replayAcknowledged(String eventId) {
    return EventOutcome.failed(
        eventId,
        WebhookStatus.ACCEPTED,
        REPLAY_ACKNOWLEDGED,
        "replayed event acknowledged without correlating, as the element says");
  }

  public static EventOutcome correlationFailed(String eventId) {
    return EventOutcome.failed(
        eventId, WebhookStatus.UNPROCESSABLE, CORRELATION_FAILED, EXPRESSION_FAILED_REASON);
  }

  /** The message ID was published before: the event is accepted, with no second effect. */
  static EventOutcome duplicate(String eventId) {
    return new EventOutcome(
        null,
        eventId,
        WebhookStatus.OK,
        DUPLICATE,
        "already published with this message ID",
        null,
        null,
        null);
  }

  public static EventOutcome notAttempted(String eventId, int status) {
    return EventOutcome.failed(
        eventId, status, NOT_ATTEMPTED, "skipped after an earlier event hit a retryable failure");
  }

  /**
   * The time budget ran out before the event was handed to the engine; the sender retries the
   * event.
   */
  public static EventOutcome outOfTime(String eventId) {
    return EventOutcome.failed(
        eventId,
        WebhookStatus.SERVICE_UNAVAILABLE,
        NOT_ATTEMPTED,
        "not correlated within the time budget; retry later");
  }

  /**
   * The time budget ran out, or the engine's answer timed out, after the command was sent: the
   * engine may have acted on it. Still retryable, but never worded as if nothing had happened.
   */
  public static EventOutcome outcomeUnknown(String eventId) {
    return EventOutcome.failed(
        eventId,
        WebhookStatus.SERVICE_UNAVAILABLE,
        OUTCOME_UNKNOWN,
        "no answer from the engine within the time budget; the event may have been correlated;"
            + " retry later");
  }

  static EventOutcome ofGrpcStatus(String code, String eventId) {
    return switch (code) {
      case "RESOURCE_EXHAUSTED" -> backPressure(eventId);
      case "ALREADY_EXISTS" -> duplicate(eventId);
      case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> engineRejected(eventId);
      // The command was sent and its answer did not come in time: it may have been applied.
      case "DEADLINE_EXCEEDED" -> outcomeUnknown(eventId);
      // Our side's trouble, not the sender's: an expired token or missing authorization of the
      // runtime, a definition that is being redeployed, an older gateway. Retried, not dropped.
      default -> engineUnavailable(eventId);
    };
  }

  /**
   * {@code Failure.Other} carries whatever the runtime caught: transport errors of either client
   * protocol (the engine's trouble), errors raised while building the command from this event (a
   * FEEL failure in the result expression, a message ID that evaluates to null, variables the
   * client cannot serialise: the event's trouble, and sending it again would fail the same way),
   * and errors of the runtime itself, which may come after the command was applied: the 8.8
   * runtime's activity log is not thread-safe, and under concurrent requests its write after a
   * successful correlation throws (docs/compatibility.md, row 2). The first cause we recognise
   * decides; a timeout anywhere in the chain means the wait for the engine's answer ended, not the
   * command, and is looked for before the transport, since the clients wrap it in their own
   * exception. What we cannot recognise may have been applied: the outcome is unknown, never a
   * final 422.
   */
  public static EventOutcome ofThrowable(Throwable error, String eventId) {
    for (var cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientHttpException http) {
        return ofHttpCode(http.code(), eventId);
      }
      if (cause instanceof TimeoutException) {
        return outcomeUnknown(eventId);
      }
      if (cause instanceof InternalClientException
          || cause instanceof FeelEngineWrapperException
          || cause instanceof ConnectorInputException
          || cause instanceof NullPointerException) {
        return correlationFailed(eventId);
      }
    }
    for (var cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientException
          || cause instanceof IOException
          || cause instanceof CancellationException
          || cause instanceof RejectedExecutionException
          || cause instanceof InterruptedException) {
        return engineUnavailable(eventId);
      }
    }
    return outcomeUnknown(eventId);
  }

  private static EventOutcome ofHttpCode(int code, String eventId) {
    if (code == 429) {
      return backPressure(eventId);
    }
    if (code == 409) {
      return duplicate(eventId);
    }
    if (code == 408 || code == 504) {
      // A request timeout of the gateway: the command may have been applied.
      return outcomeUnknown(eventId);
    }
    // 401/403/404 are the runtime's own authorization or a definition being redeployed: retried,
    // not dropped.
    if (code == 400 || code == 422) {
      return engineRejected(eventId);
    }
    return engineUnavailable(eventId);
  }

  private static EventOutcome engineRejected(String eventId) {
    return EventOutcome.failed(
        eventId, WebhookStatus.UNPROCESSABLE, ENGINE_REJECTED, "engine rejected the command");
  }

  private static EventOutcome backPressure(String eventId) {
    return EventOutcome.failed(
        eventId,
        WebhookStatus.TOO_MANY_REQUESTS,
        ENGINE_BACK_PRESSURE,
        "engine is applying back-pressure; retry later");
  }

  public static EventOutcome engineUnavailable(String eventId) {
    return EventOutcome.failed(
        eventId,
        WebhookStatus.SERVICE_UNAVAILABLE,
        ENGINE_UNAVAILABLE,
        "engine unavailable; retry later");
  }
}
