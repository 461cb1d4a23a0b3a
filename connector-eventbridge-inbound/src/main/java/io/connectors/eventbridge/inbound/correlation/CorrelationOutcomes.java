package io.connectors.eventbridge.inbound.correlation;

import io.camunda.client.api.command.ClientHttpException;
import io.camunda.connector.api.inbound.CorrelationResult;
import io.camunda.connector.api.inbound.CorrelationResult.Failure;
import io.camunda.connector.api.inbound.CorrelationResult.Success;
import io.connectors.eventbridge.inbound.http.EventOutcome;
import io.connectors.eventbridge.inbound.http.HttpStatus;

/**
 * Maps the runtime's correlation result to what the sender must do next.
 *
 * <p>Differs from the 8.8 webhook controller on purpose: there, a {@code Failure.Other} (which is
 * what the REST transport's errors become, including back-pressure) is a bare 500, and an unmet
 * activation condition that is consumed is a 200. Here back-pressure is always 429, an unreachable
 * engine 503 (both retried by EventBridge), a permanent rejection 422 (not retried), and a
 * consumed-but-unmatched event 202.
 */
public final class CorrelationOutcomes {

  public static final String PROCESS_INSTANCE_CREATED = "PROCESS_INSTANCE_CREATED";
  public static final String MESSAGE_PUBLISHED = "MESSAGE_PUBLISHED";
  public static final String DUPLICATE = "DUPLICATE";
  public static final String NOT_MATCHED = "NOT_MATCHED";
  public static final String IGNORED = "IGNORED";
  public static final String INVALID_INPUT = "INVALID_INPUT";
  public static final String ENGINE_BACK_PRESSURE = "ENGINE_BACK_PRESSURE";
  public static final String ENGINE_UNAVAILABLE = "ENGINE_UNAVAILABLE";
  public static final String ENGINE_REJECTED = "ENGINE_REJECTED";
  public static final String NOT_ATTEMPTED = "NOT_ATTEMPTED";

  /** The event's encrypted payload is missing, malformed, or not for our key. Not retried. */
  public static final String DECRYPTION_FAILED = "DECRYPTION_FAILED";

  private CorrelationOutcomes() {}

  public static EventOutcome of(
      CorrelationResult result, String eventId, boolean consumeUnmatched) {
    return switch (result) {
      case Success.ProcessInstanceCreated created ->
          new EventOutcome(
              null,
              eventId,
              HttpStatus.OK,
              PROCESS_INSTANCE_CREATED,
              null,
              created.processInstanceKey(),
              null);
      case Success.MessagePublished published ->
          new EventOutcome(
              null, eventId, HttpStatus.OK, MESSAGE_PUBLISHED, null, null, published.messageKey());
      case Success.MessageAlreadyCorrelated alreadyCorrelated -> duplicate(eventId);
      case Failure.ActivationConditionNotMet notMet ->
          unmatched(eventId, consumeUnmatched, "activation condition not met");
      case Failure.InvalidInput invalid ->
          EventOutcome.failed(eventId, HttpStatus.UNPROCESSABLE, INVALID_INPUT, invalid.message());
      case Failure.ZeebeClientStatus status -> ofGrpcStatus(status.status(), eventId);
      case Failure.Other other -> ofThrowable(other.error(), eventId);
      default -> engineUnavailable(eventId);
    };
  }

  public static EventOutcome unmatched(String eventId, boolean consume, String reason) {
    return consume
        ? EventOutcome.failed(eventId, HttpStatus.ACCEPTED, IGNORED, reason + "; event consumed")
        : EventOutcome.failed(eventId, HttpStatus.UNPROCESSABLE, NOT_MATCHED, reason);
  }

  /** The message ID was published before: the event is accepted, with no second effect. */
  static EventOutcome duplicate(String eventId) {
    return new EventOutcome(
        null, eventId, HttpStatus.OK, DUPLICATE, "already published with this message ID", null, null);
  }

  public static EventOutcome notAttempted(String eventId, int status) {
    return EventOutcome.failed(
        eventId, status, NOT_ATTEMPTED, "skipped after an earlier event hit a retryable failure");
  }

  static EventOutcome ofGrpcStatus(String code, String eventId) {
    return switch (code) {
      case "RESOURCE_EXHAUSTED" -> backPressure(eventId);
      case "ALREADY_EXISTS" -> duplicate(eventId);
      case "INVALID_ARGUMENT",
          "NOT_FOUND",
          "FAILED_PRECONDITION",
          "OUT_OF_RANGE",
          "UNIMPLEMENTED" ->
          EventOutcome.failed(
              eventId,
              HttpStatus.UNPROCESSABLE,
              ENGINE_REJECTED,
              "engine rejected the command (" + code + ")");
      default -> engineUnavailable(eventId);
    };
  }

  /** Errors of the REST transport arrive unclassified; their HTTP code says what they mean. */
  static EventOutcome ofThrowable(Throwable error, String eventId) {
    for (var cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientHttpException http) {
        return switch (http.code()) {
          case 429 -> backPressure(eventId);
          case 409 -> duplicate(eventId);
          case 400, 404, 422 ->
              EventOutcome.failed(
                  eventId,
                  HttpStatus.UNPROCESSABLE,
                  ENGINE_REJECTED,
                  "engine rejected the command (HTTP " + http.code() + ")");
          default -> engineUnavailable(eventId);
        };
      }
    }
    // Timeouts, connection failures and anything else we cannot classify: the event was not
    // taken, so the sender must retry rather than get a 500 it would treat the same way anyway.
    return engineUnavailable(eventId);
  }

  private static EventOutcome backPressure(String eventId) {
    return EventOutcome.failed(
        eventId,
        HttpStatus.TOO_MANY_REQUESTS,
        ENGINE_BACK_PRESSURE,
        "engine is applying back-pressure; retry later");
  }

  private static EventOutcome engineUnavailable(String eventId) {
    return EventOutcome.failed(
        eventId,
        HttpStatus.SERVICE_UNAVAILABLE,
        ENGINE_UNAVAILABLE,
        "engine unavailable; retry later");
  }
}
